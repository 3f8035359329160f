//! The pack, the documents, the letter and the decisions over a small store built with
//! changes (`finalise_record` included), and over the demo.

use super::*;
use caseload_core::domain::{AgeBand, MeetingKind, MeetingStatus, Participation};
use caseload_core::ids::MeetingId;
use caseload_demo::DemoOptions;
use caseload_interop::document::{Block, Document};

/// A chronology row: title, held on, due on, in time, participation.
type ChronologyLine = (
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<bool>,
    Option<Participation>,
);

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn apply(app: &mut App, as_of: &str, json: &str) {
    let changes = App::parse_changes(json.as_bytes()).unwrap();
    app.apply(&changes, d(as_of), None)
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Alex (11, looked after since March 2025, two reviews held, the third booked) and a brother
/// with another IRO; Jay (6), on a plan since an ICPC in September 2025, with a review
/// conference booked.
fn small_store() -> App {
    let mut app = App::open_in_memory().unwrap();
    apply(
        &mut app,
        "2025-03-17",
        r#"[
        {"op":"add_iro","id":1,"name":"Jordan Sample"},
        {"op":"add_iro","id":2,"name":"Riley Example"},
        {"op":"add_child","id":1,"first_name":"Alexandra","last_name":"Example","preferred_name":"Alex",
         "born_on":"2014-02-14","sex":"female","sibling_group":"Example","social_worker":"Chris Placeholder",
         "team":"North","iro":1,"allocated_on":"2025-03-17"},
        {"op":"add_child","id":2,"first_name":"Sam","last_name":"Example","born_on":"2017-06-01","sex":"male",
         "sibling_group":"Example","iro":2,"allocated_on":"2025-03-17"},
        {"op":"start_care","id":1,"child":1,"started_on":"2025-03-17","legal_status":"C2","regime":"full_care"},
        {"op":"book_meeting","id":1,"child":1,"kind":"lac_review","on":"2025-04-10"}
    ]"#,
    );
    apply(
        &mut app,
        "2025-04-10",
        r#"[{"op":"finalise_record","meeting":1,"record":{
        "held_on":"2025-04-10","participation":"PN1","views_conveyed":"spoke_for_themself",
        "child_views":"Alex wants to stay with her carers.","care_plan_endorsed":true,
        "advocate_offered":true,"advocate_used":false,
        "attendance":[{"name":"Alex Example","role":"Child","attendance":"present"},
                      {"name":"Chris Placeholder","role":"Social worker","attendance":"present"},
                      {"name":"Pat Demo","role":"Foster carer","attendance":"apologies"}],
        "decisions":[{"text":"Life-story work starts","owner":"Social worker","due":{"kind":"on","on":"2025-06-01"}}],
        "next_meeting_on":"2025-07-08"}},
        {"op":"book_meeting","id":2,"child":1,"kind":"lac_review","on":"2025-07-08"}]"#,
    );
    apply(
        &mut app,
        "2025-07-08",
        r#"[{"op":"finalise_record","meeting":2,"record":{
        "held_on":"2025-07-08","participation":"PN5","views_conveyed":"briefed_someone",
        "care_plan_endorsed":true,
        "attendance":[{"name":"Chris Placeholder","role":"Social worker","attendance":"present"},
                      {"name":"Pat Demo","role":"Foster carer","attendance":"present"},
                      {"name":"Morgan Test","role":"Designated teacher","attendance":"report_only"}],
        "decisions":[
          {"text":"A referral to CAMHS is made","owner":"Social worker","due":{"kind":"on","on":"2025-08-01"}},
          {"text":"The personal education plan is updated","owner":"Designated teacher","due":{"kind":"on","on":"2025-09-01"}},
          {"text":"Family time with Sam is reviewed with Alex","owner":"Social worker","due":{"kind":"by_next_review"}}],
        "next_meeting_on":"2026-01-06"}},
        {"op":"book_meeting","id":3,"child":1,"kind":"lac_review","on":"2026-01-06","at":"10:00:00","venue":"Carers' home"}]"#,
    );
    apply(
        &mut app,
        "2025-07-30",
        r#"[{"op":"decision_done","id":2,"on":"2025-07-30","note":"Referral accepted"}]"#,
    );
    apply(
        &mut app,
        "2025-09-01",
        r#"[
        {"op":"add_child","id":3,"first_name":"Jayden","last_name":"Test","preferred_name":"Jay","born_on":"2019-05-05",
         "sex":"male","iro":1,"allocated_on":"2025-09-01"},
        {"op":"start_cp_episode","id":1,"child":3,"strategy_on":"2025-09-01"},
        {"op":"book_meeting","id":10,"child":3,"kind":"icpc","on":"2025-09-19"}
    ]"#,
    );
    apply(
        &mut app,
        "2025-09-19",
        r#"[{"op":"finalise_record","meeting":10,"record":{
        "held_on":"2025-09-19","child_attended":false,"plan_decision":"plan_starts","category":"NEG",
        "attendance":[{"name":"Kim Parent","role":"Mother","attendance":"present"}],
        "signs_of_safety":{"harm":"Jay was found alone at home at night.",
          "danger_statements":"Everyone is worried Jay will be hurt if left alone again.",
          "working_well":"Jay's grandmother visits every day.",
          "safety_goals":"Jay is always looked after by a safe adult.",
          "scaling":[{"participant":"Kim Parent","role":"Mother","score":6},
                     {"participant":"Jordan Sample","role":"Chair","score":3}]},
        "decisions":[{"text":"A safety plan is written with the family","owner":"Social worker","due":{"kind":"on","on":"2025-10-03"}}]}},
        {"op":"book_meeting","id":11,"child":3,"kind":"cp_review","on":"2025-12-15"}]"#,
    );
    app
}

