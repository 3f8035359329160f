//! The pack and the finalised record as format-neutral documents (rendered to .docx and PDF by
//! `caseload-interop`). Words and layout only: every date and standing comes from the pack view
//! or the stored record. A document carries no date it was not given (the pack's as-of date,
//! the record's held date), so the same data gives the same file.

use caseload_core::domain::{
    Attendee, ChildRecord, DecisionDraft, DecisionDue, DecisionState, Meeting, MeetingKind,
    MeetingRecord, SignsOfSafety,
};
use caseload_core::explain::uk_date;
use caseload_interop::document::{Document, HeadingLevel, Paragraph, Table};
use chrono::NaiveDate;

use super::pack::{child_brief, ChildBrief, PackDecision, PackView};
use super::words::yes_no;
use crate::snapshot::Snapshot;

/// The protective marking on every page of a pack, a record and a letter.
pub const MARKING: &str = "OFFICIAL-SENSITIVE: PERSONAL";

/// What a document made from the synthetic demo caseload says on every page, before its marking.
pub const DEMO_MARK: &str = "DEMO — SYNTHETIC DATA, NOT A REAL CHILD";

/// The document with the demo mark on every page, ahead of its protective marking, so a page
/// printed from the demo can never pass for a real child's.
pub fn demo_marked(mut document: Document) -> Document {
    document.marking = Some(match document.marking.take() {
        Some(marking) => format!("{DEMO_MARK} · {marking}"),
        None => DEMO_MARK.to_string(),
    });
    document
}

const H1: HeadingLevel = HeadingLevel::One;
const H2: HeadingLevel = HeadingLevel::Two;
const H3: HeadingLevel = HeadingLevel::Three;

/// An explanation's lines, led by "Why this date".
fn why(lines: &[String]) -> Paragraph {
    Paragraph::new()
        .bold("Why this date. ")
        .plain(lines.join("\n"))
}

fn date_or(d: Option<NaiveDate>, none: &str) -> String {
    d.map_or_else(|| none.to_string(), uk_date)
}

/// Text typed by the chair: one paragraph per blank-line-separated block.
fn typed_paragraphs(doc: &mut Document, text: &str) {
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        doc.paragraph(block);
    }
}

/// "Born Tue 14 Feb 2014 (12)", or the expected date of birth.
fn born_line(child: &ChildBrief) -> String {
    match (child.born_on, child.expected_birth_on, child.age) {
        (Some(born), _, Some(age)) => format!("born {} (aged {age})", uk_date(born)),
        (Some(born), _, None) => format!("born {}", uk_date(born)),
        (None, Some(expected), _) => format!("unborn, expected {}", uk_date(expected)),
        (None, None, _) => "date of birth not recorded".to_string(),
    }
}

