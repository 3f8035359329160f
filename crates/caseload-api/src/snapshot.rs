//! The read model: everything one request computes over, read from the store in one read
//! transaction ([`caseload_store::Store::load_snapshot`]), and the questions every view asks
//! of it (whose child, which IRO by name). Views take a `&Snapshot`; only `app.rs` loads one.

use caseload_core::calendar::Calendar;
use caseload_core::domain::{Caseload, ChildRecord};
use caseload_core::ids::{ChildId, IroId};
use caseload_core::rules::Rules;
use caseload_core::schedule::Ctx;
use caseload_core::settings::Settings;
use chrono::NaiveDate;

use crate::views::IroRef;

/// Everything the core computes over, as the store held it at one moment.
pub(crate) struct Snapshot {
    pub caseload: Caseload,
    pub calendar: Calendar,
    pub rules: Rules,
    pub settings: Settings,
}

impl From<caseload_store::Snapshot> for Snapshot {
    fn from(s: caseload_store::Snapshot) -> Snapshot {
        Snapshot {
            caseload: s.caseload,
            calendar: s.calendar,
            rules: s.rules,
            settings: s.settings,
        }
    }
}

impl Snapshot {
    /// What the core's computations take.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            calendar: &self.calendar,
            rules: &self.rules,
            settings: &self.settings,
        }
    }

    /// An IRO's name ("IRO 7" for an id the store does not hold).
    pub fn iro_name(&self, id: IroId) -> String {
        self.caseload
            .iros
            .iter()
            .find(|i| i.id == id)
            .map_or_else(|| format!("IRO {id}"), |i| i.details.name.clone())
    }

    /// An IRO by id and name.
    pub fn iro_ref(&self, id: IroId) -> IroRef {
        IroRef {
            id,
            name: self.iro_name(id),
        }
    }

    /// One child's record.
    pub fn child(&self, id: ChildId) -> Option<&ChildRecord> {
        self.caseload.children.iter().find(|r| r.child.id == id)
    }

    /// The children of one IRO on `as_of` (by [`ChildRecord::iro_for`]), or everyone's, each
    /// with the IRO they are allocated to.
    pub fn children_of(
        &self,
        iro: Option<IroId>,
        as_of: NaiveDate,
    ) -> impl Iterator<Item = (&ChildRecord, Option<IroId>)> + '_ {
        self.caseload.children.iter().filter_map(move |record| {
            let allocated = record.iro_for(as_of);
            (iro.is_none() || allocated == iro).then_some((record, allocated))
        })
    }
}