/// The words of a document's paragraphs and bullets, a line each.
fn words(doc: &Document) -> String {
    let mut lines = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => lines.push(p.text()),
            Block::Bullets(items) => lines.extend(items.iter().map(|p| format!("• {}", p.text()))),
            _ => {}
        }
    }
    lines.join("\n")
}

fn headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(_, text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_lac_review_pack_holds_the_child_the_chronology_decisions_and_preparation() {
    let app = small_store();
    let pack = app.meeting_pack(MeetingId(3), d("2025-12-15")).unwrap();

    assert_eq!(pack.meeting.title, "Third LAC review");
    // Six months after the second review was held.
    assert_eq!(pack.meeting.due.as_ref().unwrap().due, d("2026-01-08"));
    assert_eq!(pack.meeting.in_time, Some(true));
    assert_eq!(pack.chair.as_ref().unwrap().name, "Jordan Sample");

    let child = &pack.child;
    assert_eq!(child.name, "Alex Example");
    assert_eq!(child.preferred_name.as_deref(), Some("Alex"));
    assert_eq!(child.age, Some(11));
    assert_eq!(child.legal_status.as_deref(), Some("C2 — Full care order"));
    assert_eq!(child.looked_after_for.as_deref(), Some("9 months"));
    assert_eq!(child.siblings.len(), 1);
    assert_eq!(child.siblings[0].name, "Sam Example");
    assert_eq!(
        child.siblings[0].iro.as_ref().unwrap().name,
        "Riley Example"
    );

    // The chronology: both reviews, each against its own due date.
    let chronology: Vec<ChronologyLine> = pack
        .chronology
        .iter()
        .map(|c| {
            (
                c.title.clone(),
                c.held_on,
                c.due_on,
                c.in_time,
                c.participation,
            )
        })
        .collect();
    assert_eq!(
        chronology,
        [
            (
                "First LAC review".to_string(),
                d("2025-04-10"),
                Some(d("2025-04-14")),
                Some(true),
                Some(Participation::Pn1)
            ),
            (
                "Second LAC review".to_string(),
                d("2025-07-08"),
                Some(d("2025-07-10")),
                Some(true),
                Some(Participation::Pn5)
            ),
        ]
    );

    // The last review's three decisions, then the first review's still open.
    let decisions: Vec<(u32, bool, DecisionStatus)> = pack
        .decisions
        .iter()
        .map(|d| (d.number, d.from_previous_meeting, d.status))
        .collect();
    assert_eq!(
        decisions,
        [
            (1, true, DecisionStatus::Done),
            (2, true, DecisionStatus::Overdue),
            (3, true, DecisionStatus::Open),
            (1, false, DecisionStatus::Overdue),
        ]
    );
    // "By the next review": the booked review's due date.
    assert_eq!(pack.decisions[2].due_on, Some(d("2026-01-08")));
    assert_eq!(pack.previous_meeting, Some(MeetingId(2)));

    // Who to invite: the last record's list.
    assert_eq!(pack.invited_from, Some(MeetingId(2)));
    assert_eq!(pack.invited.len(), 3);

    // The reports: 3 working days before Tue 6 Jan 2026, across New Year's Day.
    let reports = pack
        .preparation
        .iter()
        .find(|s| s.rule == caseload_core::rules::RuleId::ReportsToIro)
        .unwrap();
    assert_eq!(reports.due.as_ref().unwrap().due, d("2025-12-31"));
    assert_eq!(reports.done_on, None);
    assert!(!reports.late);
    assert!(reports.due.as_ref().unwrap().explanation.text[0].contains("Reports with the IRO"));

    assert_eq!(
        pack.agenda.first().unwrap().title,
        "Welcome and introductions"
    );
    assert!(pack
        .agenda
        .iter()
        .all(|a| a.title != "Leaving care and the pathway plan"));
    assert!(pack.last_mapping.is_none());
    assert_eq!(pack.participation.len(), 2);

    // The review after it, if it is held on its booked date: six months later.
    let next = pack.next_meeting.unwrap();
    assert_eq!(next.due.due, d("2026-07-06"));
    assert_eq!(next.assuming, "if this review is held on Tue 6 Jan 2026");
}

#[test]
fn a_review_conference_pack_carries_the_last_mapping_and_scaling() {
    let app = small_store();
    let pack = app.meeting_pack(MeetingId(11), d("2025-12-08")).unwrap();
    assert_eq!(pack.meeting.title, "First CP review conference");
    assert_eq!(pack.meeting.due.as_ref().unwrap().due, d("2025-12-19"));
    assert_eq!(pack.child.plan_since, Some(d("2025-09-19")));
    assert_eq!(pack.child.category_label.as_deref(), Some("Neglect"));
    let last = pack.last_mapping.as_ref().unwrap();
    assert_eq!(last.meeting, MeetingId(10));
    assert_eq!(last.mapping.scaling.len(), 2);
    assert_eq!(last.mapping.scaling[1].score, 3);
    assert_eq!(pack.agenda[2].title, "Progress against the plan");
    // The ICPC in the chronology, against its 15 working days.
    assert_eq!(pack.chronology.len(), 1);
    assert_eq!(pack.chronology[0].due_on, Some(d("2025-09-22")));
    assert_eq!(pack.decisions[0].status, DecisionStatus::Overdue);
    assert_eq!(pack.next_meeting.as_ref().unwrap().due.due, d("2026-06-15"));

    let doc = pack_document(&pack);
    assert!(headings(&doc).contains(&"The last conference's mapping".to_string()));
    assert!(headings(&doc).contains(&"Scaling".to_string()));
}

#[test]
fn exports_are_refused_without_a_final_record_naming_the_meeting() {
    let app = small_store();
    let err = app.meeting_record_document(MeetingId(3)).unwrap_err();
    assert!(err.is_user_error());
    assert_eq!(
        err.to_string(),
        "meeting 3 (LAC review) has no record: write and finalise it before exporting"
    );
    let err = app.meeting_letter_document(MeetingId(11)).unwrap_err();
    assert!(err.to_string().starts_with("meeting 11 "), "{err}");
    assert!(matches!(
        app.meeting_record_document(MeetingId(99)),
        Err(ApiError::NotFound { .. })
    ));
}

#[test]
fn the_record_document_has_every_section_and_the_decisions() {
    let app = small_store();
    let doc = app.meeting_record_document(MeetingId(10)).unwrap();
    assert_eq!(doc.title, "Initial child protection conference: record");
    assert_eq!(doc.marking.as_deref(), Some(MARKING));
    assert_eq!(
        headings(&doc),
        [
            "The child in brief",
            "Attendance",
            "The child's views",
            "Signs of Safety",
            "What are we worried about?",
            "Harm",
            "Danger statements",
            "What is working well?",
            "What needs to happen?",
            "Safety goals",
            "Scaling",
            "Outcome",
            "Decisions",
            "The next meeting",
        ]
    );
    let lac = app.meeting_record_document(MeetingId(2)).unwrap();
    assert!(!headings(&lac).contains(&"Signs of Safety".to_string()));
    assert!(format!("{lac:?}").contains("The personal education plan is updated"));
}

#[test]
fn the_letter_uses_the_preferred_name_and_the_wording_of_the_age() {
    let app = small_store();
    let letter = app.meeting_letter_document(MeetingId(2)).unwrap();
    let text = words(&letter);
    assert_eq!(letter.title, "After your review");
    assert!(text.contains("Dear Alex,"), "{text}");
    assert!(!text.contains("Alexandra"));
    assert!(text.contains("Tuesday 8 July 2025"));
    // 11 years old: what was agreed, and who does it.
    assert!(
        text.contains("• A referral to CAMHS is made (Social worker)."),
        "{text}"
    );
    assert!(text.contains("Your next review will be on or before 6 January 2026."));
    assert!(!text.contains('{'), "a placeholder left: {text}");

    // Jay is 6: no list of decisions, and the conference's wording.
    let jay = app.meeting_letter_document(MeetingId(10)).unwrap();
    let text = words(&jay);
    assert_eq!(jay.title, "After the meeting about you");
    assert!(text.contains("Dear Jay,"));
    assert!(text.contains("the grown-ups who look after you"));
    assert!(!text.contains("safety plan"));
    assert!(!text.contains('•'), "{text}");
}

#[test]
fn the_iros_own_wording_of_a_band_is_used_until_they_go_back_to_the_default() {
    let mut app = small_store();
    apply(
        &mut app,
        "2025-07-09",
        r#"[{"op":"set_letter_template","band":"from8_to12","text":"Hello {name}!\n\n{decisions}"}]"#,
    );
    let text = words(&app.meeting_letter_document(MeetingId(2)).unwrap());
    assert!(text.starts_with("Hello Alex!"), "{text}");
    assert!(text.contains("• A referral to CAMHS is made (Social worker)."));
    let settings = app.settings(2025).unwrap();
    let band = &settings.letters[1];
    assert_eq!((band.band, band.edited), (AgeBand::From8To12, true));
    assert_eq!(band.default_text, letter_template(AgeBand::From8To12));
    assert!(!settings.letters[0].edited);
    assert!(settings
        .letter_placeholders
        .iter()
        .any(|p| p.placeholder == "{next_meeting}"));

    apply(
        &mut app,
        "2025-07-09",
        r#"[{"op":"set_letter_template","band":"from8_to12","text":null}]"#,
    );
    let text = words(&app.meeting_letter_document(MeetingId(2)).unwrap());
    assert!(text.starts_with("Dear Alex,"), "{text}");
}

#[test]
fn an_unknown_placeholder_in_a_template_is_left_visible() {
    let templates = LetterTemplates {
        from_8_to_12: "Hello {name}!\n\n{shoe_size}".to_string(),
        ..LetterTemplates::default()
    };
    let data = LetterData {
        name: "Alex".to_string(),
        meeting: "your review".to_string(),
        held_on: d("2025-07-08"),
        iro_name: "Jordan Sample".to_string(),
        role: "your IRO".to_string(),
        social_worker: "your social worker".to_string(),
        next_meeting: String::new(),
        decisions: Vec::new(),
        band: AgeBand::From8To12,
        kind: MeetingKind::LacReview,
    };
    let text = words(&letter_document(
        templates.for_band(AgeBand::From8To12),
        &data,
    ));
    assert!(text.contains("Hello Alex!"));
    assert!(text.contains("{shoe_size}"));
}

#[test]
fn decisions_are_listed_overdue_first_and_filtered() {
    let app = small_store();
    let all = app
        .decisions(d("2025-12-15"), DecisionFilter::All, None)
        .unwrap();
    assert_eq!(
        all.counts,
        DecisionCounts {
            open: 1,
            overdue: 3,
            done: 1,
            dropped: 0
        }
    );
    let statuses: Vec<DecisionStatus> = all.decisions.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            DecisionStatus::Overdue,
            DecisionStatus::Overdue,
            DecisionStatus::Overdue,
            DecisionStatus::Open,
            DecisionStatus::Done
        ]
    );
    // Most overdue first.
    assert_eq!(all.decisions[0].due_on, Some(d("2025-06-01")));
    assert!(all.decisions[0].working_days_left.unwrap() < 0);
    let overdue = app
        .decisions(d("2025-12-15"), DecisionFilter::Overdue, None)
        .unwrap();
    assert_eq!(overdue.decisions.len(), 3);
    let open = app
        .decisions(d("2025-12-15"), DecisionFilter::Open, None)
        .unwrap();
    assert_eq!(open.decisions.len(), 4);
    let riley = app
        .decisions(
            d("2025-12-15"),
            DecisionFilter::All,
            Some(caseload_core::ids::IroId(2)),
        )
        .unwrap();
    assert!(riley.decisions.is_empty());
    assert_eq!(riley.counts, DecisionCounts::default());
}

