//! The sender's side: the bundle of the chosen children under a one-time passphrase, shown
//! once, and, once the sender confirms the receiver has it, the children marked transferred
//! out (allocated to the receiving IRO, read-only here, nothing deleted).

use std::path::Path;

use caseload_core::change::Change;
use caseload_core::domain::{ChildRecord, IroDetails, TransferredOut};
use caseload_core::ids::{ChildId, IroId};
use caseload_store::{BundleContent, BundleKind, BundleMeta};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::passphrase::new_one_time;
use crate::snapshot::Snapshot;
use crate::{ApiError, App};

/// Which children go, and to whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HandoverRequest {
    /// The children chosen (ignored with `all`).
    #[serde(default)]
    pub children: Vec<ChildId>,
    /// The whole caseload: every child not already transferred out.
    #[serde(default)]
    pub all: bool,
    /// The receiving IRO's name.
    pub to_iro: String,
}

/// One child handed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct HandedOver {
    /// Their id in this store.
    pub id: ChildId,
    /// Their name.
    pub name: String,
    /// Their local reference, by which the receiving store knows them if it has them.
    pub local_ref: Option<String>,
}

/// A bundle written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct HandoverExport {
    /// Where it was written.
    pub path: String,
    /// The one-time passphrase, shown this once: give it to the receiver by another channel.
    pub passphrase: String,
    /// The children in it.
    pub children: Vec<HandedOver>,
    /// The sending IRO's name (the store's own profile), or "" when the store has none.
    pub from_iro: String,
    /// The receiving IRO's name.
    pub to_iro: String,
    /// The day of the handover.
    pub made_on: NaiveDate,
}

/// Children marked transferred out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TransferOutView {
    /// The children, now read-only here.
    pub children: Vec<HandedOver>,
    /// To whom.
    pub to_iro: String,
    /// From which day.
    pub on: NaiveDate,
}

/// A child the Handover screen lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct HandoverCandidate {
    /// Their id.
    pub id: ChildId,
    /// Their name.
    pub name: String,
    /// Their local reference.
    pub local_ref: Option<String>,
    /// Their IRO today.
    pub iro: Option<String>,
    /// Set when they were handed over already: read-only here.
    pub transferred_out: Option<TransferredOut>,
}

impl App {
    /// Every child, by name, for choosing whom to hand over or cover.
    pub fn handover_candidates(
        &self,
        as_of: NaiveDate,
    ) -> Result<Vec<HandoverCandidate>, ApiError> {
        let snap = self.snapshot()?;
        let mut rows: Vec<HandoverCandidate> = snap
            .caseload
            .children
            .iter()
            .map(|r| HandoverCandidate {
                id: r.child.id,
                name: r.child.details.display_name(),
                local_ref: r.child.details.local_ref.clone(),
                iro: r.iro_for(as_of).map(|id| snap.iro_name(id)),
                transferred_out: r.transferred_out.clone(),
            })
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(rows)
    }

    /// Writes the handover bundle of the chosen children to `path` under a new one-time
    /// passphrase, which the result carries to be shown once. Nothing in the store changes.
    pub fn export_handover(
        &self,
        request: &HandoverRequest,
        path: &Path,
        made_on: NaiveDate,
    ) -> Result<HandoverExport, ApiError> {
        let snap = self.snapshot()?;
        let to_iro = receiving_iro(request)?;
        let chosen = chosen(&snap, request)?;
        let from_iro = self.sender(&snap, &chosen, made_on)?;
        let (shown, passphrase) = new_one_time()?;
        let meta = BundleMeta {
            kind: BundleKind::Handover,
            made_on,
            from_iro: from_iro.clone(),
            to_iro: to_iro.clone(),
            until_on: None,
        };
        let ids: Vec<ChildId> = chosen.iter().map(|r| r.child.id).collect();
        self.store()
            .write_bundle(path, &passphrase, &meta, &BundleContent::Children(&ids))?;
        Ok(HandoverExport {
            path: path.display().to_string(),
            passphrase: shown,
            children: chosen.iter().map(|r| handed_over(r)).collect(),
            from_iro,
            to_iro,
            made_on,
        })
    }

