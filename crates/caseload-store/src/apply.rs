//! The one write path: a batch of [`Change`]s, validated and written in one transaction, each
//! with its audit row.
//!
//! For every change, in order: resolve the child it concerns, load that child's record *inside
//! the transaction* (so earlier changes of the batch are visible: a file may add child 100 and
//! then book its review), validate with the pure core, check what only the store can know
//! (explicit ids already taken), and, if it passed, write it and append its audit row. A change
//! that fails is not written but the following ones are still checked, so the caller hears of
//! every problem at once. If any change failed, the transaction is rolled back and nothing of
//! the batch is kept.

use crate::error::{ChangeErrors, SqlResultExt, StoreError};
use crate::load::load_child;
use crate::open::Store;
use crate::tables::audit::NewAuditRow;
use crate::tables::disputes::NewDispute;
use crate::tables::holidays::HolidayRecord;
use crate::tables::meetings::PreparationColumn;
use crate::tables::{
    allocations, audit, care_periods, children, cp_episodes, decisions, dispute_ladders,
    dispute_reasons, disputes, holidays, iros, letter_templates, meeting_records, meetings,
    rule_overrides, settings,
};
use caseload_core::change::Change;
use caseload_core::domain::{
    Allocation, CpEpisode, DecisionState, DisputeOutcome, Meeting, MeetingOutcome, MeetingRecord,
    MeetingStatus, PeriodOfCare, RecordStatus,
};
use caseload_core::ids::{ChildId, DecisionId, IroId, MeetingId};
use caseload_core::rules::RuleOverride;
use caseload_core::validate::{self, Context, ErrorCode, FieldError, Subject};
use chrono::{Datelike, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use std::collections::BTreeSet;

/// What `apply` needs besides the changes. The store never reads the clock: the caller does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplyContext<'a> {
    /// Today, for validation ("not in the future").
    pub as_of: NaiveDate,
    /// Who is applying the batch, recorded in the audit log.
    pub actor: Option<IroId>,
    /// When, recorded in the audit log.
    pub recorded_at: chrono::DateTime<Utc>,
    /// Where the changes came from, recorded in the audit log ("imported from episodes.csv");
    /// None for a person's own change.
    pub source: Option<&'a str>,
}

/// What became of one group of [`Store::apply_groups`]: written whole, or refused whole.
pub type GroupOutcome = Result<Vec<Applied>, Vec<ChangeErrors>>;

/// One change that was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Its position in the batch, counted from 0.
    pub index: usize,
    /// Its op ("book_meeting").
    pub op: String,
    /// The id of the entity created or changed (a new child's or meeting's id, an allocation's
    /// row id); `None` for rules, holidays and settings.
    pub id: Option<i64>,
}

impl Store {
    /// Applies a batch of changes, all or nothing: every change is validated (and every problem
    /// reported, as [`StoreError::Invalid`]) and, only if all pass, the batch is committed with
    /// one audit row per change.
    pub fn apply(
        &mut self,
        changes: &[Change],
        ctx: &ApplyContext<'_>,
    ) -> Result<Vec<Applied>, StoreError> {
        // IMMEDIATE takes the write lock before the first read: what a change is validated
        // against cannot be changed by another process before it is written, and the
        // transaction never has to upgrade a read lock (which fails at once with SQLITE_BUSY).
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .op("begin the transaction")?;
        let (applied, refused) = apply_each(&tx, changes, ctx)?;
        if !refused.is_empty() {
            // Dropping the transaction rolls it back: nothing of the batch is kept.
            return Err(StoreError::Invalid(refused));
        }
        tx.commit().op("commit the transaction")?;
        Ok(applied)
    }

