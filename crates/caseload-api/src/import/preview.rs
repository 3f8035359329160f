//! The import's one use case, as a preview or for real: what happens to each child, every row
//! that could not be used, every disagreement with the store, and every date the file states
//! that this app computes otherwise (the CIN `InitialCPCtarget` against the ICPC due date, with
//! the Why).

use std::collections::HashMap;

use caseload_core::change::Change;
use caseload_core::domain::ChildRecord;
use caseload_core::explain::{uk_date, Explanation};
use caseload_core::ids::IroId;
use caseload_core::rules::RuleId;
use caseload_interop::import::{ColumnMapping, Extract, ExtractChild};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{plan_child, ChildPlan, NextIds};
use super::read::{read_files, ImportFile, ImportFormat};
use crate::due_date::due_date;
use crate::snapshot::Snapshot;
use crate::{ApiError, App};

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportOptions {
    /// The format of every file; None = recognised from each file.
    #[serde(default)]
    pub format: Option<ImportFormat>,
    /// The IRO who receives the new children (None: unallocated).
    #[serde(default)]
    pub iro: Option<IroId>,
    /// Import a child with unusable rows without those rows (else the child is left out).
    #[serde(default)]
    pub include_partial: bool,
}

/// A row or value of a file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportProblem {
    /// "episodes.csv line 7", "cin.xml Child 3 line 40".
    pub at: String,
    /// The LA child id of the row, when known.
    pub child: Option<String>,
    /// The column or element.
    pub field: String,
    /// Why.
    pub message: String,
}

/// Where the files and the store, or a date the file states and the one computed here, differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportDisagreement {
    /// The LA child id.
    pub child: String,
    /// What differs, in words.
    pub what: String,
    /// How this app counts its date, when the disagreement is about a computed date.
    pub why: Option<Explanation>,
}

/// How far an import has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportProgress {
    /// What it is doing.
    pub stage: ImportStage,
    /// Rows read, or children checked or written, so far.
    pub done: u32,
    /// Of how many.
    pub total: u32,
}

/// The stages of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// The files' rows read.
    Read,
    /// The children checked against the store.
    Check,
    /// The children written.
    Write,
}

/// What becomes of a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChildOutcome {
    /// Not in the store: added.
    New,
    /// In the store: what is new added.
    Updated,
    /// In the store, nothing new.
    Unchanged,
    /// Left out (see `reason`).
    Skipped,
}

/// One child of the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportChild {
    /// The LA child id.
    pub la_id: String,
    /// What becomes of them.
    pub outcome: ChildOutcome,
    /// How many changes (facts) the import writes for them.
    pub changes: u32,
    /// Why a child is left out, or which of their facts are.
    pub reason: Option<String>,
}

/// What an import does (a preview) or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportPreview {
    /// The files read.
    pub files: Vec<String>,
    /// Children added.
    pub new: u32,
    /// Children with something new.
    pub updated: u32,
    /// Children already as the files say.
    pub unchanged: u32,
    /// Children left out.
    pub skipped: u32,
    /// Every child, in the files' order.
    pub children: Vec<ImportChild>,
    /// Every unusable row or value.
    pub problems: Vec<ImportProblem>,
    /// Every disagreement.
    pub disagreements: Vec<ImportDisagreement>,
    /// What was read or ignored on purpose.
    pub notes: Vec<String>,
    /// True when written; false for a preview.
    pub committed: bool,
    /// The backup taken before writing.
    pub backup: Option<String>,
    /// How to undo the import.
    pub undo: String,
}

impl App {
    /// Imports `files` (or, with `commit` false, previews the import: the same run, nothing
    /// kept). One transaction; each child whole or not at all; the audit trail says which
    /// files the changes came from.
    pub fn import(
        &mut self,
        files: &[ImportFile],
        options: &ImportOptions,
        as_of: NaiveDate,
        commit: bool,
    ) -> Result<ImportPreview, ApiError> {
        self.import_mapped(files, options, None, as_of, commit)
    }

    /// [`App::import`], an LA's own CSV read with `mapping` (saved per source by the caller).
    pub fn import_mapped(
        &mut self,
        files: &[ImportFile],
        options: &ImportOptions,
        mapping: Option<&ColumnMapping>,
        as_of: NaiveDate,
        commit: bool,
    ) -> Result<ImportPreview, ApiError> {
        self.import_with_progress(files, options, mapping, as_of, commit, &mut |_| {})
    }

