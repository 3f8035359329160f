//! The receiver's side: the bundle opened with its passphrase, each child planned against the
//! store (new whole; already here by local reference: what is new, or the conflicts, and then
//! left out), and the plan run through `apply_groups`, one group per child, whole or not at
//! all: rolled back for the preview, kept (after a backup) for the import. Each child received
//! is allocated to the receiving IRO from the day of the handover.

use std::collections::HashMap;
use std::path::Path;

use caseload_core::change::Change;
use caseload_core::domain::{ChildRecord, HistoryRow, Iro, IroDetails};
use caseload_core::ids::{ChildId, IroId};
use caseload_store::{AuditFilter, Bundle, BundleKind, BundleMeta};
use chrono::NaiveDate;
use serde::Serialize;

use super::merge::{facts, is_empty, merge};
use super::passphrase::read_one_time;
use crate::snapshot::Snapshot;
use crate::{ApiError, App};

/// What becomes of a child of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum HandoverOutcome {
    /// Not in the store: added whole.
    New,
    /// In the store (the same local reference): what is new added.
    Merged,
    /// In the store, nothing new (only the transfer recorded, if it was not).
    Unchanged,
    /// Left out whole: see `reasons`.
    Skipped,
}

/// One child of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct HandoverChild {
    /// Their name, as the bundle has it.
    pub name: String,
    /// Their local reference.
    pub local_ref: Option<String>,
    /// What becomes of them.
    pub outcome: HandoverOutcome,
    /// How many facts (allocations, periods, episodes, meetings, records, decisions, disputes)
    /// are added.
    pub facts: u32,
    /// How many rows of their history (the sender's audit trail) come with them.
    pub history: u32,
    /// Why they are left out: each conflict or refusal, naming the fact.
    pub reasons: Vec<String>,
}

/// What an import of a handover does (a preview) or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct HandoverPreview {
    /// The bundle's file.
    pub file: String,
    /// The day of the handover.
    pub made_on: NaiveDate,
    /// The sending IRO.
    pub from_iro: String,
    /// The receiving IRO.
    pub to_iro: String,
    /// Children added.
    pub new: u32,
    /// Children merged.
    pub merged: u32,
    /// Children already as the bundle has them.
    pub unchanged: u32,
    /// Children left out.
    pub skipped: u32,
    /// Every child, in the bundle's order.
    pub children: Vec<HandoverChild>,
    /// True when written; false for a preview.
    pub committed: bool,
    /// The backup taken before writing.
    pub backup: Option<String>,
}

/// One child's changes, and its row of the preview.
struct Planned {
    changes: Vec<Change>,
    row: HandoverChild,
}