    /// Applies groups of changes in one transaction, each group whole or not at all (an import:
    /// one group per child). A refused group is rolled back to where it started and its problems
    /// returned; the others stay. With `commit` false nothing is kept at all, so a preview is
    /// the very same run as the import it previews. `progress` hears how many groups are done.
    pub fn apply_groups(
        &mut self,
        groups: &[Vec<Change>],
        ctx: &ApplyContext<'_>,
        commit: bool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<GroupOutcome>, StoreError> {
        let mut tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .op("begin the transaction")?;
        let mut outcomes = Vec::with_capacity(groups.len());
        for group in groups {
            let sp = tx.savepoint().op("begin a group")?;
            let (applied, refused) = apply_each(&sp, group, ctx)?;
            if refused.is_empty() {
                sp.commit().op("keep a group")?;
                outcomes.push(Ok(applied));
            } else {
                // Dropping the savepoint rolls the group back.
                drop(sp);
                outcomes.push(Err(refused));
            }
            progress(outcomes.len());
        }
        if commit {
            tx.commit().op("commit the transaction")?;
        }
        Ok(outcomes)
    }
}

/// Validates and writes each change in order, with its audit row; a refused change is not
/// written and the following ones are still checked. What was written, and what was refused.
fn apply_each(
    tx: &Connection,
    changes: &[Change],
    ctx: &ApplyContext<'_>,
) -> Result<(Vec<Applied>, Vec<ChangeErrors>), StoreError> {
    let recorded_at = ctx.recorded_at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let mut applied = Vec::with_capacity(changes.len());
    let mut refused = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        let (child, errors) = check(tx, change, ctx.as_of)?;
        if !errors.is_empty() {
            refused.push(ChangeErrors {
                index,
                op: change.op().to_string(),
                errors,
            });
            continue;
        }
        let written = write(tx, change)?;
        audit::append(
            tx,
            &NewAuditRow {
                recorded_at: &recorded_at,
                actor: ctx.actor,
                op: change.op(),
                child: written.child.or(child),
                change_json: &audited_change(change)?,
                before_json: written.before.as_deref(),
                after_json: written.after.as_deref(),
                source: ctx.source,
            },
        )?;
        applied.push(Applied {
            index,
            op: change.op().to_string(),
            id: written.id,
        });
    }
    Ok((applied, refused))
}

/// Validates one change against the store as it stands; returns the child it concerns.
fn check(
    conn: &Connection,
    change: &Change,
    as_of: NaiveDate,
) -> Result<(Option<ChildId>, Vec<FieldError>), StoreError> {
    let child = match validate::subject(change) {
        Subject::None => None,
        Subject::Child(id) => Some(id),
        Subject::CarePeriod(id) => match care_periods::get(conn, id)? {
            Some(p) => Some(p.child),
            None => {
                return Ok((
                    None,
                    vec![not_found(format!("There is no period of care {id}."))],
                ))
            }
        },
        Subject::CpEpisode(id) => match cp_episodes::get(conn, id)? {
            Some(e) => Some(e.child),
            None => {
                let message = format!("There is no child-protection episode {id}.");
                return Ok((None, vec![not_found(message)]));
            }
        },
        Subject::Meeting(id) => match meetings::get(conn, id)? {
            Some(m) => Some(m.child),
            None => return Ok((None, vec![not_found(format!("There is no meeting {id}."))])),
        },
        Subject::Dispute(id) => match disputes::get(conn, id)? {
            Some(d) => Some(d.child),
            None => return Ok((None, vec![not_found(format!("There is no dispute {id}."))])),
        },
        Subject::Decision(id) => match decisions::get(conn, id)? {
            Some(d) => Some(d.child),
            None => return Ok((None, vec![not_found(format!("There is no decision {id}."))])),
        },
    };
    let record = match child {
        Some(id) => load_child(conn, id)?,
        None => None,
    };
    let iros: Vec<(IroId, bool)> = iros::all(conn)?
        .into_iter()
        .map(|i| (i.id, i.details.active))
        .collect();
    let ladders = dispute_ladders::in_force(conn)?;
    let reasons = dispute_reasons::in_force(conn)?;

    let mut errors = Vec::new();
    // What the core's validation leaves to the store: the target of an update must exist.
    match change {
        Change::UpdateChild { id, .. } if record.is_none() => {
            errors.push(not_found(format!("There is no child {id} in this store.")));
        }
        Change::UpdateIro { id, .. } if !iros.iter().any(|(iro, _)| iro == id) => {
            errors.push(not_found(format!("There is no IRO {id} in this store.")));
        }
        _ => {}
    }
    errors.extend(validate::validate(
        change,
        &Context {
            as_of,
            record: record.as_ref(),
            iros: &iros,
            ladders: &ladders,
            reasons: &reasons,
        },
    ));
    // A list of reasons must keep every code a recorded dispute uses.
    if let Change::SetDisputeReasons { reasons: new } = change {
        errors.extend(validate::check_reasons_keep_codes(
            new,
            &disputes::reasons_in_use(conn)?,
            &reasons,
        ));
    }
    // A ladder must keep every stage a recorded dispute has reached (across all children).
    if let Change::SetDisputeLadder { kind, steps } = change {
        errors.extend(validate::check_ladder_keeps_stages(
            *kind,
            steps,
            &disputes::stages_in_use(conn, *kind)?,
            &ladders,
        ));
    }
    errors.extend(check_explicit_id(conn, change)?);
    Ok((child, errors))
}

