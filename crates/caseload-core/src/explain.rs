//! Every computed date carries its derivation: the base event and its date, the rule and its
//! source, the count (which days were skipped and why), month clamping, plan-by, and whether the
//! calendar was provisional.
//!
//! The derivation is data ([`Explanation`]); its text is rendered here and nowhere else, so the
//! CLI, the desktop app and exports say the same thing.

use crate::calendar::{Calendar, Convention, NonWorking, SkippedDay};
use crate::rules::{BaseEvent, Measure, RuleDef, RuleId};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// How the time was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Counting {
    /// Working days, with every non-working day passed over.
    WorkingDays {
        /// Counting convention.
        convention: Convention,
        /// Non-working days passed over, and why.
        skipped: Vec<SkippedDay>,
        /// Counted back from the base date.
        backward: bool,
    },
    /// Calendar months by the corresponding-date rule.
    Months {
        /// The corresponding day did not exist; the period ends on the last day of the month.
        clamped: bool,
    },
    /// Whole weeks.
    Weeks,
}

/// Why a date was counted as it was, where the rule alone does not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExplanationNote {
    /// An unborn child's conference whose local pre-birth date (weeks before the expected date
    /// of birth) had already passed at the strategy discussion: the initial conference's
    /// 15 working days apply instead (§3 C1, C8).
    PreBirthDatePassed {
        /// The pre-birth date.
        pre_birth_on: NaiveDate,
        /// Its weeks before the expected date of birth.
        weeks: u32,
    },
    /// The initial conference's outcome (a plan, or none) is not recorded: the date is counted
    /// as if a plan was made, so the chain does not vanish.
    OutcomeNotRecorded {
        /// The day the initial conference was held.
        held_on: NaiveDate,
    },
}

/// The derivation of a due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Explanation {
    /// Rule id.
    pub rule: RuleId,
    // The rule's texts are borrowed from the catalogue (a ladder's title is owned). Their doc
    // comments are the TS bindings' too.
    /// domain.md reference.
    pub reference: Cow<'static, str>,
    /// What is due.
    pub title: Cow<'static, str>,
    /// The source of the rule.
    pub source: Cow<'static, str>,
    /// The value in force.
    pub value: u32,
    /// The statutory/default value (differs from `value` when overridden locally).
    pub default: u32,
    /// The base event.
    pub base: BaseEvent,
    /// How it was counted.
    pub counting: Counting,
    /// Due date.
    pub due: NaiveDate,
    /// Plan-by date.
    pub plan_by: NaiveDate,
    /// Provisional calendar.
    pub provisional: bool,
    /// Years counted across that had no loaded bank-holiday data.
    pub provisional_years: Vec<i32>,
    /// Why the date was counted from this event, where the rule alone does not say.
    pub notes: Vec<ExplanationNote>,
    /// The derivation as sentences, one per line.
    pub text: Vec<String>,
}

/// When an explanation's sentences are written: at once, or only when it is shown (a
/// computation over a whole caseload shows few of the dates it works out).
///
/// `Later` leaves out the sentences and, for a working-day count, the list of days skipped:
/// [`Explanation::ensure_text`] fills in both, and then the explanation equals one written now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    Now,
    Later,
}

impl Explanation {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        def: &RuleDef,
        title: Cow<'static, str>,
        value: u32,
        default: u32,
        base: BaseEvent,
        counting: Counting,
        due: NaiveDate,
        plan_by: NaiveDate,
        provisional: bool,
        calendar: &Calendar,
        written: Written,
    ) -> Explanation {
        let (lo, hi) = if due < base.on {
            (due, base.on)
        } else {
            (base.on, due)
        };
        let provisional_years = (lo.year()..=hi.year().max(plan_by.year()))
            .filter(|&y| calendar.is_provisional_year(y))
            .collect();
        let mut explanation = Explanation {
            rule: def.id,
            reference: Cow::Borrowed(def.reference),
            title,
            source: Cow::Borrowed(def.source),
            value,
            default,
            base,
            counting,
            due,
            plan_by,
            provisional,
            provisional_years,
            notes: Vec::new(),
            text: Vec::new(),
        };
        if written == Written::Now {
            explanation.text = render(&explanation, def.measure);
        }
        explanation
    }

    /// Writes the sentences of an explanation made with [`Written::Later`], and lists the
    /// working days its count skipped (once).
    pub(crate) fn ensure_text(&mut self, calendar: &Calendar) {
        if self.text.is_empty() {
            self.list_skipped(calendar);
            self.text = render(self, RuleDef::of(self.rule).measure);
        }
    }

    /// Counts again, listing the days skipped, as the due date was counted (`rules::due`).
    fn list_skipped(&mut self, calendar: &Calendar) {
        if let Counting::WorkingDays {
            convention,
            skipped,
            backward,
        } = &mut self.counting
        {
            let count = if *backward {
                calendar.sub_working_days(self.base.on, self.value)
            } else {
                calendar.add_working_days(self.base.on, self.value, *convention)
            };
            *skipped = count.skipped;
        }
    }

    /// The same derivation with a note on why it was counted so (its text says it too).
    pub fn with_note(mut self, note: ExplanationNote) -> Explanation {
        self.notes.push(note);
        if !self.text.is_empty() {
            self.text = render(&self, RuleDef::of(self.rule).measure);
        }
        self
    }
}