impl App {
    /// Imports the handover bundle at `path` (or, with `commit` false, previews it: the same
    /// run, nothing kept). A wrong passphrase changes nothing. One transaction after a backup;
    /// each child whole or not at all.
    pub fn import_handover(
        &mut self,
        path: &Path,
        passphrase: &str,
        as_of: NaiveDate,
        commit: bool,
    ) -> Result<HandoverPreview, ApiError> {
        let bundle = Bundle::open(path, &read_one_time(passphrase)?)?;
        let meta = bundle.meta().clone();
        if meta.kind != BundleKind::Handover {
            return Err(ApiError::BadInput(format!(
                "{} is a cover pack, not a handover: open it with \"Open a cover pack\".",
                path.display()
            )));
        }
        let snap = self.snapshot()?;
        let source = format!(
            "handover from {} made {}",
            if meta.from_iro.is_empty() {
                "another IRO"
            } else {
                &meta.from_iro
            },
            meta.made_on
        );
        let mut iros = IroPlan::new(&snap);
        let to = iros.id_for(&meta.to_iro);
        let mut planned = Vec::new();
        let mut next_child = snap
            .caseload
            .children
            .iter()
            .map(|r| r.child.id.0)
            .max()
            .unwrap_or(0);
        for record in bundle.records()? {
            let history = self.history(&bundle, &record, &snap, &source)?;
            let record = iros.map_allocations(record, &bundle.iros()?);
            planned.push(plan_child(
                &snap,
                record,
                history,
                to,
                &meta,
                &mut next_child,
            ));
        }
        // First the whole plan tried and rolled back: a child the store refuses is left out
        // with its reasons. Then, for the import, only the children that passed are written
        // (with the IRO profiles they need), after a backup; when none passed, nothing is.
        let mut groups = vec![iros.changes];
        groups.extend(planned.iter().map(|p| p.changes.clone()));
        let outcomes = self.apply_groups(&groups, as_of, &source, false, &mut |_| {})?;
        for (p, outcome) in planned.iter_mut().zip(outcomes.into_iter().skip(1)) {
            if let Err(refused) = outcome {
                leave_out(
                    &mut p.row,
                    refused
                        .iter()
                        .flat_map(|c| c.errors.iter().map(|e| e.message.clone()))
                        .collect(),
                );
                p.changes.clear();
            }
        }
        let writes = planned.iter().any(|p| !p.changes.is_empty());
        let backup = if commit && writes {
            let backup = self.backup_before_import()?;
            groups.truncate(1);
            groups.extend(planned.iter().map(|p| p.changes.clone()));
            for (p, outcome) in planned.iter_mut().zip(
                self.apply_groups(&groups, as_of, &source, true, &mut |_| {})?
                    .into_iter()
                    .skip(1),
            ) {
                if let Err(refused) = outcome {
                    leave_out(
                        &mut p.row,
                        refused
                            .iter()
                            .flat_map(|c| c.errors.iter().map(|e| e.message.clone()))
                            .collect(),
                    );
                }
            }
            backup
        } else {
            None
        };
        let children: Vec<HandoverChild> = planned.into_iter().map(|p| p.row).collect();
        let count = |o: HandoverOutcome| children.iter().filter(|c| c.outcome == o).count() as u32;
        Ok(HandoverPreview {
            file: path.display().to_string(),
            made_on: meta.made_on,
            from_iro: meta.from_iro,
            to_iro: meta.to_iro,
            new: count(HandoverOutcome::New),
            merged: count(HandoverOutcome::Merged),
            unchanged: count(HandoverOutcome::Unchanged),
            skipped: count(HandoverOutcome::Skipped),
            children,
            committed: commit && writes,
            backup,
        })
    }