fn not_found(message: String) -> FieldError {
    FieldError::new("id", ErrorCode::NotFound, message)
}

/// An explicit id on a creating change must be positive and free; on `record_meeting` it may
/// name a booking, which must then be this child's.
fn check_explicit_id(conn: &Connection, change: &Change) -> Result<Vec<FieldError>, StoreError> {
    let (id, taken_by) = match change {
        Change::AddIro { id: Some(id), .. } => (id.0, iros::get(conn, *id)?.map(|_| "an IRO")),
        Change::AddChild { id: Some(id), .. } => {
            (id.0, children::get(conn, *id)?.map(|_| "a child"))
        }
        Change::StartCare { id: Some(id), .. } => (
            id.0,
            care_periods::get(conn, *id)?.map(|_| "a period of care"),
        ),
        Change::StartCpEpisode { id: Some(id), .. } => (
            id.0,
            cp_episodes::get(conn, *id)?.map(|_| "a child-protection episode"),
        ),
        Change::BookMeeting { id: Some(id), .. } => {
            (id.0, meetings::get(conn, *id)?.map(|_| "a meeting"))
        }
        Change::RaiseDispute { id: Some(id), .. } => {
            (id.0, disputes::get(conn, *id)?.map(|_| "a dispute"))
        }
        Change::RecordMeeting {
            id: Some(id),
            child,
            ..
        } => {
            let other_child = meetings::get(conn, *id)?.filter(|m| m.child != *child);
            (id.0, other_child.map(|_| "a meeting of another child"))
        }
        _ => return Ok(Vec::new()),
    };
    let mut errors = Vec::new();
    if id <= 0 {
        errors.push(FieldError::new(
            "id",
            ErrorCode::Invalid,
            "An id must be a positive whole number.",
        ));
    }
    if let Some(what) = taken_by {
        errors.push(FieldError::new(
            "id",
            ErrorCode::Conflict,
            format!("The id {id} is already used by {what}."),
        ));
    }
    Ok(errors)
}

/// What a write did, for its audit row.
struct Written {
    /// The child it concerned, when the write created it.
    child: Option<ChildId>,
    /// The entity created or changed.
    id: Option<i64>,
    /// The entity before and after, as JSON text; `after` is read back from the table.
    before: Option<String>,
    after: Option<String>,
}

impl Written {
    fn new<B: Serialize, A: Serialize>(
        id: Option<i64>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<Written, StoreError> {
        Ok(Written {
            child: None,
            id,
            before: before.map(|b| to_json_text(b, "before")).transpose()?,
            after: after.map(|a| to_json_text(a, "after")).transpose()?,
        })
    }
}

/// The change as the audit row keeps it: whole, except a draft record, whose text the audit
/// leaves out (a draft is saved at every change the chair makes; the finalised record is kept
/// whole by `finalise_record`'s row).
fn audited_change(change: &Change) -> Result<String, StoreError> {
    match change {
        Change::SaveRecordDraft { meeting, .. } => Ok(serde_json::json!({
            "op": change.op(),
            "meeting": meeting,
        })
        .to_string()),
        _ => to_json_text(change, "change"),
    }
}

fn to_json_text<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        what: format!("serialize the {what} for the audit log: {e}"),
    })
}

/// The row a validated change refers to; its absence is a bug in validation, not user error.
fn existing<T>(row: Option<T>, entity: &'static str, id: i64) -> Result<T, StoreError> {
    row.ok_or(StoreError::NotFound { entity, id })
}

/// "No entity" on one side of an audit row (a creation has no before, a removal no after).
const NONE: Option<&()> = None;

