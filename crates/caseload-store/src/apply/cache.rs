//! What validation reads, kept for a batch: the IROs, the dispute ladders and reasons, and the
//! record of each child a change concerned.
//!
//! Everything here is as it stands in the batch's transaction: after a change is written,
//! [`BatchCache::written`] forgets what that change may have altered, by its variant (a new or
//! changed IRO, a ladder, the reasons) and by the child it concerned (only the parts of the
//! record whose tables it writes, read again on next use). So change N of a batch is validated
//! against the effects of changes 1..N-1, exactly as if everything were read afresh.
//!
//! Not a cache across batches, and not one across a rollback: `apply_groups` starts a new one
//! when it rolls a group back.

use crate::error::StoreError;
use crate::load::{load_child, reload_parts, RecordPart};
use crate::tables::{dispute_ladders, dispute_reasons, iros};
use caseload_core::change::Change;
use caseload_core::domain::ChildRecord;
use caseload_core::ids::{ChildId, IroId};
use caseload_core::rules::{DisputeLadders, DisputeReasons};
use rusqlite::Connection;
use std::collections::HashMap;

/// What validation read so far in this batch; `None` until read, or since a change altered it.
#[derive(Default)]
pub(super) struct BatchCache {
    iros: Option<Vec<(IroId, bool)>>,
    ladders: Option<DisputeLadders>,
    reasons: Option<DisputeReasons>,
    records: HashMap<ChildId, CachedRecord>,
}

/// A child's record as last read (`None`: no such child), and the parts written since.
struct CachedRecord {
    record: Option<ChildRecord>,
    stale: Vec<RecordPart>,
}

/// What a change is validated against, read through the cache.
pub(super) struct Snapshot<'a> {
    /// The record of the child the change concerns, if any and if it exists.
    pub(super) record: Option<&'a ChildRecord>,
    /// The IROs (id, active).
    pub(super) iros: &'a [(IroId, bool)],
    pub(super) ladders: &'a DisputeLadders,
    pub(super) reasons: &'a DisputeReasons,
}

impl BatchCache {
    /// What a change concerning `child` is validated against, as it stands in `conn`.
    pub(super) fn snapshot(
        &mut self,
        conn: &Connection,
        child: Option<ChildId>,
    ) -> Result<Snapshot<'_>, StoreError> {
        let record = match child {
            Some(id) => record(&mut self.records, conn, id)?,
            None => None,
        };
        Ok(Snapshot {
            record,
            iros: loaded(&mut self.iros, || {
                Ok(iros::all(conn)?
                    .into_iter()
                    .map(|i| (i.id, i.details.active))
                    .collect())
            })?,
            ladders: loaded(&mut self.ladders, || dispute_ladders::in_force(conn))?,
            reasons: loaded(&mut self.reasons, || dispute_reasons::in_force(conn))?,
        })
    }

    /// Forgets what `change`, just written, may have altered; `child` is the child it concerned.
    pub(super) fn written(&mut self, change: &Change, child: Option<ChildId>) {
        match change {
            Change::AddIro { .. } | Change::UpdateIro { .. } => self.iros = None,
            Change::SetDisputeLadder { .. } => self.ladders = None,
            Change::SetDisputeReasons { .. } => self.reasons = None,
            _ => {}
        }
        let Some(child) = child else { return };
        match record_parts(change) {
            None => {
                self.records.remove(&child);
            }
            Some(parts) => {
                if let Some(cached) = self.records.get_mut(&child) {
                    for part in parts {
                        if !cached.stale.contains(part) {
                            cached.stale.push(*part);
                        }
                    }
                }
            }
        }
    }
}

/// The value in `slot`, read by `load` first if it is empty.
fn loaded<T>(
    slot: &mut Option<T>,
    load: impl FnOnce() -> Result<T, StoreError>,
) -> Result<&T, StoreError> {
    let value = match slot.take() {
        Some(value) => value,
        None => load()?,
    };
    Ok(slot.insert(value))
}

/// The child's record, read whole the first time and then only the parts written since.
fn record<'a>(
    records: &'a mut HashMap<ChildId, CachedRecord>,
    conn: &Connection,
    id: ChildId,
) -> Result<Option<&'a ChildRecord>, StoreError> {
    let record = match records.remove(&id) {
        None => load_child(conn, id)?,
        Some(CachedRecord { record, stale }) if stale.is_empty() => record,
        // A child that was not there is read whole (a change that creates a child forgets it
        // anyway).
        Some(CachedRecord { record: None, .. }) => load_child(conn, id)?,
        Some(CachedRecord {
            record: Some(record),
            stale,
        }) => reload_parts(conn, record, &stale)?,
    };
    let cached = records.entry(id).or_insert(CachedRecord {
        record,
        stale: Vec::new(),
    });
    Ok(cached.record.as_ref())
}