    /// Who hands over: the store's own IRO profile, else the one IRO all the chosen children
    /// are allocated to on the day, else "" (the receiver reads "another IRO").
    pub(super) fn sender(
        &self,
        snap: &Snapshot,
        chosen: &[&ChildRecord],
        on: NaiveDate,
    ) -> Result<String, ApiError> {
        if let Some(owner) = self.owner()? {
            return Ok(snap.iro_name(owner));
        }
        let mut iros = chosen.iter().map(|r| r.iro_for(on));
        let first = iros.next().flatten();
        Ok(match first {
            Some(id) if iros.all(|i| i == Some(id)) => snap.iro_name(id),
            _ => String::new(),
        })
    }

    /// Marks the chosen children transferred out to the receiving IRO from `on` (the sender
    /// confirmed the receiver has the bundle): one transaction; the receiving IRO's profile is
    /// added if this store has none of that name.
    pub fn transfer_out(
        &mut self,
        request: &HandoverRequest,
        on: NaiveDate,
    ) -> Result<TransferOutView, ApiError> {
        let snap = self.snapshot()?;
        let to_iro = receiving_iro(request)?;
        let chosen = chosen(&snap, request)?;
        let mut changes = Vec::with_capacity(chosen.len() + 1);
        let iro = match find_iro(&snap, &to_iro) {
            Some(id) => id,
            None => {
                let id = IroId(snap.caseload.iros.iter().map(|i| i.id.0).max().unwrap_or(0) + 1);
                changes.push(Change::AddIro {
                    id: Some(id),
                    details: IroDetails {
                        name: to_iro.clone(),
                        fte: 1.0,
                        active: true,
                    },
                });
                id
            }
        };
        changes.extend(chosen.iter().map(|r| Change::TransferOut {
            child: r.child.id,
            iro,
            on,
        }));
        self.apply(&changes, on, None)?;
        Ok(TransferOutView {
            children: chosen.iter().map(|r| handed_over(r)).collect(),
            to_iro,
            on,
        })
    }
}

pub(super) fn receiving_iro(request: &HandoverRequest) -> Result<String, ApiError> {
    let name = request.to_iro.trim();
    if name.is_empty() {
        return Err(ApiError::BadInput(
            "Name the receiving IRO (to_iro).".to_string(),
        ));
    }
    Ok(name.to_string())
}

/// The IRO of that name in the store (case and spaces aside).
pub(crate) fn find_iro(snap: &Snapshot, name: &str) -> Option<IroId> {
    let wanted = name.trim().to_lowercase();
    snap.caseload
        .iros
        .iter()
        .find(|i| i.details.name.trim().to_lowercase() == wanted)
        .map(|i| i.id)
}

/// The children the request names, each in the store and not transferred out already; the
/// whole caseload's for `all`.
pub(super) fn chosen<'s>(
    snap: &'s Snapshot,
    request: &HandoverRequest,
) -> Result<Vec<&'s ChildRecord>, ApiError> {
    let records = &snap.caseload.children;
    let chosen: Vec<&ChildRecord> =
        if request.all {
            records
                .iter()
                .filter(|r| r.transferred_out.is_none())
                .collect()
        } else {
            let mut chosen = Vec::with_capacity(request.children.len());
            for id in &request.children {
                let record = records.iter().find(|r| r.child.id == *id).ok_or_else(|| {
                    ApiError::NotFound {
                        what: format!("child {id}"),
                    }
                })?;
                if let Some(out) = &record.transferred_out {
                    return Err(ApiError::BadInput(format!(
                        "{} was transferred out to {} already.",
                        record.child.details.display_name(),
                        out.to
                    )));
                }
                if !chosen.iter().any(|r: &&ChildRecord| r.child.id == *id) {
                    chosen.push(record);
                }
            }
            chosen
        };
    if chosen.is_empty() {
        return Err(ApiError::BadInput(
            "Choose at least one child to hand over (children).".to_string(),
        ));
    }
    Ok(chosen)
}

fn handed_over(r: &ChildRecord) -> HandedOver {
    HandedOver {
        id: r.child.id,
        name: r.child.details.display_name(),
        local_ref: r.child.details.local_ref.clone(),
    }
}