/// What a conference's plan decision does to its child-protection episode (the episode open
/// on the day it was held): written here, in the same transaction as the meeting.
fn conference_effect(
    conn: &Connection,
    child: ChildId,
    outcome: &MeetingOutcome,
) -> Result<Option<(CpEpisode, CpEpisode)>, StoreError> {
    let (Some(decision), Some(held_on)) = (outcome.plan_decision, outcome.held_on) else {
        return Ok(None);
    };
    let episodes = cp_episodes::for_child(conn, child)?;
    let Some(episode) = episodes.into_iter().find(|e| e.is_open_on(held_on)) else {
        return Ok(None);
    };
    let Some(details) = episode
        .details
        .after_conference(decision, outcome.category, held_on)
    else {
        return Ok(None);
    };
    cp_episodes::update(conn, episode.id, &details)?;
    let after = existing(
        cp_episodes::get(conn, episode.id)?,
        "cp episode",
        episode.id.0,
    )?;
    Ok(Some((episode, after)))
}

/// The audit row of a meeting written: the meeting before and after, and, when its decision
/// changed the child-protection episode, the episode too (`{"meeting": …, "episode": …}`).
fn written_with_effect(
    conn: &Connection,
    id: MeetingId,
    before: Option<&Meeting>,
    effect: Option<(CpEpisode, CpEpisode)>,
) -> Result<Written, StoreError> {
    let after = meetings::get(conn, id)?;
    match effect {
        None => Written::new(Some(id.0), before, after.as_ref()),
        Some((episode_before, episode_after)) => Written::new(
            Some(id.0),
            Some(&serde_json::json!({ "meeting": before, "episode": episode_before })),
            Some(&serde_json::json!({ "meeting": after, "episode": episode_after })),
        ),
    }
}

/// A draft record replaces the one before. Its audit row holds the draft's size and the
/// meeting, not its text: a draft is saved at every change the chair makes, and the finalised
/// record's audit row holds the whole record.
fn write_draft(
    conn: &Connection,
    id: MeetingId,
    record: &MeetingRecord,
) -> Result<Written, StoreError> {
    let meeting = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    let existed = meeting_records::get(conn, id)?.is_some();
    meeting_records::put(conn, meeting.child, id, RecordStatus::Draft, record)?;
    let summary = serde_json::json!({
        "meeting": id,
        "status": "draft",
        "decisions": record.decisions.len(),
        "attendees": record.attendance.len(),
    });
    Written::new(Some(id.0), existed.then_some(&summary), Some(&summary))
}

/// Finalising: the meeting is held with the record's outcome (its plan decision written into
/// the episode), the record is final, and its decisions are tracked.
fn write_final(
    conn: &Connection,
    id: MeetingId,
    record: &MeetingRecord,
) -> Result<Written, StoreError> {
    let before = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    let outcome = record.outcome_over(&before.outcome);
    meetings::set_outcome(conn, id, &outcome)?;
    let effect = conference_effect(conn, before.child, &outcome)?;
    meeting_records::put(conn, before.child, id, RecordStatus::Final, record)?;
    let decision_ids = decisions::insert_all(conn, before.child, id, &record.decisions)?;
    let after = meetings::get(conn, id)?;
    let mut after_json = serde_json::json!({
        "meeting": after,
        "record": record,
        "decisions": decision_ids,
    });
    let mut before_json = serde_json::json!({ "meeting": before });
    if let Some((episode_before, episode_after)) = effect {
        before_json["episode"] = serde_json::to_value(&episode_before).unwrap_or_default();
        after_json["episode"] = serde_json::to_value(&episode_after).unwrap_or_default();
    }
    Written::new(Some(id.0), Some(&before_json), Some(&after_json))
}

/// Which clock a "sent" date stops.
enum Sent {
    Decisions,
    Record,
}

fn write_sent(
    conn: &Connection,
    id: MeetingId,
    which: Sent,
    on: NaiveDate,
) -> Result<Written, StoreError> {
    let before = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    let mut outcome = before.outcome.clone();
    match which {
        Sent::Decisions => outcome.decisions_sent_on = Some(on),
        Sent::Record => outcome.record_sent_on = Some(on),
    }
    meetings::set_outcome(conn, id, &outcome)?;
    Written::new(Some(id.0), Some(&before), meetings::get(conn, id)?.as_ref())
}

fn write_decision_closed(
    conn: &Connection,
    id: DecisionId,
    state: &DecisionState,
) -> Result<Written, StoreError> {
    let before = existing(decisions::get(conn, id)?, "decision", id.0)?;
    decisions::close(conn, id, state)?;
    Written::new(
        Some(id.0),
        Some(&before),
        decisions::get(conn, id)?.as_ref(),
    )
}

