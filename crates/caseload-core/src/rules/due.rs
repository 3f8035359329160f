use super::{Measure, RuleDef, RuleId, Rules};
use crate::calendar::{add_months, Calendar, Convention, CountEnd};
use crate::explain::{Counting, Explanation, Written};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The event a rule counts from: what it was and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BaseEvent {
    // Most labels are fixed words, borrowed. The doc comment is the TS bindings' too.
    /// In plain words, e.g. "became looked after".
    pub label: Cow<'static, str>,
    /// The date.
    pub on: NaiveDate,
}

impl BaseEvent {
    /// A base event.
    pub fn new(label: impl Into<Cow<'static, str>>, on: NaiveDate) -> BaseEvent {
        BaseEvent {
            label: label.into(),
            on,
        }
    }
}

/// A computed due date with its derivation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Due {
    /// The rule.
    pub rule: RuleId,
    /// The statutory due date (never moved off a weekend or bank holiday).
    pub due: NaiveDate,
    /// The last working day on or before `due`.
    pub plan_by: NaiveDate,
    /// True when the count crossed a year with no loaded bank-holiday data.
    pub provisional: bool,
    /// How the date was derived.
    pub explanation: Explanation,
}

impl Due {
    /// The same date with a note in its explanation on why it was counted so.
    pub fn with_explanation_note(self, note: crate::explain::ExplanationNote) -> Due {
        Due {
            explanation: self.explanation.with_note(note),
            ..self
        }
    }
}

/// A rule that cannot give a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueError {
    /// The rule is a threshold, not a timescale.
    #[error("rule '{0}' is not a date rule")]
    NotADateRule(RuleId),
    /// The date arithmetic left the supported range.
    #[error("date out of range for rule '{0}'")]
    OutOfRange(RuleId),
}

/// What is due and how much time it gives, when that is set outside the rule catalogue (one
/// stage of a dispute ladder): the rule still names the source and how time is measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timescale {
    /// What is due, in plain words ("Response to Stage 2").
    pub title: String,
    /// The value in force.
    pub value: u32,
    /// The default value (the explanation says when `value` differs from it).
    pub default: u32,
}

/// Computes the due date of `rule` counted from `base`, with its explanation.
pub fn compute_due(
    rule: RuleId,
    base: BaseEvent,
    rules: &Rules,
    calendar: &Calendar,
    convention: Convention,
) -> Result<Due, DueError> {
    compute_due_written(rule, base, rules, calendar, convention, Written::Now)
}

/// A [`Timescale`] whose title is borrowed from the rule catalogue when it is the rule's own.
struct TimescaleIn {
    title: Cow<'static, str>,
    value: u32,
    default: u32,
}

impl Timescale {
    /// A catalogue rule's title, with its value in force and its default.
    fn in_force(rule: RuleId, rules: &Rules) -> TimescaleIn {
        let def = RuleDef::of(rule);
        TimescaleIn {
            title: Cow::Borrowed(def.title),
            value: rules.value(rule),
            default: def.default,
        }
    }
}

impl From<&Timescale> for TimescaleIn {
    fn from(timescale: &Timescale) -> TimescaleIn {
        TimescaleIn {
            title: Cow::Owned(timescale.title.clone()),
            value: timescale.value,
            default: timescale.default,
        }
    }
}

/// Computes a due date like [`compute_due`], but with the title, value and default of a
/// [`Timescale`] (e.g. a dispute stage's response time from the store's ladder).
pub fn compute_due_as(
    rule: RuleId,
    timescale: &Timescale,
    base: BaseEvent,
    calendar: &Calendar,
    convention: Convention,
) -> Result<Due, DueError> {
    due_as(
        rule,
        timescale.into(),
        base,
        calendar,
        convention,
        Written::Now,
    )
}

/// [`compute_due`] with its explanation's sentences written now or only when it is shown
/// ([`Explanation::ensure_text`]).
pub(crate) fn compute_due_written(
    rule: RuleId,
    base: BaseEvent,
    rules: &Rules,
    calendar: &Calendar,
    convention: Convention,
    written: Written,
) -> Result<Due, DueError> {
    let timescale = Timescale::in_force(rule, rules);
    due_as(rule, timescale, base, calendar, convention, written)
}

/// [`compute_due_as`] with its explanation's sentences written now or only when it is shown.
pub(crate) fn compute_due_as_written(
    rule: RuleId,
    timescale: &Timescale,
    base: BaseEvent,
    calendar: &Calendar,
    convention: Convention,
    written: Written,
) -> Result<Due, DueError> {
    due_as(rule, timescale.into(), base, calendar, convention, written)
}

