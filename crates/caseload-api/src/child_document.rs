//! The child record as a document to print for a conference or a review: A4 pages with page
//! numbers and the protective marking on each (the DEMO mark too, from the demo), no screen
//! furniture. Built from the [`ChildView`] the Child screen shows, so the two never disagree.

use caseload_core::domain::{CpEpisode, MeetingStatus, PeriodOfCare};
use caseload_core::explain::uk_date;
use caseload_core::schedule::DueItem;
use caseload_interop::document::{Document, HeadingLevel, Table};

use crate::meeting::{legal_status_label, MARKING};
use crate::session::file_safe;
use crate::{ChildView, DisputeRow, ParticipationRow};

const H1: HeadingLevel = HeadingLevel::One;

/// The child record as a document.
pub fn child_document(view: &ChildView) -> Document {
    let mut doc = Document::new(format!("{}: child record", view.name))
        .with_marking(MARKING)
        .with_meta(born_line(view))
        .with_meta(match &view.iro {
            Some(iro) => format!("IRO: {}", iro.name),
            None => "No IRO allocated".to_string(),
        })
        .with_meta(format!("As at {}", uk_date(view.as_of)));
    about(&mut doc, view);
    next_due(&mut doc, &view.due);
    meetings(&mut doc, view);
    participation(&mut doc, &view.participation);
    care_and_protection(&mut doc, view);
    disputes(&mut doc, &view.disputes);
    doc
}

/// The file name to suggest, without extension: "Alex Example - child record - 2026-11-23".
pub fn child_document_stem(view: &ChildView) -> String {
    file_safe(&format!("{} - child record - {}", view.name, view.as_of))
}

fn born_line(view: &ChildView) -> String {
    let d = &view.child.details;
    match (d.born_on, d.expected_birth_on, view.age) {
        (Some(born), _, Some(age)) => format!("Born {} (aged {age})", uk_date(born)),
        (Some(born), _, None) => format!("Born {}", uk_date(born)),
        (None, Some(expected), _) => format!("Unborn, expected {}", uk_date(expected)),
        (None, None, _) => "Date of birth not recorded".to_string(),
    }
}

/// Who the child is, only what is recorded.
fn about(doc: &mut Document, view: &ChildView) {
    let d = &view.child.details;
    let mut rows: Vec<(&str, String)> = vec![("Name", view.name.clone())];
    if let Some(p) = &d.preferred_name {
        rows.push(("Preferred name", p.clone()));
    }
    if let Some(r) = &d.local_ref {
        rows.push(("Reference", r.clone()));
    }
    if let Some(sw) = &d.social_worker {
        let team = d.team.as_ref().map_or(String::new(), |t| format!(", {t}"));
        rows.push(("Social worker", format!("{sw}{team}")));
    }
    for a in &view.allocations {
        rows.push((
            "IRO from",
            format!("{}: {}", uk_date(a.from_on), a.iro.name),
        ));
    }
    if !view.siblings.is_empty() {
        let names: Vec<&str> = view.siblings.iter().map(|s| s.name.as_str()).collect();
        rows.push(("Siblings", names.join(", ")));
    }
    doc.heading(H1, "The child");
    doc.key_values(rows);
}

/// What is due, and how each date was counted.
fn next_due(doc: &mut Document, due: &[DueItem]) {
    doc.heading(H1, "Next due");
    if due.is_empty() {
        doc.paragraph("Nothing is due.");
        return;
    }
    doc.table(due.iter().fold(
        Table::new([
            ("Due", 4),
            ("Date", 3),
            ("Plan by", 3),
            ("Booked", 3),
            ("Left", 3),
        ]),
        |t, item| {
            t.row([
                item.title.to_string(),
                uk_date(item.due.due),
                uk_date(item.due.plan_by),
                item.booked
                    .as_ref()
                    .map_or("Not booked".to_string(), |b| uk_date(b.on)),
                working_days_left(item.working_days_left),
            ])
        },
    ));
    doc.heading(HeadingLevel::Two, "How each date was counted");
    doc.bullets(
        due.iter()
            .filter(|item| !item.due.explanation.text.is_empty())
            .map(|item| format!("{}: {}", item.title, item.due.explanation.text.join(" "))),
    );
}

fn working_days_left(n: i64) -> String {
    match n {
        0 => "Due today".to_string(),
        1 => "1 working day".to_string(),
        -1 => "1 working day overdue".to_string(),
        n if n < 0 => format!("{} working days overdue", -n),
        n => format!("{n} working days"),
    }
}

/// Every meeting, newest first, with its status.
fn meetings(doc: &mut Document, view: &ChildView) {
    doc.heading(H1, "Meetings");
    if view.meetings.is_empty() {
        doc.paragraph("No meeting recorded.");
        return;
    }
    let mut meetings: Vec<_> = view.meetings.iter().collect();
    meetings.sort_by_key(|m| std::cmp::Reverse(m.held_on().or(m.booked_on)));
    doc.table(meetings.into_iter().fold(
        Table::new([("Meeting", 5), ("Date", 3), ("Status", 3)]),
        |t, m| {
            let status = match m.status {
                MeetingStatus::Booked => "Booked",
                MeetingStatus::Held => "Held",
                MeetingStatus::Cancelled => "Cancelled",
                MeetingStatus::Adjourned => "Adjourned",
            };
            let on = m.held_on().or(m.booked_on).map_or("—".to_string(), uk_date);
            t.row([m.kind.label().to_string(), on, status.to_string()])
        },
    ));
}