fn write_preparation(
    conn: &Connection,
    id: MeetingId,
    column: PreparationColumn,
    on: NaiveDate,
) -> Result<Written, StoreError> {
    let before = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    meetings::set_preparation(conn, id, column, on)?;
    Written::new(Some(id.0), Some(&before), meetings::get(conn, id)?.as_ref())
}

/// Writes one validated change through the table modules.
fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::AddIro { id, details } => {
            let id = iros::insert(conn, *id, details)?;
            Written::new(Some(id.0), NONE, iros::get(conn, id)?.as_ref())
        }
        Change::UpdateIro { id, details } => {
            let before = existing(iros::get(conn, *id)?, "iro", id.0)?;
            iros::update(conn, *id, details)?;
            Written::new(Some(id.0), Some(&before), iros::get(conn, *id)?.as_ref())
        }
        Change::AddChild {
            id,
            details,
            iro,
            allocated_on,
        } => {
            let id = children::insert(conn, *id, details)?;
            if let (Some(iro), Some(from_on)) = (iro, allocated_on) {
                let allocation = Allocation {
                    iro: *iro,
                    from_on: *from_on,
                    reason: None,
                };
                allocations::insert(conn, id, &allocation)?;
            }
            let mut written = Written::new(Some(id.0), NONE, children::get(conn, id)?.as_ref())?;
            written.child = Some(id);
            Ok(written)
        }
        Change::UpdateChild { id, details } => {
            let before = existing(children::get(conn, *id)?, "child", id.0)?;
            children::update(conn, *id, details)?;
            Written::new(
                Some(id.0),
                Some(&before),
                children::get(conn, *id)?.as_ref(),
            )
        }
        Change::AllocateIro {
            child,
            iro,
            from_on,
            reason,
        } => {
            let before = allocations::for_child(conn, *child)?;
            let allocation = Allocation {
                iro: *iro,
                from_on: *from_on,
                reason: reason.clone(),
            };
            let row_id = allocations::insert(conn, *child, &allocation)?;
            let after = allocations::for_child(conn, *child)?;
            Written::new(Some(row_id), Some(&before), Some(&after))
        }
        Change::StartCare {
            id,
            child,
            started_on,
            legal_status,
            regime,
        } => {
            let id = care_periods::insert(conn, *id, *child, *started_on, *legal_status, *regime)?;
            Written::new(Some(id.0), NONE, care_periods::get(conn, id)?.as_ref())
        }
        Change::UpdateCare {
            id,
            started_on,
            ended_on,
            legal_status,
            regime,
        } => {
            let before = existing(care_periods::get(conn, *id)?, "care period", id.0)?;
            care_periods::update(
                conn,
                &PeriodOfCare {
                    id: *id,
                    child: before.child,
                    started_on: *started_on,
                    ended_on: *ended_on,
                    legal_status: *legal_status,
                    regime: *regime,
                    history: before.history,
                },
            )?;
            Written::new(
                Some(id.0),
                Some(&before),
                care_periods::get(conn, *id)?.as_ref(),
            )
        }
        Change::EndCare { id, ended_on } => {
            let before = existing(care_periods::get(conn, *id)?, "care period", id.0)?;
            care_periods::update(
                conn,
                &PeriodOfCare {
                    ended_on: Some(*ended_on),
                    ..before.clone()
                },
            )?;
            Written::new(
                Some(id.0),
                Some(&before),
                care_periods::get(conn, *id)?.as_ref(),
            )
        }
        Change::SetReviewHistory { child, history } => {
            let periods = care_periods::for_child(conn, *child)?;
            let before = periods.into_iter().rfind(|p| p.ended_on.is_none()).ok_or(
                StoreError::NotFound {
                    entity: "open period of care of child",
                    id: child.0,
                },
            )?;
            care_periods::set_history(conn, before.id, *history)?;
            Written::new(
                Some(before.id.0),
                Some(&before),
                care_periods::get(conn, before.id)?.as_ref(),
            )
        }
        Change::StartCpEpisode { id, child, details } => {
            let id = cp_episodes::insert(conn, *id, *child, details)?;
            Written::new(Some(id.0), NONE, cp_episodes::get(conn, id)?.as_ref())
        }
        Change::UpdateCpEpisode { id, details } => {
            let before = existing(cp_episodes::get(conn, *id)?, "cp episode", id.0)?;
            cp_episodes::update(conn, *id, details)?;
            Written::new(
                Some(id.0),
                Some(&before),
                cp_episodes::get(conn, *id)?.as_ref(),
            )
        }
        Change::BookMeeting {
            id,
            child,
            kind,
            on,
            at,
            venue,
        } => {
            let id = meetings::insert_booked(conn, *id, *child, *kind, *on, *at, venue.as_deref())?;
            Written::new(Some(id.0), NONE, meetings::get(conn, id)?.as_ref())
        }
        Change::MoveMeeting { id, on, at, venue } => {
            let before = existing(meetings::get(conn, *id)?, "meeting", id.0)?;
            meetings::reschedule(conn, *id, *on, *at, venue.as_deref())?;
            Written::new(
                Some(id.0),
                Some(&before),
                meetings::get(conn, *id)?.as_ref(),
            )
        }
        Change::CancelMeeting { id, reason } | Change::AdjournMeeting { id, reason } => {
            let status = match change {
                Change::CancelMeeting { .. } => MeetingStatus::Cancelled,
                _ => MeetingStatus::Adjourned,
            };
            let before = existing(meetings::get(conn, *id)?, "meeting", id.0)?;
            meetings::set_status(conn, *id, status, reason.as_deref())?;
            Written::new(
                Some(id.0),
                Some(&before),
                meetings::get(conn, *id)?.as_ref(),
            )
        }
        Change::RecordMeeting {
            id,
            child,
            kind,
            outcome,
        } => {
            // Validation has made sure a meeting with this id is this child's booking.
            let booked = match id {
                Some(id) => meetings::get(conn, *id)?,
                None => None,
            };
            let (id, before) = match booked {
                Some(before) => {
                    meetings::set_outcome(conn, before.id, outcome)?;
                    (before.id, Some(before))
                }
                None => (
                    meetings::insert_held(conn, *id, *child, *kind, outcome)?,
                    None,
                ),
            };
            let effect = conference_effect(conn, *child, outcome)?;
            written_with_effect(conn, id, before.as_ref(), effect)
        }
        Change::RecordChildSeen { id, on } => {
            write_preparation(conn, *id, PreparationColumn::ChildSeen, *on)
        }
        Change::SaveRecordDraft { meeting, record } => write_draft(conn, *meeting, record),
        Change::FinaliseRecord { meeting, record } => write_final(conn, *meeting, record),
        Change::RecordDecisionsSent { meeting, on } => {
            write_sent(conn, *meeting, Sent::Decisions, *on)
        }
        Change::RecordRecordSent { meeting, on } => write_sent(conn, *meeting, Sent::Record, *on),
        Change::DecisionDone { id, on, note } => write_decision_closed(
            conn,
            *id,
            &DecisionState::Done {
                on: *on,
                note: note.clone().filter(|n| !n.trim().is_empty()),
            },
        ),
        Change::DecisionDropped { id, on, reason } => write_decision_closed(
            conn,
            *id,
            &DecisionState::Dropped {
                on: *on,
                reason: reason.trim().to_string(),
            },
        ),
        Change::RecordSocialWorkerContact { id, on } => {
            write_preparation(conn, *id, PreparationColumn::SocialWorkerContact, *on)
        }
        Change::RecordReportsReceived { id, on } => {
            write_preparation(conn, *id, PreparationColumn::ReportsReceived, *on)
        }
        Change::UpdateMeetingOutcome { id, outcome } => {
            let before = existing(meetings::get(conn, *id)?, "meeting", id.0)?;
            meetings::set_outcome(conn, *id, outcome)?;
            let effect = conference_effect(conn, before.child, outcome)?;
            written_with_effect(conn, *id, Some(&before), effect)
        }
        Change::SetRuleOverride { rule, value, note } => {
            let before = rule_overrides::get(conn, *rule)?;
            rule_overrides::upsert(
                conn,
                &RuleOverride {
                    rule: *rule,
                    value: *value,
                    note: note.clone(),
                },
            )?;
            Written::new(
                None,
                before.as_ref(),
                rule_overrides::get(conn, *rule)?.as_ref(),
            )
        }
        Change::ClearRuleOverride { rule } => {
            let before = rule_overrides::get(conn, *rule)?;
            rule_overrides::delete(conn, *rule)?;
            Written::new(None, before.as_ref(), NONE)
        }
        Change::ImportHolidays {
            holidays: rows,
            source,
        } => {
            let years: BTreeSet<i32> = rows.iter().map(|h| h.date.year()).collect();
            let in_years = |conn: &Connection| -> Result<Vec<HolidayRecord>, StoreError> {
                let mut all = Vec::new();
                for &year in &years {
                    all.extend(holidays::in_year(conn, year)?);
                }
                Ok(all)
            };
            let before = in_years(conn)?;
            for &year in &years {
                holidays::delete_year(conn, year)?;
            }
            let source = source
                .clone()
                .unwrap_or_else(|| "imported file".to_string());
            for row in rows {
                holidays::insert(
                    conn,
                    &HolidayRecord {
                        date: row.date,
                        name: row.name.clone(),
                        source: source.clone(),
                    },
                )?;
            }
            Written::new(None, Some(&before), Some(&in_years(conn)?))
        }
        Change::SetSettings { settings: new } => {
            let before = settings::get(conn)?;
            settings::put(conn, new)?;
            Written::new(None, before.as_ref(), settings::get(conn)?.as_ref())
        }
        Change::SetLetterTemplate { band, text } => {
            let before = letter_templates::get(conn, *band)?;
            letter_templates::put(conn, *band, text.as_deref())?;
            Written::new(None, before.as_ref(), text.as_ref())
        }
        Change::RaiseDispute {
            id,
            child,
            kind,
            concerns,
            reason,
            raised_on,
            stage,
            sent_to,
            sibling_group,
            partner_agency,
        } => {
            let id = disputes::insert(
                conn,
                &NewDispute {
                    id: *id,
                    child: *child,
                    kind: *kind,
                    concerns: *concerns,
                    reason: reason.clone(),
                    raised_on: *raised_on,
                    sibling_group: sibling_group.as_deref(),
                    partner_agency: partner_agency.as_deref().map(str::trim),
                },
            )?;
            disputes::insert_stage(conn, id, *stage, *raised_on, sent_to.trim())?;
            Written::new(Some(id.0), NONE, disputes::get(conn, id)?.as_ref())
        }
        Change::EscalateDispute {
            id,
            stage,
            raised_on,
            sent_to,
        } => {
            let before = existing(disputes::get(conn, *id)?, "dispute", id.0)?;
            disputes::insert_stage(conn, *id, *stage, *raised_on, sent_to.trim())?;
            Written::new(
                Some(id.0),
                Some(&before),
                disputes::get(conn, *id)?.as_ref(),
            )
        }
        Change::RecordDisputeResponse {
            id,
            stage,
            responded_on,
            summary,
        } => {
            let before = existing(disputes::get(conn, *id)?, "dispute", id.0)?;
            disputes::set_response(conn, *id, *stage, *responded_on, summary.as_deref())?;
            Written::new(
                Some(id.0),
                Some(&before),
                disputes::get(conn, *id)?.as_ref(),
            )
        }
        Change::ResolveDispute { id, outcome, on } => {
            let before = existing(disputes::get(conn, *id)?, "dispute", id.0)?;
            // Ended by a referral to Cafcass: the referral is recorded too, unless it was
            // recorded before (alongside the process).
            if *outcome == DisputeOutcome::ReferredToCafcass && before.cafcass_referred_on.is_none()
            {
                disputes::set_cafcass(conn, *id, *on)?;
            }
            disputes::close(conn, *id, *outcome, *on)?;
            Written::new(
                Some(id.0),
                Some(&before),
                disputes::get(conn, *id)?.as_ref(),
            )
        }
        Change::ReferToCafcass { id, on } => {
            let before = existing(disputes::get(conn, *id)?, "dispute", id.0)?;
            disputes::set_cafcass(conn, *id, *on)?;
            Written::new(
                Some(id.0),
                Some(&before),
                disputes::get(conn, *id)?.as_ref(),
            )
        }
        Change::SetDisputeLadder { kind, steps } => {
            // Before is the ladder in force (the default until one was set), so the audit row
            // shows what changed even the first time.
            let before = dispute_ladders::in_force(conn)?.of(*kind).to_vec();
            dispute_ladders::put(conn, *kind, steps)?;
            let after = dispute_ladders::get(conn, *kind)?;
            Written::new(None, Some(&before), after.as_ref())
        }
        Change::SetDisputeReasons { reasons } => {
            // As for a ladder: before is the list in force, defaults included.
            let before = dispute_reasons::in_force(conn)?;
            dispute_reasons::put(conn, reasons)?;
            let after = dispute_reasons::get(conn)?;
            Written::new(None, Some(&before), after.as_ref())
        }
    }
}