    /// The bundle's audit rows about the child, as this store's history of them, each marked
    /// with the handover (and where the sender's row came from); rows this store already holds
    /// for the same child (a child handed back) are not repeated.
    fn history(
        &self,
        bundle: &Bundle,
        record: &ChildRecord,
        snap: &Snapshot,
        source: &str,
    ) -> Result<Vec<HistoryRow>, ApiError> {
        let held: Vec<(String, String)> = match existing(snap, record) {
            Some(here) => self
                .audit(&AuditFilter {
                    child: Some(here.child.id),
                    ..AuditFilter::default()
                })?
                .into_iter()
                .map(|e| {
                    (
                        e.recorded_at
                            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                        e.op,
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        Ok(bundle
            .history(record.child.id)?
            .into_iter()
            .filter(|row| !held.contains(&(row.recorded_at.clone(), row.op.clone())))
            .map(|row| HistoryRow {
                source: if row.source.is_empty() {
                    source.to_string()
                } else {
                    format!("{source} ({})", row.source)
                },
                ..row
            })
            .collect())
    }
}

/// The child already here with the bundle child's local reference, if any.
fn existing<'s>(snap: &'s Snapshot, record: &ChildRecord) -> Option<&'s ChildRecord> {
    let wanted = record.child.details.local_ref.as_deref()?.trim();
    if wanted.is_empty() {
        return None;
    }
    snap.caseload
        .children
        .iter()
        .find(|r| r.child.details.local_ref.as_deref().map(str::trim) == Some(wanted))
}

/// One child's changes: new whole, or merged, or left out with its conflicts; then the
/// transfer to the receiving IRO on the day of the handover.
fn plan_child(
    snap: &Snapshot,
    record: ChildRecord,
    history: Vec<HistoryRow>,
    to: IroId,
    meta: &BundleMeta,
    next_child: &mut i64,
) -> Planned {
    let mut row = HandoverChild {
        name: record.child.details.display_name(),
        local_ref: record.child.details.local_ref.clone(),
        outcome: HandoverOutcome::New,
        facts: facts(&record),
        history: history.len() as u32,
        reasons: Vec::new(),
    };
    let (id, merge_into, received) = match existing(snap, &record) {
        None => {
            *next_child += 1;
            (ChildId(*next_child), false, record)
        }
        Some(here) => match merge(here, &record) {
            Err(conflicts) => {
                leave_out(&mut row, conflicts);
                return Planned {
                    changes: Vec::new(),
                    row,
                };
            }
            Ok(new) => {
                row.outcome = if is_empty(&new) {
                    HandoverOutcome::Unchanged
                } else {
                    HandoverOutcome::Merged
                };
                row.facts = facts(&new);
                (here.child.id, true, new)
            }
        },
    };
    let already_to = merge_into
        && existing(snap, &received)
            .and_then(|here| here.iro_on(meta.made_on))
            .is_some_and(|iro| iro == to);
    let mut changes = Vec::with_capacity(2);
    if !(row.outcome == HandoverOutcome::Unchanged && history.is_empty()) {
        changes.push(Change::ReceiveChild {
            id: Some(id),
            merge: merge_into,
            record: Box::new(received),
            history,
        });
    }
    if !already_to {
        changes.push(Change::AllocateIro {
            child: id,
            iro: to,
            from_on: meta.made_on,
            reason: Some(format!(
                "Handover from {}",
                if meta.from_iro.is_empty() {
                    "another IRO"
                } else {
                    &meta.from_iro
                }
            )),
        });
    }
    Planned { changes, row }
}

/// The child left out whole, for these reasons.
fn leave_out(row: &mut HandoverChild, reasons: Vec<String>) {
    row.outcome = HandoverOutcome::Skipped;
    row.facts = 0;
    row.history = 0;
    row.reasons.extend(reasons);
}

/// The IROs of the bundle by name in this store, and the profiles to add for those it lacks.
struct IroPlan {
    known: HashMap<String, IroId>,
    next: i64,
    changes: Vec<Change>,
}

impl IroPlan {
    fn new(snap: &Snapshot) -> IroPlan {
        IroPlan {
            known: snap
                .caseload
                .iros
                .iter()
                .map(|i| (key(&i.details.name), i.id))
                .collect(),
            next: snap.caseload.iros.iter().map(|i| i.id.0).max().unwrap_or(0),
            changes: Vec::new(),
        }
    }

    /// This store's IRO of that name, added (active, full time) if it has none.
    fn id_for(&mut self, name: &str) -> IroId {
        if let Some(id) = self.known.get(&key(name)) {
            return *id;
        }
        self.next += 1;
        let id = IroId(self.next);
        self.changes.push(Change::AddIro {
            id: Some(id),
            details: IroDetails {
                name: name.trim().to_string(),
                fte: 1.0,
                active: true,
            },
        });
        self.known.insert(key(name), id);
        id
    }

    /// The record with its allocations naming this store's IROs.
    fn map_allocations(&mut self, mut record: ChildRecord, bundle_iros: &[Iro]) -> ChildRecord {
        for a in &mut record.allocations {
            let name = bundle_iros
                .iter()
                .find(|i| i.id == a.iro)
                .map_or_else(|| format!("IRO {}", a.iro), |i| i.details.name.clone());
            a.iro = self.id_for(&name);
        }
        record
    }
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}