/// The child in brief as label–value lines (only what is recorded).
fn child_key_values(doc: &mut Document, child: &ChildBrief, with_siblings: bool) {
    let mut rows: Vec<(&str, String)> = vec![("Name", child.full_name.clone())];
    if let Some(p) = &child.preferred_name {
        rows.push(("Preferred name", p.clone()));
    }
    match (child.born_on, child.expected_birth_on) {
        (Some(born), _) => {
            let age = child.age.map_or(String::new(), |a| format!(" (aged {a})"));
            rows.push(("Date of birth", format!("{}{age}", uk_date(born))));
        }
        (None, Some(expected)) => rows.push(("Expected date of birth", uk_date(expected))),
        (None, None) => {}
    }
    if let Some(r) = &child.local_ref {
        rows.push(("Reference", r.clone()));
    }
    if let Some(sw) = &child.social_worker {
        let team = child
            .team
            .as_ref()
            .map_or(String::new(), |t| format!(" ({t})"));
        rows.push(("Social worker", format!("{sw}{team}")));
    }
    if let Some(iro) = &child.iro {
        rows.push(("IRO", iro.name.clone()));
    }
    if let Some(ls) = &child.legal_status {
        rows.push(("Legal status", ls.clone()));
    }
    if let (Some(since), Some(for_)) = (child.looked_after_since, &child.looked_after_for) {
        rows.push(("Looked after since", format!("{} ({for_})", uk_date(since))));
    }
    if let (Some(since), Some(for_)) = (child.plan_since, &child.plan_for) {
        rows.push(("On a plan since", format!("{} ({for_})", uk_date(since))));
    }
    if let Some(c) = &child.category_label {
        rows.push(("Category of abuse", c.clone()));
    }
    if with_siblings {
        let siblings = if child.siblings.is_empty() {
            "None recorded".to_string()
        } else {
            child
                .siblings
                .iter()
                .map(|s| {
                    let age = s.age.map_or(String::new(), |a| format!(", {a}"));
                    let iro = s
                        .iro
                        .as_ref()
                        .map_or("no IRO".to_string(), |i| format!("IRO {}", i.name));
                    format!("{}{age} ({iro})", s.name)
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        rows.push(("Brothers and sisters", siblings));
    }
    doc.key_values(rows);
}

fn attendance_table(attendees: &[Attendee], third: &str) -> Table {
    attendees.iter().fold(
        Table::new([("Name", 3), ("Role", 3), (third, 2)]),
        |t, a| {
            t.row([
                a.name.clone(),
                a.role.clone(),
                a.attendance.label().to_string(),
            ])
        },
    )
}

fn decision_due_text(due: &DecisionDue, due_on: Option<NaiveDate>) -> String {
    match (due, due_on) {
        (DecisionDue::On { on }, _) => uk_date(*on),
        (DecisionDue::ByNextReview, Some(on)) => format!("By the next review ({})", uk_date(on)),
        (DecisionDue::ByNextReview, None) => "By the next review".to_string(),
    }
}

fn decision_state_text(d: &PackDecision) -> String {
    match &d.state {
        DecisionState::Done { on, note } => match note {
            Some(n) if !n.trim().is_empty() => format!("Done {}: {n}", uk_date(*on)),
            _ => format!("Done {}", uk_date(*on)),
        },
        DecisionState::Dropped { on, reason } => format!("Dropped {}: {reason}", uk_date(*on)),
        DecisionState::Open => d.status.label().to_string(),
    }
}

fn pack_decisions_table(rows: &[&PackDecision]) -> Table {
    rows.iter().fold(
        Table::new([
            ("No.", 1),
            ("Decision", 7),
            ("Owner", 3),
            ("Due", 3),
            ("Status", 4),
        ]),
        |t, d| {
            t.row([
                d.number.to_string(),
                d.text.clone(),
                d.owner.clone(),
                decision_due_text(&d.due, d.due_on),
                decision_state_text(d),
            ])
        },
    )
}

/// The mapping's sections, each only when written, and the scaling table.
fn mapping_blocks(doc: &mut Document, m: &SignsOfSafety, top: HeadingLevel, sub: HeadingLevel) {
    let groups: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "What are we worried about?",
            vec![
                ("Harm", &m.harm),
                ("Danger statements", &m.danger_statements),
                ("Complicating factors", &m.complicating_factors),
            ],
        ),
        ("What is working well?", vec![("", &m.working_well)]),
        (
            "What needs to happen?",
            vec![
                ("Safety goals", &m.safety_goals),
                ("Next steps", &m.next_steps),
            ],
        ),
    ];
    for (title, parts) in groups {
        if parts.iter().all(|(_, text)| text.trim().is_empty()) {
            continue;
        }
        doc.heading(top, title);
        for (label, text) in parts.into_iter().filter(|(_, t)| !t.trim().is_empty()) {
            if !label.is_empty() {
                doc.heading(sub, label);
            }
            typed_paragraphs(doc, text);
        }
    }
    if !m.scaling.is_empty() {
        doc.heading(top, "Scaling");
        doc.paragraph(
            "On a scale of 0 to 10, where 10 means there is enough safety to close the case and 0 \
             means the child will certainly be harmed:",
        );
        doc.table(m.scaling.iter().fold(
            Table::new([("Participant", 4), ("Role", 4), ("Score", 1)]),
            |t, s| t.row([s.participant.clone(), s.role.clone(), s.score.to_string()]),
        ));
    }
}

/// The preparation pack as a document.
pub fn pack_document(pack: &PackView) -> Document {
    let m = &pack.meeting;
    let when = match (m.on, m.at) {
        (Some(on), Some(at)) => format!("{} at {}", uk_date(on), at.format("%H:%M")),
        (Some(on), None) => uk_date(on),
        (None, _) => "date not set".to_string(),
    };
    let venue = m.venue.as_ref().map_or(String::new(), |v| format!(", {v}"));
    let mut doc = Document::new(format!("Preparation pack: {}", m.title))
        .with_marking(MARKING)
        .with_meta(format!("{}, {}", pack.child.name, born_line(&pack.child)))
        .with_meta(format!("{} on {when}{venue}", m.title));
    if let Some(chair) = &pack.chair {
        doc = doc.with_meta(format!(
            "Chair: {}, Independent Reviewing Officer",
            chair.name
        ));
    }
    doc = doc.with_meta(format!("Prepared on {}", uk_date(pack.as_of)));

    doc.heading(H1, "The child in brief");
    child_key_values(&mut doc, &pack.child, true);

    meeting_section(&mut doc, pack);
    agenda_section(&mut doc, pack);
    decisions_section(&mut doc, pack);
    if let Some(last) = &pack.last_mapping {
        doc.heading(H1, "The last conference's mapping");
        doc.paragraph(format!(
            "From the record of the {} held on {}, to compare with today's.",
            last.kind.label().to_lowercase(),
            uk_date(last.held_on)
        ));
        mapping_blocks(&mut doc, &last.mapping, H2, H3);
    }
    disputes_section(&mut doc, pack);
    chronology_section(&mut doc, pack);
    participation_section(&mut doc, pack);
    if let Some(next) = &pack.next_meeting {
        doc.heading(H1, "The next meeting");
        doc.paragraph(
            Paragraph::new()
                .bold(format!("{} due by {}", next.title, uk_date(next.due.due)))
                .plain(format!(" {}.", next.assuming)),
        );
        doc.paragraph(why(&next.due.explanation.text));
    }
    doc
}

fn meeting_section(doc: &mut Document, pack: &PackView) {
    let m = &pack.meeting;
    doc.heading(H1, "The meeting");
    let mut rows: Vec<(&str, String)> = vec![("Meeting", m.title.clone())];
    rows.push(("Date", date_or(m.on, "Not booked")));
    if let Some(due) = &m.due {
        let standing = match m.in_time {
            Some(true) => " — the meeting is in time",
            Some(false) => " — the meeting is AFTER its due date",
            None => "",
        };
        rows.push(("Due by", format!("{}{standing}", uk_date(due.due))));
        if due.plan_by != due.due {
            rows.push(("Plan by", uk_date(due.plan_by)));
        }
    }
    doc.key_values(rows);
    if let Some(due) = &m.due {
        doc.paragraph(why(&due.explanation.text));
    }
    if !pack.preparation.is_empty() {
        doc.heading(H2, "Before the meeting");
        let table = pack.preparation.iter().fold(
            Table::new([("What", 5), ("Due by", 3), ("Done on", 3), ("Standing", 2)]),
            |t, s| {
                let what = match &s.due {
                    Some(d) => format!("{} ({} working days before)", s.title, d.explanation.value),
                    None => s.title.clone(),
                };
                let standing = match (s.done_on, s.late) {
                    (Some(_), _) => "Done",
                    (None, true) => "Late",
                    (None, false) => "To do",
                };
                t.row([
                    what,
                    date_or(s.due.as_ref().map(|d| d.due), "—"),
                    date_or(s.done_on, "Not recorded"),
                    standing.to_string(),
                ])
            },
        );
        doc.table(table);
    }
    doc.heading(H2, "Who to invite");
    if pack.invited.is_empty() {
        doc.paragraph("No earlier record lists who came: invite the child, the family, the carers and each agency involved.");
    } else {
        let from = pack
            .chronology
            .iter()
            .find(|c| Some(c.meeting) == pack.invited_from)
            .map_or(String::new(), |c| {
                format!(" ({}, {})", c.title, uk_date(c.held_on))
            });
        doc.paragraph(format!(
            "Everyone on the last record{from}, and how they took part then:"
        ));
        doc.table(attendance_table(&pack.invited, "Last time"));
    }
}

fn agenda_section(doc: &mut Document, pack: &PackView) {
    doc.heading(H1, "Agenda");
    for item in &pack.agenda {
        doc.paragraph(
            Paragraph::new()
                .bold(format!("{}. {}", item.number, item.title))
                .plain(format!(" — {}", item.detail)),
        );
    }
}

fn decisions_section(doc: &mut Document, pack: &PackView) {
    doc.heading(H1, "Decisions of the last meeting");
    let (previous, earlier): (Vec<&PackDecision>, Vec<&PackDecision>) =
        pack.decisions.iter().partition(|d| d.from_previous_meeting);
    match (pack.previous_meeting, previous.is_empty()) {
        (None, _) => {
            doc.paragraph("This is the first meeting of its kind for the child: there are no earlier decisions.");
        }
        (Some(_), true) => {
            doc.paragraph("The last meeting has no finalised record with decisions.");
        }
        (Some(_), false) => {
            doc.table(pack_decisions_table(&previous));
        }
    }
    if !earlier.is_empty() {
        doc.heading(H2, "Still open from earlier meetings");
        doc.table(pack_decisions_table(&earlier));
    }
}

fn disputes_section(doc: &mut Document, pack: &PackView) {
    doc.heading(H1, "Open disputes");
    if pack.disputes.is_empty() {
        doc.paragraph("No open dispute or multi-agency challenge.");
        return;
    }
    let table = pack.disputes.iter().fold(
        Table::new([
            ("Raised", 3),
            ("About", 5),
            ("Stage", 2),
            ("Response due", 3),
            ("Formal process", 3),
        ]),
        |t, d| {
            let response = match (&d.response_due, d.response_working_days_left) {
                (Some(due), Some(left)) if left < 0 => format!("{} (overdue)", uk_date(due.due)),
                (Some(due), _) => uk_date(due.due),
                (None, _) => "No response awaited".to_string(),
            };
            let formal = d.formal.as_ref().map_or("—".to_string(), |f| {
                format!("{} of {} working days", f.elapsed_working_days, f.limit)
            });
            t.row([
                uk_date(d.raised_on),
                format!(
                    "{}: {} ({})",
                    d.kind_label, d.reason_label, d.concerns_label
                ),
                d.current_stage_label.clone().unwrap_or_default(),
                response,
                formal,
            ])
        },
    );
    doc.table(table);
}

fn chronology_section(doc: &mut Document, pack: &PackView) {
    doc.heading(H1, "Chronology");
    if pack.chronology.is_empty() {
        doc.paragraph("No meeting has been held yet.");
        return;
    }
    let table = pack.chronology.iter().fold(
        Table::new([
            ("Meeting", 5),
            ("Held on", 3),
            ("Due by", 3),
            ("In time", 2),
            ("Child", 3),
        ]),
        |t, c| {
            let child = match (c.participation, c.child_attended) {
                (Some(p), _) => p.code().to_string(),
                (None, Some(true)) => "Attended".to_string(),
                (None, Some(false)) => "Did not attend".to_string(),
                (None, None) => "—".to_string(),
            };
            t.row([
                c.title.clone(),
                uk_date(c.held_on),
                date_or(c.due_on, "—"),
                c.in_time
                    .map_or("—", |t| if t { "Yes" } else { "No" })
                    .to_string(),
                child,
            ])
        },
    );
    doc.table(table);
}

fn participation_section(doc: &mut Document, pack: &PackView) {
    if pack.participation.is_empty() {
        return;
    }
    doc.heading(H1, "Participation and advocacy");
    let table = pack.participation.iter().fold(
        Table::new([
            ("Review held", 3),
            ("Code", 1),
            ("Meaning", 6),
            ("Advocate offered", 2),
            ("Advocate used", 2),
        ]),
        |t, p| {
            t.row([
                uk_date(p.held_on),
                p.code.map_or("—", |c| c.code()).to_string(),
                p.meaning
                    .clone()
                    .unwrap_or_else(|| "Not recorded".to_string()),
                yes_no(p.advocate_offered).to_string(),
                yes_no(p.advocate_used).to_string(),
            ])
        },
    );
    doc.table(table);
}

/// The title of a meeting's record ("LAC review: record").
fn record_title(record: &ChildRecord, m: &Meeting) -> String {
    let kind = if m.kind == MeetingKind::Icpc && record.child.details.born_on.is_none() {
        "Pre-birth conference"
    } else {
        m.kind.label()
    };
    format!("{kind}: record")
}

/// The finalised record of a meeting as a document.
pub(crate) fn record_document(
    snap: &Snapshot,
    record: &ChildRecord,
    m: &Meeting,
    rec: &MeetingRecord,
) -> Document {
    let held_on = rec.held_on.or(m.date());
    let on = held_on.unwrap_or(chrono::NaiveDate::MIN);
    let child = child_brief(snap, record, on, on);
    let mut doc = Document::new(record_title(record, m))
        .with_marking(MARKING)
        .with_meta(format!("{}, {}", child.name, born_line(&child)))
        .with_meta(format!(
            "Held on {}",
            date_or(held_on, "a date not recorded")
        ));
    if let Some(chair) = held_on.map_or_else(|| record.current_iro(), |d| record.iro_for(d)) {
        doc = doc.with_meta(format!(
            "Chair: {}, Independent Reviewing Officer",
            snap.iro_name(chair)
        ));
    }

    doc.heading(H1, "The child in brief");
    child_key_values(&mut doc, &child, false);

    doc.heading(H1, "Attendance");
    if rec.attendance.is_empty() {
        doc.paragraph("No attendance was recorded.");
    } else {
        doc.table(attendance_table(&rec.attendance, "Attendance"));
    }

    views_section(&mut doc, m, rec);
    if let Some(sos) = &rec.signs_of_safety {
        doc.heading(H1, "Signs of Safety");
        mapping_blocks(&mut doc, sos, H2, H3);
    }
    outcome_section(&mut doc, m, rec);
    record_decisions(&mut doc, &rec.decisions);

    doc.heading(H1, "The next meeting");
    doc.paragraph(match rec.next_meeting_on {
        Some(next) => format!("Planned for {}.", uk_date(next)),
        None => "No date was set in the record.".to_string(),
    });
    doc
}

fn views_section(doc: &mut Document, m: &Meeting, rec: &MeetingRecord) {
    doc.heading(H1, "The child's views");
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(v) = rec.views_conveyed {
        rows.push(("How their views reached the meeting", v.label().to_string()));
    }
    if m.kind == MeetingKind::LacReview {
        if let Some(p) = rec.participation {
            rows.push((
                "Participation code",
                format!("{} — {}", p.code(), p.meaning()),
            ));
        }
    } else if rec.child_attended.is_some() {
        rows.push(("The child attended", yes_no(rec.child_attended).to_string()));
    }
    rows.push(("Advocate offered", yes_no(rec.advocate_offered).to_string()));
    rows.push(("Advocate used", yes_no(rec.advocate_used).to_string()));
    doc.key_values(rows);
    if rec.child_views.trim().is_empty() {
        doc.paragraph("The child's views are not written in this record.");
    } else {
        typed_paragraphs(doc, &rec.child_views);
    }
}

fn outcome_section(doc: &mut Document, m: &Meeting, rec: &MeetingRecord) {
    doc.heading(H1, "Outcome");
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(p) = rec.plan_decision {
        rows.push(("The plan", p.label().to_string()));
    }
    if let Some(c) = rec.category {
        rows.push(("Category of abuse", c.label().to_string()));
    }
    if m.kind == MeetingKind::LacReview {
        rows.push((
            "The care plan is endorsed",
            yes_no(rec.care_plan_endorsed).to_string(),
        ));
    }
    if !rows.is_empty() {
        doc.key_values(rows);
    }
    if !rec.concerns.trim().is_empty() {
        doc.heading(H2, "The chair's concerns");
        typed_paragraphs(doc, &rec.concerns);
    }
}

fn record_decisions(doc: &mut Document, decisions: &[DecisionDraft]) {
    doc.heading(H1, "Decisions");
    if decisions.is_empty() {
        doc.paragraph("The meeting made no decisions.");
        return;
    }
    doc.paragraph("Each decision has one owner and a date. The chair checks each one before the next meeting.");
    let table = decisions.iter().enumerate().fold(
        Table::new([("No.", 1), ("Decision", 8), ("Owner", 3), ("By", 3)]),
        |t, (idx, d)| {
            t.row([
                (idx + 1).to_string(),
                d.text.clone(),
                d.owner.clone(),
                d.due
                    .as_ref()
                    .map_or("Not set".to_string(), |due| decision_due_text(due, None)),
            ])
        },
    );
    doc.table(table);
}
