//! A row's "Why?": the explanation of the due date a warning row counts to, written only when it
//! is asked for. The warnings of a whole caseload are worked out for every screen and few of
//! their "Why?"s are opened, so a row carries a [`WhyKey`] in place of its explanation, and
//! [`explain_warning`] works the explanation out again from the child's record.
//!
//! What this module deliberately does not do: keep anything between the two calls. The key
//! names the date as the row counted it; if the record no longer gives that date (a change was
//! applied since), there is nothing to explain and the row is stale.

use super::Who;
use crate::disputes::dispute_clocks_written;
use crate::domain::ChildRecord;
use crate::explain::{Explanation, Written};
use crate::ids::{ChildId, DisputeId, MeetingId};
use crate::rules::{Due, RuleId};
use crate::schedule::{schedule_written, Ctx, DueItem};
use crate::settings::Terminology;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What names the due date a warning row counts to: what its "Why?" hands back to
/// [`explain_warning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub struct WhyKey {
    /// The child.
    pub child: ChildId,
    /// The day the row was worked out for.
    pub as_of: NaiveDate,
    /// The rule the date is counted by.
    pub rule: RuleId,
    /// The due date.
    pub due: NaiveDate,
    /// The row's meeting: the one booked to meet the date, or the one held whose decisions or
    /// record are due.
    pub meeting: Option<MeetingId>,
    /// The dispute whose clock it is.
    pub dispute: Option<DisputeId>,
}

impl Who<'_> {
    /// The key of this child's row that counts to `due`.
    pub(super) fn why(
        &self,
        due: &Due,
        meeting: Option<MeetingId>,
        dispute: Option<DisputeId>,
    ) -> WhyKey {
        WhyKey {
            child: self.child,
            as_of: self.as_of,
            rule: due.rule,
            due: due.due,
            meeting,
            dispute,
        }
    }
}

/// The row's meeting for a due item: the one booked to meet it, else the held one it follows.
pub(super) fn item_meeting(item: &DueItem) -> Option<MeetingId> {
    item.booked
        .as_ref()
        .map(|b| b.meeting)
        .or(item.after_meeting)
}

/// The explanation of the due date `key` names, written and in the authority's words: what the
/// row showed as its "Why?" when rows carried their explanations. `None` when `record` is not
/// the key's child or no longer gives that date.
pub fn explain_warning(record: &ChildRecord, ctx: &Ctx<'_>, key: &WhyKey) -> Option<Explanation> {
    if record.child.id != key.child {
        return None;
    }
    let mut explanation = match key.dispute {
        Some(id) => dispute_clock(record, ctx, key, id)?,
        None => schedule_date(record, ctx, key)?,
    };
    explanation.ensure_text(ctx.calendar);
    in_words(&mut explanation, ctx.settings.terminology);
    Some(explanation)
}

/// The schedule's date the key names: the same rule, date and meeting.
fn schedule_date(record: &ChildRecord, ctx: &Ctx<'_>, key: &WhyKey) -> Option<Explanation> {
    schedule_written(record, ctx, key.as_of, Written::Later)
        .into_iter()
        .find(|item| {
            item.due.rule == key.rule
                && item.due.due == key.due
                && item_meeting(item) == key.meeting
        })
        .map(|item| item.due.explanation)
}

/// The dispute's clock the key names: the response awaited, the formal process or the
/// follow-up, whichever counts by its rule to its date.
fn dispute_clock(
    record: &ChildRecord,
    ctx: &Ctx<'_>,
    key: &WhyKey,
    id: DisputeId,
) -> Option<Explanation> {
    let dispute = record.disputes.iter().find(|d| d.id == id)?;
    let clocks = dispute_clocks_written(dispute, ctx, key.as_of, Written::Later);
    [
        clocks.awaiting,
        clocks.formal.map(|f| f.due),
        clocks.follow_up,
    ]
    .into_iter()
    .flatten()
    .find(|due| due.rule == key.rule && due.due == key.due)
    .map(|due| due.explanation)
}

/// An explanation's title and sentences in the words the authority uses (LAC or CLA).
fn in_words(explanation: &mut Explanation, words: Terminology) {
    if words == Terminology::Lac {
        return;
    }
    explanation.title = words.say(&explanation.title).into();
    for line in &mut explanation.text {
        *line = words.say(line);
    }
}
