//! The cover pack (issue 17, part 2): for a colleague covering a period, a read-only export of
//! the chosen children's next N weeks — what falls due (and what is overdue), the meetings
//! booked, the open disputes and the open decisions — worked out on the day it is made and kept
//! as one view in a bundle under a one-time passphrase, like a handover.
//!
//! Only the view goes in, not the children's records: the colleague sees what they need for
//! the weeks covered and nothing more, and nothing of it can be written back. Opening it needs
//! no caseload of the colleague's (the app shows it apart, under a banner saying whose it is and
//! until when); removing it deletes the file.

use std::path::Path;

use caseload_core::domain::{DecisionDue, DecisionState, MeetingStatus};
use caseload_core::explain::uk_date;
use caseload_core::ids::ChildId;
use caseload_store::{Bundle, BundleContent, BundleKind, BundleMeta};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::passphrase::{new_one_time, read_one_time};
use crate::{ApiError, App};

/// Which children, for whom, for how long.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoverPackRequest {
    /// The children chosen (ignored with `all`).
    #[serde(default)]
    pub children: Vec<ChildId>,
    /// Every child of the caseload not transferred out.
    #[serde(default)]
    pub all: bool,
    /// The colleague covering.
    pub to_iro: String,
    /// How many weeks ahead (1 to 26).
    pub weeks: u32,
}

/// One line of a child's cover: a date (when it has one) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoverItem {
    /// The day it is due, booked or raised.
    pub on: Option<NaiveDate>,
    /// What, in a sentence.
    pub what: String,
}

/// One child's weeks ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoverChild {
    /// Their name.
    pub name: String,
    /// Their local reference.
    pub local_ref: Option<String>,
    /// What falls due by the pack's last day, overdue first.
    pub due: Vec<CoverItem>,
    /// Meetings booked from the day it was made to its last day.
    pub meetings: Vec<CoverItem>,
    /// Open disputes.
    pub disputes: Vec<CoverItem>,
    /// Open decisions of their meetings.
    pub decisions: Vec<CoverItem>,
}

/// A cover pack: made (with its one-time passphrase, shown once) or opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoverPackView {
    /// The file.
    pub file: String,
    /// The IRO whose children these are.
    pub from_iro: String,
    /// The colleague covering.
    pub to_iro: String,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The last day it covers.
    pub until_on: NaiveDate,
    /// The children.
    pub children: Vec<CoverChild>,
    /// The one-time passphrase, when the pack was just made (shown once); never when opened.
    pub passphrase: Option<String>,
}

impl App {
    /// Writes a cover pack of the chosen children's next `weeks` weeks to `path`.
    pub fn export_cover_pack(
        &self,
        request: &CoverPackRequest,
        path: &Path,
        made_on: NaiveDate,
    ) -> Result<CoverPackView, ApiError> {
        if !(1..=26).contains(&request.weeks) {
            return Err(ApiError::BadInput(
                "A cover pack covers 1 to 26 weeks (weeks).".to_string(),
            ));
        }
        let until_on = made_on + Days::new(u64::from(request.weeks) * 7 - 1);
        let mut view = self.cover_view(request, made_on, until_on)?;
        let json = serde_json::to_string(&view.children)
            .map_err(|e| ApiError::BadInput(format!("the cover pack could not be written: {e}")))?;
        let (shown, passphrase) = new_one_time()?;
        let meta = BundleMeta {
            kind: BundleKind::CoverPack,
            made_on,
            from_iro: view.from_iro.clone(),
            to_iro: view.to_iro.clone(),
            until_on: Some(until_on),
        };
        self.store()
            .write_bundle(path, &passphrase, &meta, &BundleContent::View(&json))?;
        view.file = path.display().to_string();
        view.passphrase = Some(shown);
        Ok(view)
    }