fn render_note(note: &ExplanationNote) -> String {
    match note {
        ExplanationNote::PreBirthDatePassed {
            pre_birth_on,
            weeks,
        } => format!(
            "The pre-birth date ({weeks} weeks before the expected date of birth: {}) had already passed at the strategy discussion, so the initial conference's 15 working days apply (rule icpc).",
            UkDate(*pre_birth_on)
        ),
        ExplanationNote::OutcomeNotRecorded { held_on } => format!(
            "The initial conference of {} has no outcome recorded: this date assumes it made a plan. Record whether it did.",
            UkDate(*held_on)
        ),
    }
}

/// A date as an IRO reads it: "Wed 20 Jan 2027".
pub fn uk_date(d: NaiveDate) -> String {
    UkDate(d).to_string()
}

/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays' names, Monday first.
pub const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A date in full words: "Tuesday 3 November 2026".
pub fn uk_date_long(d: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        DAY_NAMES[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTH_NAMES[d.month0() as usize],
        d.year()
    )
}

/// [`uk_date`] written straight into the text around it, with no `String` of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UkDate(pub(crate) NaiveDate);

impl std::fmt::Display for UkDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Written out by hand: chrono's `format` parses its pattern on every call, and a
        // caseload's warnings write thousands of dates.
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let d = self.0;
        write!(
            f,
            "{} {} {} {}",
            DAYS[d.weekday().num_days_from_monday() as usize],
            d.day(),
            MONTHS[d.month0() as usize],
            d.year()
        )
    }
}

fn render(e: &Explanation, measure: Measure) -> Vec<String> {
    let unit = measure.unit(e.value);
    let mut lines = Vec::new();
    let relation = match measure {
        Measure::WorkingDaysBefore | Measure::WeeksBefore => "before",
        _ => "after",
    };
    lines.push(format!(
        "{} due {}: {} {} {} {} ({}).",
        e.title,
        UkDate(e.due),
        e.value,
        unit,
        relation,
        e.base.label,
        UkDate(e.base.on),
    ));
    let local = if e.value != e.default {
        format!(
            " Local setting: {} {} (the default is {}).",
            e.value, unit, e.default
        )
    } else {
        String::new()
    };
    lines.push(format!(
        "Rule {} ({}): {}.{}",
        e.rule, e.reference, e.source, local
    ));
    match &e.counting {
        Counting::WorkingDays {
            convention,
            skipped,
            backward,
        } => {
            if *backward {
                lines.push(format!(
                    "Counted back: day 1 is the last working day before {}.",
                    UkDate(e.base.on)
                ));
            } else {
                lines.push(match convention {
                    Convention::EventDayIsDayZero => format!(
                        "Counting: {} is day 0; day 1 is the first working day after it.",
                        UkDate(e.base.on)
                    ),
                    Convention::EventDayIsDayOne => format!(
                        "Counting (local setting): {} is day 1 if it is a working day.",
                        UkDate(e.base.on)
                    ),
                });
            }
            lines.push(render_skipped(skipped));
        }
        Counting::Months { clamped } => {
            if *clamped {
                lines.push(format!(
                    "{} has no day {}, so the period ends on its last day (corresponding-date rule).",
                    e.due.format("%B %Y"),
                    e.base.on.day()
                ));
            } else {
                lines.push(format!(
                    "Calendar months: the same day of the month, {} {} later.",
                    e.value, unit
                ));
            }
        }
        Counting::Weeks => {}
    }
    lines.extend(e.notes.iter().map(render_note));
    if e.plan_by != e.due {
        lines.push(format!(
            "{} is not a working day: the due date is not moved, so plan by {}.",
            UkDate(e.due),
            UkDate(e.plan_by)
        ));
    }
    if e.provisional {
        let years: Vec<String> = e.provisional_years.iter().map(|y| y.to_string()).collect();
        lines.push(format!(
            "Provisional: no bank-holiday data is loaded for {}; holidays there are computed and may change by proclamation.",
            years.join(", ")
        ));
    }
    lines
}

fn render_skipped(skipped: &[SkippedDay]) -> String {
    let weekend = skipped
        .iter()
        .filter(|s| matches!(s.reason, NonWorking::Weekend { .. }))
        .count();
    let holidays: Vec<String> = skipped
        .iter()
        .filter_map(|s| match &s.reason {
            NonWorking::BankHoliday { name, provisional } => Some(format!(
                "{} ({}{})",
                UkDate(s.date),
                name,
                if *provisional { ", provisional" } else { "" }
            )),
            NonWorking::Weekend { .. } => None,
        })
        .collect();
    let weekend_text = match weekend {
        0 => "no weekend days".to_string(),
        1 => "1 weekend day".to_string(),
        n => format!("{n} weekend days"),
    };
    if holidays.is_empty() {
        format!("Skipped {weekend_text}; no bank holidays.")
    } else {
        format!(
            "Skipped {weekend_text} and bank holidays: {}.",
            holidays.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::uk_date;
    use chrono::NaiveDate;

    #[test]
    fn uk_dates_read_as_chrono_would_write_them_for_every_day_of_a_decade() {
        let mut day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        while day < NaiveDate::from_ymd_opt(2030, 1, 1).unwrap() {
            assert_eq!(uk_date(day), day.format("%a %-d %b %Y").to_string());
            day = day.succ_opt().unwrap();
        }
        assert_eq!(
            uk_date(NaiveDate::from_ymd_opt(2027, 1, 20).unwrap()),
            "Wed 20 Jan 2027"
        );
    }
}