#[test]
fn a_cancelled_meeting_has_no_pack() {
    let mut app = small_store();
    apply(
        &mut app,
        "2025-12-01",
        r#"[{"op":"cancel_meeting","id":11,"reason":"Family ill"}]"#,
    );
    let err = app
        .meeting_pack(MeetingId(11), d("2025-12-08"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "meeting 11 (Child protection review conference) was cancelled: it has no pack"
    );
}

#[test]
fn every_booked_meeting_of_the_demo_has_a_pack_that_renders() {
    let as_of = d("2026-11-23");
    let mut app = App::open_in_memory().unwrap();
    app.load_demo(&DemoOptions::new(as_of)).unwrap();
    let caseload = app.snapshot().unwrap().caseload;
    let booked: Vec<MeetingId> = caseload
        .children
        .iter()
        .flat_map(|r| r.meetings.iter())
        .filter(|m| m.status == MeetingStatus::Booked)
        .map(|m| m.id)
        .collect();
    assert!(booked.len() > 10, "{}", booked.len());
    let mut kinds = std::collections::BTreeSet::new();
    for id in booked {
        let pack = app.meeting_pack(id, as_of).unwrap();
        kinds.insert(pack.meeting.kind);
        assert!(!pack.agenda.is_empty());
        let doc = pack_document(&pack);
        assert!(headings(&doc).contains(&"Chronology".to_string()));
    }
    assert!(kinds.len() >= 3, "{kinds:?}");
    // One pack through both renderers.
    let id = caseload
        .children
        .iter()
        .flat_map(|r| r.meetings.iter())
        .find(|m| {
            m.status == MeetingStatus::Booked
                && m.kind == caseload_core::domain::MeetingKind::LacReview
        })
        .unwrap()
        .id;
    let doc = pack_document(&app.meeting_pack(id, as_of).unwrap());
    assert!(document_pdf(&doc).unwrap().starts_with(b"%PDF"));
    assert!(document_docx(&doc).unwrap().starts_with(b"PK"));
}

#[test]
fn each_document_is_named_after_the_child_the_meeting_and_its_date() {
    let app = small_store();
    let as_of = d("2025-07-09");
    let named = |id, which| {
        app.meeting_document(MeetingId(id), which, as_of)
            .unwrap()
            .file_stem
    };
    assert_eq!(
        named(2, MeetingDocument::Record),
        "Alex Example - LAC review record - 2025-07-08"
    );
    assert_eq!(
        named(2, MeetingDocument::Letter),
        "Alex Example - LAC review letter to the child - 2025-07-08"
    );
    let pack = app
        .meeting_document(MeetingId(3), MeetingDocument::Pack, as_of)
        .unwrap();
    assert!(pack
        .file_stem
        .starts_with("Alex Example - LAC review preparation pack"));
    assert!(pack.document.title.starts_with("Preparation pack"));
    assert!(app
        .meeting_document(MeetingId(3), MeetingDocument::Record, as_of)
        .unwrap_err()
        .is_user_error());
}

#[test]
fn a_document_from_the_demo_carries_the_demo_mark_before_its_marking_on_every_page() {
    let app = small_store();
    let doc = demo_marked(app.meeting_record_document(MeetingId(10)).unwrap());
    assert_eq!(doc.marking, Some(format!("{DEMO_MARK} · {MARKING}")));
    let unmarked = Document::new("A note");
    assert_eq!(demo_marked(unmarked).marking.as_deref(), Some(DEMO_MARK));
}