    /// [`App::import_mapped`], telling `progress` the rows read, then the children checked
    /// and written (for a large file, a front end shows it).
    pub fn import_with_progress(
        &mut self,
        files: &[ImportFile],
        options: &ImportOptions,
        mapping: Option<&ColumnMapping>,
        as_of: NaiveDate,
        commit: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportPreview, ApiError> {
        if files.is_empty() {
            return Err(ApiError::BadInput(
                "give at least one file to import".to_string(),
            ));
        }
        let rows = files
            .iter()
            .map(|f| f.bytes.iter().filter(|b| **b == b'\n').count() as u32)
            .sum::<u32>();
        let extract = read_files(files, options.format, mapping)?;
        progress(ImportProgress {
            stage: ImportStage::Read,
            done: rows,
            total: rows,
        });
        // One look at the store for every child's plan and every date counted here.
        let snap = self.snapshot()?;
        let plans = plan_all(&snap, &extract, options.iro, as_of);
        let children = extract
            .children
            .iter()
            .zip(&plans)
            .map(|(x, plan)| child_row(x, plan, &extract, options.include_partial))
            .collect();
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        let mut run = Run {
            source: format!("imported from {}", names.join(", ")),
            problems: extract.problems.iter().map(problem).collect(),
            plans,
            children,
        };
        run.problems
            .extend(run.plans.iter().flat_map(unusable_rows));
        self.settle_refusals(&mut run, as_of, options.include_partial, progress)?;
        run.count_changes();
        let backup = self.write(&mut run, as_of, commit, progress)?;
        let count = |o: ChildOutcome| run.children.iter().filter(|c| c.outcome == o).count() as u32;
        Ok(ImportPreview {
            files: names,
            new: count(ChildOutcome::New),
            updated: count(ChildOutcome::Updated),
            unchanged: count(ChildOutcome::Unchanged),
            skipped: count(ChildOutcome::Skipped),
            disagreements: disagreements(&snap, &extract, &run.plans)?,
            notes: extract
                .notes
                .iter()
                .cloned()
                .chain(run.plans.iter().flat_map(|p| p.notes.iter().cloned()))
                .collect(),
            undo: undo_words(backup.as_deref(), commit),
            problems: run.problems,
            children: run.children,
            committed: commit,
            backup,
        })
    }

    /// What the store refuses is found by trying (nothing kept): a refused fact is a row not
    /// used, and its child is left out, or (`include_partial`) tried again without it.
    fn settle_refusals(
        &mut self,
        run: &mut Run,
        as_of: NaiveDate,
        include_partial: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<(), ApiError> {
        for _ in 0..REFUSAL_ROUNDS {
            let (groups, members) = groups_of(&run.plans, &run.children);
            let mut tell = teller(ImportStage::Check, groups.len(), progress);
            let outcomes = self.apply_groups(&groups, as_of, &run.source, false, &mut tell)?;
            let mut again = false;
            for (i, outcome) in members.into_iter().zip(outcomes) {
                let Err(refused) = outcome else { continue };
                run.problems.extend(refused_rows(&run.plans[i], &refused));
                if include_partial {
                    let at: Vec<usize> = refused.iter().map(|c| c.index).collect();
                    run.plans[i] = run.plans[i].without(&at);
                    again = true;
                } else {
                    skip(&mut run.children[i], refused.len());
                }
            }
            if !again {
                break;
            }
        }
        Ok(())
    }

    /// The children's changes applied (kept only with `commit`, after a backup); a child the
    /// store still refuses is left out. The backup taken, if any.
    fn write(
        &mut self,
        run: &mut Run,
        as_of: NaiveDate,
        commit: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<Option<String>, ApiError> {
        let (groups, members) = groups_of(&run.plans, &run.children);
        let backup = if commit && !groups.is_empty() {
            self.backup_before_import()?
        } else {
            None
        };
        let stage = if commit {
            ImportStage::Write
        } else {
            ImportStage::Check
        };
        let mut tell = teller(stage, groups.len(), progress);
        let outcomes = self.apply_groups(&groups, as_of, &run.source, commit, &mut tell)?;
        for (i, outcome) in members.into_iter().zip(outcomes) {
            if let Err(refused) = outcome {
                skip(&mut run.children[i], refused.len());
            }
        }
        Ok(backup)
    }

    /// A backup before an import writes, where the store keeps backups.
    pub(crate) fn backup_before_import(&self) -> Result<Option<String>, ApiError> {
        if self.backup_dir().is_none() {
            return Ok(None);
        }
        Ok(Some(self.backup_now()?.path.display().to_string()))
    }
}

/// Every child's plan against the store as it stands, each matched by the LA child id kept as
/// a local reference.
fn plan_all(
    snap: &Snapshot,
    extract: &Extract,
    iro: Option<IroId>,
    as_of: NaiveDate,
) -> Vec<ChildPlan> {
    let mut ids = NextIds::after(&snap.caseload);
    // The first child with a reference is the one matched, as a search in order would.
    let mut by_ref: HashMap<&str, &ChildRecord> = HashMap::new();
    for r in &snap.caseload.children {
        if let Some(local) = r.child.details.local_ref.as_deref() {
            by_ref.entry(local.trim()).or_insert(r);
        }
    }
    extract
        .children
        .iter()
        .map(|x| {
            let existing = by_ref.get(x.la_id.trim()).copied();
            let (iro, note) = iro_for(x, &snap.caseload.iros, iro);
            let mut plan = plan_child(x, existing, iro, as_of, &mut ids);
            plan.notes.extend(note);
            plan
        })
        .collect()
}

/// The plans' disagreements with the store, and each stated ICPC target against the one
/// computed here from the s47 start, with the rule's value and calendar in force.
fn disagreements(
    snap: &Snapshot,
    extract: &Extract,
    plans: &[ChildPlan],
) -> Result<Vec<ImportDisagreement>, ApiError> {
    let mut all: Vec<ImportDisagreement> = plans
        .iter()
        .flat_map(|p| {
            p.disagreements.iter().map(|what| ImportDisagreement {
                child: p.la_id.clone(),
                what: what.clone(),
                why: None,
            })
        })
        .collect();
    for x in &extract.children {
        for s in &x.enquiries {
            let (Some(start), Some(target)) = (s.started_on, s.icpc_target_on) else {
                continue;
            };
            let computed = due_date(
                RuleId::Icpc,
                start,
                snap.settings.convention,
                &snap.calendar,
                &snap.rules,
            )?;
            if computed.due != target {
                all.push(ImportDisagreement {
                    child: x.la_id.clone(),
                    what: format!(
                        "initial conference target: the file says {}, counted here {} \
                         ({} working days from the s47 start on {})",
                        uk_date(target),
                        uk_date(computed.due),
                        computed.explanation.value,
                        uk_date(start)
                    ),
                    why: Some(computed.explanation),
                });
            }
        }
    }
    Ok(all)
}

/// The IRO a file names for a child (a column of Annex A or an LA's report), when it is one of
/// the store's profiles (the name, whatever its case); else the IRO chosen for the import, and
/// a note saying the name matched no profile.
fn iro_for(
    x: &ExtractChild,
    iros: &[caseload_core::domain::Iro],
    chosen: Option<IroId>,
) -> (Option<IroId>, Option<String>) {
    let Some(named) = x.iro.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
        return (chosen, None);
    };
    match iros
        .iter()
        .find(|i| i.details.name.trim().eq_ignore_ascii_case(named))
    {
        Some(iro) => (Some(iro.id), None),
        None => (
            chosen,
            Some(format!(
                "child {}: the file names the IRO {named:?}, who has no profile here, so the child \
                 goes to the IRO chosen for the import",
                x.la_id
            )),
        ),
    }
}

/// One import as it is worked out: each child's plan and row, the rows not used so far, and
/// the audit trail's word for where the changes came from.
struct Run {
    source: String,
    plans: Vec<ChildPlan>,
    children: Vec<ImportChild>,
    problems: Vec<ImportProblem>,
}

impl Run {
    /// Each child's count of changes; a new child with nothing usable is left out.
    fn count_changes(&mut self) {
        for (row, plan) in self.children.iter_mut().zip(&self.plans) {
            if row.outcome != ChildOutcome::Skipped {
                row.changes = plan.changes.len() as u32;
                if plan.changes.is_empty() && plan.existing.is_none() {
                    skip(row, 0);
                }
            }
        }
    }
}

/// A progress callback for `apply_groups`: groups done of `total`, at `stage`.
fn teller(
    stage: ImportStage,
    total: usize,
    progress: &mut dyn FnMut(ImportProgress),
) -> impl FnMut(usize) + '_ {
    move |done| {
        progress(ImportProgress {
            stage,
            done: done as u32,
            total: total as u32,
        });
    }
}

/// How many times a refused fact is taken out and the rest tried again (a fact can depend on
/// another: a review on the period it falls in).
const REFUSAL_ROUNDS: usize = 4;

/// The groups to apply (a child each, those not left out and with something to write) and the
/// child each group is.
fn groups_of(plans: &[ChildPlan], children: &[ImportChild]) -> (Vec<Vec<Change>>, Vec<usize>) {
    plans
        .iter()
        .zip(children)
        .enumerate()
        .filter(|(_, (p, c))| c.outcome != ChildOutcome::Skipped && !p.changes.is_empty())
        .map(|(i, (p, _))| (p.changes.clone(), i))
        .unzip()
}

/// The refused facts of a child as rows not used, at their place in the files. When the child
/// itself is refused, only that: every other fact of theirs fails with it.
fn refused_rows(plan: &ChildPlan, refused: &[caseload_store::ChangeErrors]) -> Vec<ImportProblem> {
    let child_refused = refused
        .first()
        .is_some_and(|c| c.index == 0 && c.op == "add_child");
    let refused = if child_refused {
        &refused[..1]
    } else {
        refused
    };
    refused
        .iter()
        .flat_map(|c| {
            let at = plan.sources.get(c.index).cloned().flatten();
            let change = plan.changes.get(c.index);
            c.errors.iter().map(move |e| ImportProblem {
                at: at
                    .as_ref()
                    .map_or_else(|| format!("child {}", plan.la_id), ToString::to_string),
                child: Some(plan.la_id.clone()),
                field: change.map_or_else(|| e.field.clone(), |c| file_field(c, &e.field)),
                message: e.message.clone(),
            })
        })
        .collect()
}

/// The file's name for a field of a change made from it (`REVIEW_CODE` for a LAC review's
/// participation), else the store's.
fn file_field(change: &Change, field: &str) -> String {
    use caseload_core::domain::MeetingKind;
    let name = match (change, field) {
        (Change::RecordMeeting { kind, .. }, "held_on" | "on") => match kind {
            MeetingKind::LacReview => "REVIEW",
            MeetingKind::CpReview => "CPPreviewDate",
            _ => "DateOfInitialCPC",
        },
        (Change::RecordMeeting { .. }, "participation") => "REVIEW_CODE",
        (Change::StartCare { .. }, "started_on") => "DECOM",
        (Change::StartCare { .. }, "legal_status" | "regime") => "LS",
        (Change::EndCare { .. }, "ended_on") => "DEC",
        (Change::StartCpEpisode { .. }, "plan_started_on") => "CPPstartDate",
        (Change::StartCpEpisode { .. }, "s47_started_on") => "S47ActualStartDate",
        _ => field,
    };
    name.to_string()
}

/// The facts the planner could not use, as rows not used.
fn unusable_rows(plan: &ChildPlan) -> Vec<ImportProblem> {
    plan.unusable
        .iter()
        .map(|u| ImportProblem {
            at: u
                .at
                .as_ref()
                .map_or_else(|| format!("child {}", plan.la_id), ToString::to_string),
            child: Some(plan.la_id.clone()),
            field: u.field.clone(),
            message: u.message.clone(),
        })
        .collect()
}

/// The child is left out; `refused` facts of theirs the store would not take.
fn skip(row: &mut ImportChild, refused: usize) {
    row.outcome = ChildOutcome::Skipped;
    row.changes = 0;
    row.reason = Some(match refused {
        0 => "nothing in the files could be used".to_string(),
        1 => "1 fact refused (see the rows not used): include partial children to import the rest".to_string(),
        n => format!("{n} facts refused (see the rows not used): include partial children to import the rest"),
    });
}

fn problem(p: &caseload_interop::import::RowProblem) -> ImportProblem {
    ImportProblem {
        at: p.at.to_string(),
        child: p.child.clone(),
        field: p.field.clone(),
        message: p.message.clone(),
    }
}

/// What becomes of a child before the store has had its say.
fn child_row(
    x: &ExtractChild,
    plan: &ChildPlan,
    extract: &Extract,
    include_partial: bool,
) -> ImportChild {
    let bad_rows = extract
        .problems
        .iter()
        .filter(|p| p.child.as_deref() == Some(x.la_id.as_str()))
        .count()
        + plan.unusable.len();
    let partial = bad_rows > 0;
    let outcome = match (
        partial && !include_partial,
        plan.existing,
        plan.changes.is_empty(),
    ) {
        (true, _, _) => ChildOutcome::Skipped,
        (false, None, _) => ChildOutcome::New,
        (false, Some(_), false) => ChildOutcome::Updated,
        (false, Some(_), true) => ChildOutcome::Unchanged,
    };
    let reason = partial.then(|| {
        let rows = if bad_rows == 1 { "row" } else { "rows" };
        if include_partial {
            format!("{bad_rows} unusable {rows} left out")
        } else {
            format!("{bad_rows} unusable {rows}: import again with the partial children included to bring the rest in")
        }
    });
    ImportChild {
        la_id: x.la_id.clone(),
        outcome,
        changes: if outcome == ChildOutcome::Skipped {
            0
        } else {
            plan.changes.len() as u32
        },
        reason,
    }
}

fn undo_words(backup: Option<&str>, commit: bool) -> String {
    match (backup, commit) {
        (Some(path), _) => format!(
            "To undo the import, restore the backup taken just before it: {path} (Settings → Backups → Restore, or `caseload restore`)."
        ),
        (None, true) => "Nothing was written, or the store keeps no backups.".to_string(),
        (None, false) => "A backup is taken before the import writes anything; restoring it undoes the import.".to_string(),
    }
}
