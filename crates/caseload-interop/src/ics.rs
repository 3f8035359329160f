//! iCalendar (RFC 5545) export of meetings and deadlines, in the shape Outlook imports.
//!
//! [`render_ics`] turns plain data ([`IcsCalendar`]) into the text of one `VCALENDAR`:
//!
//! - a meeting with a time is a `VEVENT` in UK wall-clock time (`TZID=Europe/London`),
//!   described by the `VTIMEZONE` that every output carries, so Outlook shows the same
//!   hour in summer (BST) and winter (GMT);
//! - a meeting without a time, and every deadline, is an all-day event (`VALUE=DATE`,
//!   `DTEND` the next day); deadlines are also `TRANSP:TRANSPARENT` so they never block
//!   the diary;
//! - a meeting carries the caller's `SEQUENCE` and a `STATUS` (`CONFIRMED`, or `CANCELLED`
//!   for a meeting called off), so that a calendar program which already has the event
//!   (same UID) replaces it with the newer version, or marks it cancelled;
//! - every content line ends in CRLF and is folded at 75 octets without splitting a
//!   UTF-8 character; TEXT values are escaped.
//!
//! The same calendar and `stamp` always give the same bytes: the events come out in the
//! order given, and nothing is read from the clock or generated at random.
//!
//! What this module deliberately does not do: no file I/O (the caller writes the text),
//! no clock (`DTSTAMP` is the `stamp` argument), no UID generation (callers pass stable
//! UIDs so that re-importing updates events rather than duplicating them), no parsing
//! of ICS, no recurrence, no attendees or alarms, and no validation of the meeting
//! times themselves: a wall-clock time that does not exist on the morning the clocks go
//! forward is written as given and left to the calendar program to place.
//!
//! The renderer is written by hand rather than with the `icalendar` crate (0.17) because
//! that crate cannot emit a `VTIMEZONE` (its `Calendar::timezone` only writes the
//! non-standard `X-WR-TIMEZONE`), which Outlook needs to place `TZID` times; it also
//! falls back to `Utc::now()` and a random UUID when `DTSTAMP`/`UID` are missing, which
//! this crate's no-clock rule forbids. The rest is a few dozen lines. Tests parse the
//! output back with `icalendar`'s parser (a dev-dependency only).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

/// The `TZID` of every timed meeting, and of the one `VTIMEZONE` in the output.
pub const TZID: &str = "Europe/London";

/// `PRODID` of the calendar.
pub const PRODID: &str = "-//IRO Caseload//EN";

/// The category of every meeting event.
pub const MEETING_CATEGORY: &str = "Meeting";

/// The category of every deadline event.
pub const DEADLINE_CATEGORY: &str = "Deadline";

/// The longest physical line, in octets, not counting its CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// One meeting: a timed event in UK local time, or an all-day event when `at` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsMeeting {
    /// Stable identifier, e.g. `meeting-42@irocaseload`; the same meeting must always get
    /// the same UID so that Outlook updates it on re-import.
    pub uid: String,
    /// The day of the meeting.
    pub on: NaiveDate,
    /// UK wall-clock start time (GMT or BST, whichever is in force on `on`); `None` for an
    /// all-day event.
    pub at: Option<NaiveTime>,
    /// Length in minutes, ignored for all-day events.
    pub duration_minutes: u32,
    /// The event's `SEQUENCE`: its revision, which must rise with every change to the
    /// meeting for a calendar program to take the new version over the one it has.
    pub sequence: u32,
    /// The meeting was called off: the event is `STATUS:CANCELLED`.
    pub cancelled: bool,
    /// The event's title.
    pub summary: String,
    /// Where it takes place.
    pub location: Option<String>,
    /// Free text; may contain newlines.
    pub description: Option<String>,
}

/// One deadline (a due date): an all-day, free-time event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsDeadline {
    /// Stable identifier, e.g. `due-lac-review-7@irocaseload`.
    pub uid: String,
    /// The day it falls due.
    pub on: NaiveDate,
    /// The event's title.
    pub summary: String,
    /// Free text; may contain newlines.
    pub description: Option<String>,
}

/// A whole calendar file: its display name (`X-WR-CALNAME`), meetings and deadlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsCalendar {
    /// The name Outlook shows for the imported calendar.
    pub name: String,
    /// Rendered first, in this order.
    pub meetings: Vec<IcsMeeting>,
    /// Rendered after the meetings, in this order.
    pub deadlines: Vec<IcsDeadline>,
}

