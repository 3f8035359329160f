//! Fixtures shared by the core's test binaries, each of which includes this file with
//! `#[path = "../common/mod.rs"] mod common;`: a date from text, the parts of a child's record
//! (details, the record with its allocation, a period of care, a child-protection episode,
//! and a child with both), the IROs of a caseload, what a computation runs with (the bundled
//! calendar, the default rules and settings), and a change validated on the validation tests'
//! day.
//!
//! Not here: the words of one feature's tests (the schedule's `Rec`, the report's `Kid`, the
//! validation's `check`), which each binary builds on top of these.

// Each binary uses some of these fixtures, none all of them.
#![allow(dead_code)]

use caseload_core::calendar::Calendar;
use caseload_core::change::Change;
use caseload_core::domain::{
    Allocation, Child, ChildDetails, ChildRecord, CpEpisode, CpEpisodeDetails, Iro, IroDetails,
    LegalStatus, PeriodOfCare, Regime, Sex,
};
use caseload_core::ids::{CarePeriodId, ChildId, CpEpisodeId, IroId};
use caseload_core::rules::{DisputeLadders, DisputeReasons, Rules};
use caseload_core::schedule::Ctx;
use caseload_core::settings::Settings;
use caseload_core::validate::{validate, Context, FieldError};
use chrono::NaiveDate;

/// `"2026-12-18"` → date. Test data only.
pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {text}"))
}

/// A child called `first` `last`, born on `born` (None: not born yet, no expected date), with
/// no other detail.
pub fn child_details(first: &str, last: &str, born: Option<&str>, sex: Sex) -> ChildDetails {
    ChildDetails {
        first_name: first.into(),
        last_name: last.into(),
        preferred_name: None,
        born_on: born.map(d),
        expected_birth_on: None,
        sex,
        ethnicity: None,
        local_ref: None,
        sibling_group: None,
        social_worker: None,
        team: None,
    }
}

/// Child `id`'s record: these details, allocated to IRO 1 from `allocated_from`, and nothing
/// else yet.
pub fn child_record(id: i64, details: ChildDetails, allocated_from: &str) -> ChildRecord {
    ChildRecord {
        child: Child {
            id: ChildId(id),
            details,
        },
        allocations: vec![Allocation {
            iro: IroId(1),
            from_on: d(allocated_from),
            reason: None,
        }],
        care_periods: Vec::new(),
        cp_episodes: Vec::new(),
        meetings: Vec::new(),
        disputes: Vec::new(),
        records: Vec::new(),
        decisions: Vec::new(),
        transferred_out: None,
    }
}

/// A period of care of `child` with no review history: full care under a care order (C2), or
/// short breaks (V3).
pub fn period_of_care(
    id: CarePeriodId,
    child: ChildId,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    regime: Regime,
) -> PeriodOfCare {
    PeriodOfCare {
        history: Default::default(),
        id,
        child,
        started_on,
        ended_on,
        legal_status: match regime {
            Regime::FullCare => LegalStatus::C2,
            Regime::ShortBreaks => LegalStatus::V3,
        },
        regime,
    }
}

/// A child-protection episode of `child`.
pub fn cp_episode(id: CpEpisodeId, child: ChildId, details: CpEpisodeDetails) -> CpEpisode {
    CpEpisode { id, child, details }
}

/// Child 1 with these details, allocated to IRO 1 from `allocated_from`, looked after (full
/// care) since 6 January 2020 and with one child-protection episode.
pub fn in_care_and_protection(
    details: ChildDetails,
    allocated_from: &str,
    episode: CpEpisodeDetails,
) -> ChildRecord {
    let mut rec = child_record(1, details, allocated_from);
    rec.care_periods.push(period_of_care(
        CarePeriodId(1),
        ChildId(1),
        d("2020-01-06"),
        None,
        Regime::FullCare,
    ));
    rec.cp_episodes
        .push(cp_episode(CpEpisodeId(1), ChildId(1), episode));
    rec
}

/// IROs 1..=n at 1.0 FTE, named "IRO n".
pub fn iros(n: i64) -> Vec<Iro> {
    (1..=n)
        .map(|id| Iro {
            id: IroId(id),
            details: IroDetails {
                name: format!("IRO {id}"),
                fte: 1.0,
                active: true,
            },
        })
        .collect()
}

/// What a computation runs with: the bundled calendar and the default rules and settings, any
/// of which a test may change before taking the [`Ctx`].
pub struct Env {
    pub calendar: Calendar,
    pub rules: Rules,
    pub settings: Settings,
}

impl Env {
    /// The bundled calendar, the default rules, the default settings.
    pub fn defaults() -> Env {
        Env {
            calendar: Calendar::bundled(),
            rules: Rules::defaults(),
            settings: Settings::DEFAULTS,
        }
    }

    /// The context of a computation over this environment.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            calendar: &self.calendar,
            rules: &self.rules,
            settings: &self.settings,
        }
    }
}

/// `change` validated on 23 November 2026, the day the validation tests are set on, against
/// the child's `record`, the store's IROs (id, active) and its dispute ladders and reasons.
pub fn validated(
    change: &Change,
    record: Option<&ChildRecord>,
    iros: &[(IroId, bool)],
    ladders: &DisputeLadders,
    reasons: &DisputeReasons,
) -> Vec<FieldError> {
    let ctx = Context {
        as_of: d("2026-11-23"),
        record,
        iros,
        ladders,
        reasons,
    };
    validate(change, &ctx)
}
