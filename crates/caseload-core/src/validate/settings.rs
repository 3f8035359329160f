//! The checks of what is set for the whole store: the settings, a local rule value, the bank
//! holidays imported, the letter to the child.
//!
//! Not here: the dispute ladders and reason categories (`dispute`).

use super::{check_iro, Context, ErrorCode, Errors};
use crate::change::{Change, HolidayRow};
use crate::domain::{unknown_placeholders, LETTER_TEMPLATE_MAX_CHARS};
use crate::explain::uk_date;
use crate::rules::RuleId;
use crate::settings::{MeetingMinutes, Settings};
use chrono::NaiveDate;

/// The checks of a change to the store's settings, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::SetRuleOverride { rule, value, .. } => set_rule_override(v, *rule, *value),
        Change::ClearRuleOverride { .. } => {}
        Change::ImportHolidays { holidays, .. } => import_holidays(v, holidays),
        Change::SetSettings { settings } => set_settings(v, ctx, settings),
        Change::SetLetterTemplate {
            text: Some(text), ..
        } => set_letter_template(v, text),
        // No wording: back to the default, which needs no check.
        Change::SetLetterTemplate { text: None, .. } => {}
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

fn set_rule_override(v: &mut Errors, rule: RuleId, value: u32) {
    if value == 0 || value > 400 {
        v.push(
            "value",
            ErrorCode::Invalid,
            format!("The local value for {rule} must be between 1 and 400."),
        );
    }
}

fn import_holidays(v: &mut Errors, holidays: &[HolidayRow]) {
    if holidays.is_empty() {
        v.push(
            "holidays",
            ErrorCode::Required,
            "The file lists no bank holidays.",
        );
    }
    let mut dates: Vec<NaiveDate> = holidays.iter().map(|h| h.date).collect();
    dates.sort();
    if let Some(w) = dates.windows(2).find(|w| w[0] == w[1]) {
        v.push(
            "holidays",
            ErrorCode::Invalid,
            format!("{} is listed twice.", uk_date(w[0])),
        );
    }
}

fn set_settings(v: &mut Errors, ctx: &Context<'_>, settings: &Settings) {
    if let Some(owner) = settings.owner {
        check_iro(v, "owner", owner, ctx);
    }
    if settings.red_within_working_days > settings.amber_within_working_days {
        v.push(
            "red_within_working_days",
            ErrorCode::Order,
            "The red threshold must not be longer than the amber threshold.",
        );
    }
    if settings.amber_within_working_days > 120 {
        v.push(
            "amber_within_working_days",
            ErrorCode::Invalid,
            "The amber threshold must be at most 120 working days.",
        );
    }
    for (kind, field, minutes) in settings.meeting_minutes.each() {
        if !MeetingMinutes::RANGE.contains(&minutes) {
            v.push(
                &format!("meeting_minutes.{field}"),
                ErrorCode::Invalid,
                format!(
                    "A {} lasts between {} and {} minutes.",
                    kind.label().to_lowercase(),
                    MeetingMinutes::RANGE.start(),
                    MeetingMinutes::RANGE.end()
                ),
            );
        }
    }
    if !Settings::RETENTION_MONTHS.contains(&settings.retention_months) {
        v.push(
            "retention_months",
            ErrorCode::Invalid,
            format!(
                "Keep a closed case's record for between {} and {} months.",
                Settings::RETENTION_MONTHS.start(),
                Settings::RETENTION_MONTHS.end()
            ),
        );
    }
    if !Settings::AUTO_LOCK_MINUTES.contains(&settings.auto_lock_minutes) {
        v.push(
            "auto_lock_minutes",
            ErrorCode::Invalid,
            format!(
                "Lock after between {} and {} minutes without use.",
                Settings::AUTO_LOCK_MINUTES.start(),
                Settings::AUTO_LOCK_MINUTES.end()
            ),
        );
    }
}

/// A letter template the letter can fill: not blank, not too long, no unknown placeholder.
fn set_letter_template(v: &mut Errors, text: &str) {
    if text.trim().is_empty() {
        v.push(
            "text",
            ErrorCode::Required,
            "Write the letter, or go back to the default wording.",
        );
    } else if text.chars().count() > LETTER_TEMPLATE_MAX_CHARS {
        v.push(
            "text",
            ErrorCode::Invalid,
            format!("A letter is at most {LETTER_TEMPLATE_MAX_CHARS} characters."),
        );
    }
    let unknown = unknown_placeholders(text);
    if !unknown.is_empty() {
        let words: Vec<String> = unknown.iter().map(|w| format!("{{{w}}}")).collect();
        v.push(
            "text",
            ErrorCode::Invalid,
            format!(
                "{} {} not something the letter can fill in.",
                words.join(", "),
                if words.len() == 1 { "is" } else { "are" }
            ),
        );
    }
}