/// The parts of the record of the child a change concerns that its write may alter (the
/// tables its module in `apply` writes); `None` for the whole record.
fn record_parts(change: &Change) -> Option<&'static [RecordPart]> {
    use RecordPart::*;
    Some(match change {
        Change::AddChild { .. } | Change::ReceiveChild { .. } | Change::TransferOut { .. } => {
            return None
        }
        Change::AddIro { .. }
        | Change::UpdateIro { .. }
        | Change::SetRuleOverride { .. }
        | Change::ClearRuleOverride { .. }
        | Change::SetDisputeLadder { .. }
        | Change::SetDisputeReasons { .. }
        | Change::ImportHolidays { .. }
        | Change::SetSettings { .. }
        | Change::SetLetterTemplate { .. } => &[],
        Change::UpdateChild { .. } => &[Child],
        Change::AllocateIro { .. } => &[Allocations],
        Change::StartCare { .. }
        | Change::UpdateCare { .. }
        | Change::EndCare { .. }
        | Change::SetReviewHistory { .. } => &[CarePeriods],
        Change::StartCpEpisode { .. } | Change::UpdateCpEpisode { .. } => &[CpEpisodes],
        Change::BookMeeting { .. }
        | Change::MoveMeeting { .. }
        | Change::CancelMeeting { .. }
        | Change::AdjournMeeting { .. }
        | Change::RecordChildSeen { .. }
        | Change::RecordSocialWorkerContact { .. }
        | Change::RecordReportsReceived { .. }
        | Change::RecordDecisionsSent { .. }
        | Change::RecordRecordSent { .. } => &[Meetings],
        // A conference's plan decision is written into its episode.
        Change::RecordMeeting { .. } | Change::UpdateMeetingOutcome { .. } => {
            &[Meetings, CpEpisodes]
        }
        Change::SaveRecordDraft { .. } => &[Records],
        Change::FinaliseRecord { .. } => &[Meetings, CpEpisodes, Records, Decisions],
        Change::DecisionDone { .. } | Change::DecisionDropped { .. } => &[Decisions],
        Change::RaiseDispute { .. }
        | Change::EscalateDispute { .. }
        | Change::RecordDisputeResponse { .. }
        | Change::ResolveDispute { .. }
        | Change::ReferToCafcass { .. } => &[Disputes],
    })
}

#[cfg(test)]
mod tests {
    use super::BatchCache;
    use crate::apply::{apply_one, ApplyContext};
    use crate::load::load_child;
    use crate::open::Store;
    use caseload_core::change::Change;
    use serde_json::json;