    fn cover_view(
        &self,
        request: &CoverPackRequest,
        made_on: NaiveDate,
        until_on: NaiveDate,
    ) -> Result<CoverPackView, ApiError> {
        let handover = super::HandoverRequest {
            children: request.children.clone(),
            all: request.all,
            to_iro: request.to_iro.clone(),
        };
        let to_iro = super::export::receiving_iro(&handover)?;
        let snap = self.snapshot()?;
        let chosen = super::export::chosen(&snap, &handover)?;
        let warnings = self.warnings(made_on, None)?.warnings;
        let children = chosen
            .iter()
            .map(|r| {
                let due = warnings
                    .iter()
                    .filter(|w| w.child == Some(r.child.id))
                    .filter(|w| w.due.is_none_or(|d| d <= until_on))
                    .map(|w| CoverItem {
                        on: w.due,
                        what: format!("{}: {}", w.title, w.message),
                    })
                    .collect();
                let meetings = r
                    .meetings
                    .iter()
                    .filter(|m| m.status == MeetingStatus::Booked)
                    .filter(|m| m.booked_on.is_some_and(|d| d >= made_on && d <= until_on))
                    .map(|m| CoverItem {
                        on: m.booked_on,
                        what: format!(
                            "{} booked{}{}",
                            snap.settings.terminology.say(m.kind.label()),
                            m.booked_at
                                .map(|t| format!(" at {}", t.format("%H:%M")))
                                .unwrap_or_default(),
                            m.venue
                                .as_deref()
                                .map(|v| format!(", {v}"))
                                .unwrap_or_default()
                        ),
                    })
                    .collect();
                let disputes = r
                    .disputes
                    .iter()
                    .filter(|d| d.outcome.is_none())
                    .map(|d| CoverItem {
                        on: Some(d.raised_on),
                        what: format!(
                            "Open {} raised on {}, at stage {}",
                            d.kind.label(),
                            uk_date(d.raised_on),
                            d.stages.last().map_or(0, |s| s.stage.0)
                        ),
                    })
                    .collect();
                let decisions = r
                    .decisions
                    .iter()
                    .filter(|d| d.state == DecisionState::Open)
                    .map(|d| CoverItem {
                        on: match d.due {
                            DecisionDue::On { on } => Some(on),
                            DecisionDue::ByNextReview => None,
                        },
                        what: format!("Decision {}: {} ({})", d.number, d.text, d.owner),
                    })
                    .collect();
                CoverChild {
                    name: r.child.details.display_name(),
                    local_ref: r.child.details.local_ref.clone(),
                    due,
                    meetings,
                    disputes,
                    decisions,
                }
            })
            .collect();
        Ok(CoverPackView {
            file: String::new(),
            from_iro: self.sender(&snap, &chosen, made_on)?,
            to_iro,
            made_on,
            until_on,
            children,
            passphrase: None,
        })
    }
}

/// Opens a cover pack read-only with its one-time passphrase (no caseload needed); a wrong
/// passphrase is refused and nothing changes.
pub fn open_cover_pack(path: &Path, passphrase: &str) -> Result<CoverPackView, ApiError> {
    let bundle = Bundle::open(path, &read_one_time(passphrase)?)?;
    let meta = bundle.meta().clone();
    let (BundleKind::CoverPack, Some(until_on)) = (meta.kind, meta.until_on) else {
        return Err(ApiError::BadInput(format!(
            "{} is a handover bundle, not a cover pack: import it with \"Import a handover\".",
            path.display()
        )));
    };
    let json = bundle.view_json()?.unwrap_or_else(|| "[]".to_string());
    let children: Vec<CoverChild> = serde_json::from_str(&json).map_err(|e| {
        ApiError::BadInput(format!(
            "{} is not a readable cover pack: {e}",
            path.display()
        ))
    })?;
    Ok(CoverPackView {
        file: path.display().to_string(),
        from_iro: meta.from_iro,
        to_iro: meta.to_iro,
        made_on: meta.made_on,
        until_on,
        children,
        passphrase: None,
    })
}

/// Removes a cover pack: proves it is one (with its passphrase), then deletes the file.
pub fn remove_cover_pack(path: &Path, passphrase: &str) -> Result<(), ApiError> {
    open_cover_pack(path, passphrase)?;
    delete_cover_pack(path)
}

/// Deletes the file of a cover pack already opened with its passphrase (the desktop remembers
/// which file it opened).
pub fn delete_cover_pack(path: &Path) -> Result<(), ApiError> {
    std::fs::remove_file(path).map_err(|e| {
        ApiError::NotWritten(format!(
            "The cover pack {} could not be removed: {e}.",
            path.display()
        ))
    })
}