/// The child's participation at each review held.
fn participation(doc: &mut Document, rows: &[ParticipationRow]) {
    if rows.is_empty() {
        return;
    }
    doc.heading(H1, "Participation");
    doc.table(rows.iter().fold(
        Table::new([
            ("Held", 3),
            ("Code", 1),
            ("What it means", 6),
            ("Advocate", 2),
        ]),
        |t, r| {
            let advocate = match (r.advocate_offered, r.advocate_used) {
                (_, Some(true)) => "Used",
                (Some(true), _) => "Offered",
                (Some(false), _) => "Not offered",
                _ => "—",
            };
            t.row([
                uk_date(r.held_on),
                r.code
                    .map_or("—".to_string(), |c| format!("{c:?}").to_uppercase()),
                r.meaning.clone().unwrap_or_default(),
                advocate.to_string(),
            ])
        },
    ));
}

/// Periods of care and child-protection episodes.
fn care_and_protection(doc: &mut Document, view: &ChildView) {
    if !view.care_periods.is_empty() {
        doc.heading(H1, "Periods of care");
        doc.table(care_periods_table(&view.care_periods));
    }
    if !view.cp_episodes.is_empty() {
        doc.heading(H1, "Child protection");
        doc.table(cp_episodes_table(&view.cp_episodes));
    }
}

/// A child's periods of care, one row each.
pub(crate) fn care_periods_table(periods: &[PeriodOfCare]) -> Table {
    periods.iter().fold(
        Table::new([("Looked after from", 2), ("To", 2), ("Legal status", 5)]),
        |t, p| {
            t.row([
                uk_date(p.started_on),
                p.ended_on.map_or("Open".to_string(), uk_date),
                legal_status_label(p.legal_status).to_string(),
            ])
        },
    )
}

/// A child's child-protection episodes, one row each.
pub(crate) fn cp_episodes_table(episodes: &[CpEpisode]) -> Table {
    let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_string(), uk_date);
    episodes.iter().fold(
        Table::new([
            ("Strategy discussion", 3),
            ("Plan from", 3),
            ("Plan ended", 3),
            ("Category", 3),
        ]),
        |t, e| {
            let d = &e.details;
            t.row([
                date(d.strategy_on),
                date(d.plan_started_on),
                date(d.plan_ended_on),
                d.latest_category
                    .or(d.initial_category)
                    .map_or("—".to_string(), |c| c.label().to_string()),
            ])
        },
    )
}

/// Disputes raised about the child's plan.
fn disputes(doc: &mut Document, rows: &[DisputeRow]) {
    if rows.is_empty() {
        return;
    }
    doc.heading(H1, "Disputes");
    doc.table(rows.iter().fold(
        Table::new([("Raised", 3), ("About", 5), ("Stage", 4), ("Open", 1)]),
        |t, d| {
            t.row([
                uk_date(d.raised_on),
                format!("{} ({})", d.reason_label, d.kind_label),
                d.current_stage_label
                    .clone()
                    .unwrap_or_else(|| "—".to_string()),
                if d.open { "Yes" } else { "No" }.to_string(),
            ])
        },
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::App;
    use caseload_demo::DemoOptions;
    use caseload_interop::document::Block;

    fn demo_child() -> ChildView {
        let mut app = App::open_in_memory().unwrap();
        let as_of = "2026-11-23".parse().unwrap();
        app.load_demo(&DemoOptions::new(as_of)).unwrap();
        let warnings = app.warnings(as_of, None).unwrap();
        let child = warnings.warnings.iter().find_map(|w| w.child).unwrap();
        app.child(child, as_of).unwrap()
    }

    fn headings(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(HeadingLevel::One, t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_record_has_the_childs_sections_marking_and_date() {
        let view = demo_child();
        let doc = child_document(&view);
        assert_eq!(doc.title, format!("{}: child record", view.name));
        assert_eq!(doc.marking.as_deref(), Some(MARKING));
        assert!(doc.meta.contains(&format!("As at {}", uk_date(view.as_of))));
        let h = headings(&doc);
        assert_eq!(&h[..3], ["The child", "Next due", "Meetings"]);
        assert_eq!(h.contains(&"Participation"), !view.participation.is_empty());
    }

    #[test]
    fn each_due_date_and_each_meeting_is_a_row_in_words() {
        let view = demo_child();
        let doc = child_document(&view);
        let t = tables(&doc);
        let due = t[0];
        assert_eq!(due.rows.len(), view.due.len());
        for (row, item) in due.rows.iter().zip(&view.due) {
            assert_eq!(row[0], item.title);
            assert_eq!(row[1], uk_date(item.due.due));
        }
        let meetings = t[1];
        assert_eq!(meetings.rows.len(), view.meetings.len());
        assert!(
            meetings.rows.iter().all(|r| !r[1].contains('-')),
            "dates in words"
        );
    }

    #[test]
    fn the_file_name_is_the_child_and_the_date_with_nothing_a_file_system_refuses() {
        let mut view = demo_child();
        view.name = "Sam O'Brien/Smith".to_string();
        assert_eq!(
            child_document_stem(&view),
            format!("Sam O'Brien-Smith - child record - {}", view.as_of)
        );
    }

    #[test]
    fn working_days_left_reads_as_words() {
        assert_eq!(working_days_left(0), "Due today");
        assert_eq!(working_days_left(-3), "3 working days overdue");
        assert_eq!(working_days_left(1), "1 working day");
    }
}