    /// Two children, and a change of every op, in an order the core accepts; the children's
    /// changes interleaved.
    fn every_op() -> Vec<Change> {
        let record = json!({
            "held_on": "2025-04-28",
            "attendance": [{"name": "Sam Jones", "role": "Child", "attendance": "present"}],
            "views_conveyed": "spoke_for_themself",
            "participation": "PN1",
            "care_plan_endorsed": true,
            "decisions": [
                {"text": "Arrange sibling contact monthly", "owner": "Priya Shah",
                 "due": {"kind": "on", "on": "2025-05-30"}},
                {"text": "Update the PEP", "owner": "Virtual School",
                 "due": {"kind": "by_next_review"}}
            ],
            "next_meeting_on": "2025-10-20"
        });
        serde_json::from_value(json!([
            {"op": "add_iro", "id": 1, "name": "Asha Patel", "fte": 1.0},
            {"op": "add_child", "id": 10, "first_name": "Sam", "last_name": "Jones",
             "born_on": "2015-05-01", "sex": "male", "iro": 1, "allocated_on": "2025-01-06"},
            {"op": "start_care", "id": 20, "child": 10, "started_on": "2025-01-06",
             "legal_status": "C2", "regime": "full_care"},
            {"op": "record_meeting", "id": 30, "child": 10, "kind": "lac_review",
             "held_on": "2025-01-31", "participation": "PN1"},
            {"op": "book_meeting", "id": 31, "child": 10, "kind": "lac_review",
             "on": "2025-04-28", "at": "10:00", "venue": "Foster home"},
            {"op": "add_child", "id": 5, "first_name": "Ola", "last_name": "Reed",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "start_care", "id": 25, "child": 5, "started_on": "2021-03-15",
             "legal_status": "C2", "regime": "full_care"},
            {"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 0.8},
            {"op": "update_iro", "id": 2, "name": "Ben Okafor", "fte": 0.6},
            {"op": "update_child", "id": 10, "first_name": "Sam", "last_name": "Jones-Reed",
             "born_on": "2015-05-01", "sex": "male"},
            {"op": "allocate_iro", "child": 10, "iro": 2, "from_on": "2025-03-01"},
            {"op": "record_meeting", "id": 70, "child": 5, "kind": "lac_review", "held_on": "2025-05-12",
             "participation": "PN1", "decisions_sent_on": "2025-05-16"},
            {"op": "update_care", "id": 20, "started_on": "2025-01-06", "legal_status": "C1",
             "regime": "full_care"},
            {"op": "set_review_history", "child": 5, "history": {"known": "earlier", "count": 8}},
            {"op": "start_cp_episode", "id": 40, "child": 10, "strategy_on": "2025-03-03",
             "s47_started_on": "2025-03-03"},
            {"op": "record_meeting", "id": 60, "child": 10, "kind": "icpc",
             "held_on": "2025-03-20", "plan_decision": "plan_starts", "category": "EMO"},
            {"op": "update_cp_episode", "id": 40, "strategy_on": "2025-03-03",
             "s47_started_on": "2025-03-03", "plan_started_on": "2025-03-20",
             "initial_category": "EMO", "latest_category": "NEG"},
            {"op": "update_meeting_outcome", "id": 60, "held_on": "2025-03-20",
             "plan_decision": "plan_starts", "category": "EMO",
             "decisions_sent_on": "2025-03-21"},
            {"op": "book_meeting", "id": 32, "child": 10, "kind": "lac_review", "on": "2025-05-10"},
            {"op": "move_meeting", "id": 32, "on": "2025-05-12", "at": "14:30", "venue": "School"},
            {"op": "cancel_meeting", "id": 32, "reason": "child unwell"},
            {"op": "book_meeting", "id": 33, "child": 5, "kind": "lac_review", "on": "2025-07-10"},
            {"op": "adjourn_meeting", "id": 33, "reason": "carer unwell"},
            {"op": "record_child_seen", "id": 31, "on": "2025-04-20"},
            {"op": "record_social_worker_contact", "id": 31, "on": "2025-04-01"},
            {"op": "record_reports_received", "id": 31, "on": "2025-04-23"},
            {"op": "save_record_draft", "meeting": 31, "record": {}},
            {"op": "finalise_record", "meeting": 31, "record": record},
            {"op": "decision_done", "id": 1, "on": "2025-05-20", "note": "Monthly from May"},
            {"op": "decision_dropped", "id": 2, "on": "2025-06-02", "reason": "Done already"},
            {"op": "record_decisions_sent", "meeting": 31, "on": "2025-04-30"},
            {"op": "record_record_sent", "meeting": 31, "on": "2025-05-19"},
            {"op": "set_rule_override", "rule": "review-record", "value": 15, "note": "local"},
            {"op": "clear_rule_override", "rule": "review-record"},
            {"op": "import_holidays", "holidays": [{"date": "2027-01-01", "name": "New Year's Day"}]},
            {"op": "set_settings", "settings": {"convention": "event_day_is_day_one",
             "red_within_working_days": 3, "amber_within_working_days": 15}},
            {"op": "set_letter_template", "band": "from13", "text": "Hi {name}"},
            {"op": "end_care", "id": 20, "ended_on": "2025-06-01"},
            {"op": "start_care", "id": 21, "child": 10, "started_on": "2025-06-10",
             "legal_status": "V2", "regime": "full_care"},
            {"op": "raise_dispute", "id": 50, "child": 10, "kind": "drp", "concerns": "lac_plan",
             "reason": "planning", "raised_on": "2025-06-10", "stage": 0, "sent_to": "Team Manager"},
            {"op": "record_dispute_response", "id": 50, "stage": 0, "responded_on": "2025-06-12"},
            {"op": "escalate_dispute", "id": 50, "stage": 2, "raised_on": "2025-06-16",
             "sent_to": "Service Manager"},
            {"op": "refer_to_cafcass", "id": 50, "on": "2025-06-20"},
            {"op": "resolve_dispute", "id": 50, "outcome": "withdrawn", "on": "2025-06-23"},
            {"op": "set_dispute_ladder", "kind": "macp", "steps": [
                {"stage": 1, "label": "Level 1", "target": "Practitioners",
                 "response": {"working_days": 3}, "formal": true}]},
            {"op": "set_dispute_reasons", "reasons": [
                {"code": "planning", "label": "Planning"},
                {"code": "education", "label": "Education (PEP)"}]}
        ]))
        .expect("the changes parse")
    }

    /// After every change of a batch, the record the cache gives for each child it holds is
    /// the one a fresh read gives: no write leaves a part of a record stale.
    #[test]
    fn after_every_change_the_cached_records_are_what_a_fresh_read_gives() {
        let store = Store::open_in_memory().unwrap();
        let conn = &store.conn;
        let ctx = ApplyContext {
            as_of: "2025-06-30".parse().unwrap(),
            actor: None,
            recorded_at: chrono::Utc::now(),
            source: None,
        };
        let mut cache = BatchCache::default();
        let changes = every_op();
        let mut ops: Vec<&str> = changes.iter().map(Change::op).collect();
        ops.sort_unstable();
        ops.dedup();
        assert_eq!(ops.len(), 38, "the batch covers every op of Change");
        for (index, change) in changes.iter().enumerate() {
            let written = apply_one(conn, &mut cache, change, &ctx, "2025-06-30T09:00:00Z");
            match written {
                Ok(Ok(_)) => {}
                other => panic!("change {index} ({}) not written: {other:?}", change.op()),
            }
            let mut children: Vec<_> = cache.records.keys().copied().collect();
            children.sort();
            for child in children {
                let fresh = load_child(conn, child).unwrap();
                let cached = cache.snapshot(conn, Some(child)).unwrap().record.cloned();
                assert_eq!(
                    cached,
                    fresh,
                    "child {child} after change {index} ({})",
                    change.op()
                );
            }
        }
    }
}