/// Renders `calendar` as iCalendar text with CRLF line endings. `stamp` becomes every
/// event's `DTSTAMP` (the moment the export was made); pass it in, this never reads the
/// clock.
pub fn render_ics(calendar: &IcsCalendar, stamp: DateTime<Utc>) -> String {
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut ics = ContentLines::default();

    ics.raw("BEGIN:VCALENDAR");
    ics.raw("VERSION:2.0");
    ics.raw(&format!("PRODID:{PRODID}"));
    ics.raw("CALSCALE:GREGORIAN");
    ics.raw("METHOD:PUBLISH");
    ics.text("X-WR-CALNAME", &calendar.name);
    write_europe_london(&mut ics);

    for meeting in &calendar.meetings {
        ics.raw("BEGIN:VEVENT");
        ics.text("UID", &meeting.uid);
        ics.raw(&format!("DTSTAMP:{dtstamp}"));
        ics.raw(&format!("SEQUENCE:{}", meeting.sequence));
        ics.raw(if meeting.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        match meeting.at {
            Some(at) => {
                let start = meeting.on.and_time(at);
                let end = start
                    .checked_add_signed(TimeDelta::minutes(i64::from(meeting.duration_minutes)))
                    .unwrap_or(start);
                ics.raw(&format!("DTSTART;TZID={TZID}:{}", local_date_time(start)));
                ics.raw(&format!("DTEND;TZID={TZID}:{}", local_date_time(end)));
            }
            None => write_all_day(&mut ics, meeting.on),
        }
        ics.text("SUMMARY", &meeting.summary);
        if let Some(location) = &meeting.location {
            ics.text("LOCATION", location);
        }
        if let Some(description) = &meeting.description {
            ics.text("DESCRIPTION", description);
        }
        ics.raw(&format!("CATEGORIES:{MEETING_CATEGORY}"));
        ics.raw("END:VEVENT");
    }

    for deadline in &calendar.deadlines {
        ics.raw("BEGIN:VEVENT");
        ics.text("UID", &deadline.uid);
        ics.raw(&format!("DTSTAMP:{dtstamp}"));
        write_all_day(&mut ics, deadline.on);
        ics.text("SUMMARY", &deadline.summary);
        if let Some(description) = &deadline.description {
            ics.text("DESCRIPTION", description);
        }
        ics.raw(&format!("CATEGORIES:{DEADLINE_CATEGORY}"));
        ics.raw("TRANSP:TRANSPARENT");
        ics.raw("END:VEVENT");
    }

    ics.raw("END:VCALENDAR");
    ics.out
}

/// `VTIMEZONE` for Europe/London under the rules in force since 1996: BST (+01:00) from
/// 01:00 UTC on the last Sunday of March, GMT from 01:00 UTC (02:00 BST) on the last
/// Sunday of October. Each `DTSTART` is local time before the change, on the first year
/// the rule applied (the March rule since 1981, the October one since 1996).
fn write_europe_london(ics: &mut ContentLines) {
    for line in [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "DTSTART:19810329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        ics.raw(line);
    }
}

/// `DTSTART`/`DTEND` of an all-day event on `on`. `DTEND` is exclusive, so it is the next
/// day (or `on` itself for the last date chrono can represent, rather than panicking).
fn write_all_day(ics: &mut ContentLines, on: NaiveDate) {
    let end = on.succ_opt().unwrap_or(on);
    ics.raw(&format!("DTSTART;VALUE=DATE:{}", on.format("%Y%m%d")));
    ics.raw(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
}

/// A local (floating) DATE-TIME value, `19970714T173000`; the `TZID` parameter is the
/// caller's.
fn local_date_time(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// The output being built: content lines, each folded and ended with CRLF.
#[derive(Default)]
struct ContentLines {
    out: String,
}

impl ContentLines {
    /// Appends a line whose value needs no escaping (fixed text, dates, numbers).
    fn raw(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    /// Appends `NAME:value` with `value` escaped as RFC 5545 TEXT.
    fn text(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + 1 + value.len());
        line.push_str(name);
        line.push(':');
        escape_text_into(&mut line, value);
        fold_into(&mut self.out, &line);
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` get a backslash, a line break
/// (LF, CRLF or a lone CR) becomes `\n`. Other ASCII control characters except TAB are
/// not allowed in TEXT and are dropped.
fn escape_text_into(out: &mut String, value: &str) {
    let mut chars = value.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            ch if ch.is_ascii_control() => {}
            ch => out.push(ch),
        }
    }
}

/// Appends `line` folded so that no physical line exceeds [`MAX_LINE_OCTETS`] octets
/// (the leading space of a continuation counts), breaking only between characters, and
/// ends every physical line with CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut octets = 0;
    for ch in line.chars() {
        let width = ch.len_utf8();
        if octets + width > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(ch);
        octets += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, line);
        out
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let line = "X".repeat(75);
        assert_eq!(folded(&line), format!("{line}\r\n"));
    }

    #[test]
    fn continuation_lines_carry_74_octets_after_the_space() {
        let line = "X".repeat(75 + 74 + 1);
        let expected = format!("{}\r\n {}\r\n {}\r\n", "X".repeat(75), "X".repeat(74), "X");
        assert_eq!(folded(&line), expected);
    }

    #[test]
    fn a_multi_byte_character_that_would_straddle_the_limit_moves_to_the_next_line() {
        // 74 ASCII octets then "ë" (2 octets) would make 76.
        let line = format!("{}ë", "X".repeat(74));
        assert_eq!(folded(&line), format!("{}\r\n ë\r\n", "X".repeat(74)));
    }

    #[test]
    fn escaping_covers_the_reserved_characters_and_every_line_break() {
        let mut out = String::new();
        escape_text_into(&mut out, "a\\b;c,d\ne\r\nf\rg\th\u{7}i");
        assert_eq!(out, "a\\\\b\\;c\\,d\\ne\\nf\\ng\thi");
    }
}