fn due_as(
    rule: RuleId,
    timescale: TimescaleIn,
    base: BaseEvent,
    calendar: &Calendar,
    convention: Convention,
    written: Written,
) -> Result<Due, DueError> {
    let def = RuleDef::of(rule);
    let value = timescale.value;
    let (due, counting, mut provisional) = match def.measure {
        Measure::WorkingDaysAfter | Measure::WorkingDaysBefore => {
            let backward = def.measure == Measure::WorkingDaysBefore;
            let (end, counting) =
                count_working_days(base.on, value, convention, backward, calendar, written);
            (end.result, counting, end.provisional)
        }
        Measure::MonthsAfter => {
            if base.on.year() > 9000 {
                return Err(DueError::OutOfRange(rule));
            }
            let count = add_months(base.on, value);
            (
                count.result,
                Counting::Months {
                    clamped: count.clamped,
                },
                false,
            )
        }
        Measure::WeeksBefore => {
            let due = base
                .on
                .checked_sub_days(Days::new(7 * u64::from(value)))
                .ok_or(DueError::OutOfRange(rule))?;
            (due, Counting::Weeks, false)
        }
        Measure::Children => return Err(DueError::NotADateRule(rule)),
    };
    let plan_by = calendar.plan_by(due);
    provisional |=
        calendar.is_provisional_year(due.year()) || calendar.is_provisional_year(plan_by.year());
    let explanation = Explanation::new(
        def,
        timescale.title,
        value,
        timescale.default,
        base,
        counting,
        due,
        plan_by,
        provisional,
        calendar,
        written,
    );
    Ok(Due {
        rule,
        due,
        plan_by,
        provisional,
        explanation,
    })
}

/// A due date's working-day count: where it ended, and how it was counted, with the days it
/// skipped listed only when the explanation is written now ([`Explanation::ensure_text`] lists
/// them later). Counting back is always from day zero.
fn count_working_days(
    from: NaiveDate,
    days: u32,
    convention: Convention,
    backward: bool,
    calendar: &Calendar,
    written: Written,
) -> (CountEnd, Counting) {
    let convention = if backward {
        Convention::EventDayIsDayZero
    } else {
        convention
    };
    let (end, skipped) = match (written, backward) {
        (Written::Now, false) => calendar
            .add_working_days(from, days, convention)
            .into_parts(),
        (Written::Now, true) => calendar.sub_working_days(from, days).into_parts(),
        (Written::Later, false) => (
            calendar.add_working_days_end(from, days, convention),
            Vec::new(),
        ),
        (Written::Later, true) => (calendar.sub_working_days_end(from, days), Vec::new()),
    };
    let counting = Counting::WorkingDays {
        convention,
        skipped,
        backward,
    };
    (end, counting)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::ExplanationNote;

    /// Every date rule, both conventions, from base dates across holidays and into a year with
    /// no loaded holidays: an explanation written later, once written, is the one written now.
    #[test]
    fn an_explanation_written_later_equals_one_written_at_once() {
        let calendar = Calendar::bundled();
        let rules = Rules::defaults();
        let note = ExplanationNote::OutcomeNotRecorded {
            held_on: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
        };
        let mut on = NaiveDate::from_ymd_opt(2027, 11, 1).unwrap();
        while on < NaiveDate::from_ymd_opt(2029, 5, 1).unwrap() {
            for &rule in RuleId::ALL {
                for convention in [Convention::EventDayIsDayZero, Convention::EventDayIsDayOne] {
                    let base = BaseEvent::new("the event", on);
                    let now = compute_due(rule, base.clone(), &rules, &calendar, convention);
                    let later = compute_due_written(
                        rule,
                        base,
                        &rules,
                        &calendar,
                        convention,
                        Written::Later,
                    );
                    let (Ok(now), Ok(mut later)) = (now.clone(), later.clone()) else {
                        assert_eq!(now, later, "{rule} from {on}");
                        continue;
                    };
                    assert_eq!(
                        (later.due, later.plan_by, later.provisional),
                        (now.due, now.plan_by, now.provisional)
                    );
                    let noted = later.clone().with_explanation_note(note.clone());
                    later.explanation.ensure_text(&calendar);
                    assert_eq!(later, now, "{rule} from {on}, {convention:?}");
                    let mut noted = noted.explanation;
                    noted.ensure_text(&calendar);
                    assert_eq!(noted, now.explanation.with_note(note.clone()));
                    let ladder = Timescale {
                        title: "Response to Stage 2".to_string(),
                        value: 7,
                        default: 5,
                    };
                    let base = BaseEvent::new(format!("Stage 2 on {on} was raised"), on);
                    let now = compute_due_as(rule, &ladder, base.clone(), &calendar, convention);
                    let later = compute_due_as_written(
                        rule,
                        &ladder,
                        base,
                        &calendar,
                        convention,
                        Written::Later,
                    );
                    if let (Ok(now), Ok(mut later)) = (now, later) {
                        later.explanation.ensure_text(&calendar);
                        assert_eq!(later, now, "{rule} as a ladder's from {on}");
                    }
                }
            }
            on = on.succ_opt().unwrap();
        }
    }
}
