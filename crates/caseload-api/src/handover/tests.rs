//! The handover between two stores, through the use cases: a round trip keeps every record, a
//! merge adds only what is new, a conflict leaves the child out and names the fact, a wrong
//! passphrase changes nothing, the bundle's bytes hold no names, a child transferred out is
//! read-only, and a cover pack opens read-only.

use std::path::{Path, PathBuf};

use caseload_core::change::Change;
use caseload_core::domain::{
    ChildDetails, ChildRecord, LegalStatus, MeetingKind, MeetingOutcome, Participation, Regime, Sex,
};
use caseload_core::ids::{ChildId, IroId, MeetingId};
use caseload_demo::DemoOptions;
use caseload_store::AuditFilter;
use chrono::NaiveDate;

use super::{CoverPackRequest, HandoverOutcome, HandoverRequest};
use crate::{open_cover_pack, remove_cover_pack, ApiError, App};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-23";

fn demo(children: usize) -> App {
    let mut app = App::open_in_memory().unwrap();
    app.load_demo(&DemoOptions {
        children,
        seed: 3,
        as_of: date(TODAY),
    })
    .unwrap();
    app
}

fn to_all(to: &str) -> HandoverRequest {
    HandoverRequest {
        children: Vec::new(),
        all: true,
        to_iro: to.to_string(),
    }
}

fn bundle_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("handover.caseload-bundle")
}

/// A child's record with every id replaced by its position, the way two stores can agree on
/// it: meetings in the record's order; records and decisions by their meeting's position;
/// allocations by the IRO's name.
fn comparable(r: &ChildRecord, iro_names: &[(IroId, String)]) -> String {
    let position = |m: MeetingId| r.meetings.iter().position(|x| x.id == m).unwrap();
    let name = |id: IroId| iro_names.iter().find(|(i, _)| *i == id).unwrap().1.clone();
    let mut out = format!("{:?}\n", r.child.details);
    for a in &r.allocations {
        out += &format!("allocation {} {} {:?}\n", name(a.iro), a.from_on, a.reason);
    }
    for p in &r.care_periods {
        out += &format!(
            "care {} {:?} {:?} {:?} {:?}\n",
            p.started_on, p.ended_on, p.legal_status, p.regime, p.history
        );
    }
    for e in &r.cp_episodes {
        out += &format!("cp {:?}\n", e.details);
    }
    for m in &r.meetings {
        out += &format!(
            "meeting {:?} {:?} {:?} {:?} {:?} {:?} {:?} rev {}\n",
            m.kind,
            m.status,
            m.booked_on,
            m.booked_at,
            m.venue,
            m.status_reason,
            m.outcome,
            m.revision
        );
    }
    let mut records: Vec<String> = r
        .records
        .iter()
        .map(|x| {
            format!(
                "record of {} {:?} {:?}\n",
                position(x.meeting),
                x.status,
                x.record
            )
        })
        .collect();
    records.sort();
    let mut decisions: Vec<String> = r
        .decisions
        .iter()
        .map(|d| {
            format!(
                "decision of {} #{} {} {} {:?} {:?}\n",
                position(d.meeting),
                d.number,
                d.text,
                d.owner,
                d.due,
                d.state
            )
        })
        .collect();
    decisions.sort();
    for d in &r.disputes {
        out += &format!(
            "dispute {:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?}\n",
            d.kind,
            d.concerns,
            d.reason,
            d.raised_on,
            d.sibling_group,
            d.partner_agency,
            d.stages,
            d.cafcass_referred_on,
            d.outcome,
            d.closed_on
        );
    }
    out + &records.concat() + &decisions.concat()
}

fn iro_names(app: &App) -> Vec<(IroId, String)> {
    app.snapshot()
        .unwrap()
        .caseload
        .iros
        .iter()
        .map(|i| (i.id, i.details.name.clone()))
        .collect()
}

fn by_ref<'r>(records: &'r [ChildRecord], local_ref: &str) -> &'r ChildRecord {
    records
        .iter()
        .find(|r| r.child.details.local_ref.as_deref() == Some(local_ref))
        .unwrap()
}

#[test]
fn a_round_trip_into_an_empty_store_keeps_every_record_and_records_the_transfer() {
    let sender = demo(12);
    let dir = tempfile::tempdir().unwrap();
    let path = bundle_path(&dir);
    let made_on = date(TODAY);
    let export = sender
        .export_handover(&to_all("Test IRO Receiving"), &path, made_on)
        .unwrap();
    assert_eq!(export.children.len(), 12);

    let mut receiver = App::open_in_memory().unwrap();
    let preview = receiver
        .import_handover(&path, &export.passphrase, made_on, false)
        .unwrap();
    assert_eq!(
        (preview.new, preview.skipped, preview.committed),
        (12, 0, false)
    );
    assert!(receiver.is_empty().unwrap(), "a preview keeps nothing");

    let done = receiver
        .import_handover(&path, &export.passphrase, made_on, true)
        .unwrap();
    assert_eq!((done.new, done.skipped, done.committed), (12, 0, true));

    let sent = sender.snapshot().unwrap().caseload.children;
    let received = receiver.snapshot().unwrap().caseload.children;
    let (sent_names, received_names) = (iro_names(&sender), iro_names(&receiver));
    let to = receiver.find_iro("Test IRO Receiving").unwrap().id;
    for s in &sent {
        let local_ref = s.child.details.local_ref.as_deref().unwrap();
        let mut r = by_ref(&received, local_ref).clone();
        // The transfer: one allocation more, to the receiving IRO from the handover day.
        let transfer = r.allocations.pop().unwrap();
        assert_eq!(
            (transfer.iro, transfer.from_on),
            (to, made_on),
            "{local_ref}"
        );
        assert_eq!(
            comparable(s, &sent_names),
            comparable(&r, &received_names),
            "{local_ref}"
        );
        // Their history came with them, marked with the handover.
        let history = receiver
            .audit(&AuditFilter {
                child: Some(r.child.id),
                ..AuditFilter::default()
            })
            .unwrap();
        let sent_rows = sender
            .audit(&AuditFilter {
                child: Some(s.child.id),
                ..AuditFilter::default()
            })
            .unwrap();
        let handed: Vec<_> = history
            .iter()
            .filter(|e| {
                e.source
                    .as_deref()
                    .is_some_and(|s| s.starts_with("handover from"))
            })
            .collect();
        assert!(
            handed.len() > sent_rows.len(),
            "{local_ref}: the rows and the receipt"
        );
        assert!(history.iter().any(|e| e.op == "receive_child"));
    }
}

/// A child in care with two reviews held and the next one booked, as changes; `reviews` says
/// how many of those facts to give (a shorter history is a prefix).
fn child_changes(id: i64, facts: usize, second_review_participation: Participation) -> Vec<Change> {
    let child = ChildId(id);
    let all = vec![
        Change::StartCare {
            id: None,
            child,
            started_on: date("2026-01-05"),
            legal_status: LegalStatus::C2,
            regime: Regime::FullCare,
        },
        Change::RecordMeeting {
            id: None,
            child,
            kind: MeetingKind::LacReview,
            outcome: MeetingOutcome {
                held_on: Some(date("2026-01-30")),
                participation: Some(Participation::Pn1),
                ..MeetingOutcome::default()
            },
        },
        Change::RecordMeeting {
            id: None,
            child,
            kind: MeetingKind::LacReview,
            outcome: MeetingOutcome {
                held_on: Some(date("2026-04-24")),
                participation: Some(second_review_participation),
                ..MeetingOutcome::default()
            },
        },
        Change::BookMeeting {
            id: None,
            child,
            kind: MeetingKind::LacReview,
            on: date("2026-10-20"),
            at: None,
            venue: Some("Room 2".to_string()),
        },
    ];
    let mut changes = vec![
        Change::AddIro {
            id: Some(IroId(1)),
            details: caseload_core::domain::IroDetails {
                name: "Test IRO Sending".to_string(),
                fte: 1.0,
                active: true,
            },
        },
        Change::AddChild {
            id: Some(child),
            details: ChildDetails {
                first_name: "Testa".to_string(),
                last_name: "Handoverly".to_string(),
                preferred_name: None,
                born_on: Some(date("2015-06-01")),
                expected_birth_on: None,
                sex: Sex::Female,
                ethnicity: None,
                local_ref: Some("LR-9001".to_string()),
                sibling_group: None,
                social_worker: None,
                team: None,
            },
            iro: Some(IroId(1)),
            allocated_on: Some(date("2026-01-05")),
        },
    ];
    changes.extend(all.into_iter().take(facts));
    changes
}

fn store_with(changes: &[Change]) -> App {
    let mut app = App::open_in_memory().unwrap();
    app.apply(changes, date(TODAY), None).unwrap();
    app
}

fn bundle_of(sender: &App, dir: &tempfile::TempDir) -> (PathBuf, String) {
    let path = bundle_path(dir);
    let export = sender
        .export_handover(&to_all("Test IRO Receiving"), &path, date(TODAY))
        .unwrap();
    (path, export.passphrase)
}

#[test]
fn a_child_already_here_with_a_shorter_history_gets_only_what_is_new() {
    let sender = store_with(&child_changes(1, 4, Participation::Pn3));
    // The receiver's own id for the child differs from the sender's.
    let mut receiver = store_with(&child_changes(40, 2, Participation::Pn3));
    let dir = tempfile::tempdir().unwrap();
    let (path, passphrase) = bundle_of(&sender, &dir);

    let done = receiver
        .import_handover(&path, &passphrase, date(TODAY), true)
        .unwrap();
    assert_eq!((done.merged, done.new, done.skipped), (1, 0, 0), "{done:?}");
    // The second review and the booking are new; the period, the first review and the first
    // allocation were there already.
    assert_eq!(done.children[0].facts, 2);
    let r = receiver.snapshot().unwrap().caseload.children;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].child.id, ChildId(40));
    assert_eq!(r[0].care_periods.len(), 1);
    let kinds: Vec<_> = r[0].meetings.iter().map(|m| (m.date(), m.status)).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert_eq!(
        sender.snapshot().unwrap().caseload.children[0]
            .meetings
            .len(),
        3
    );

    // Importing it again adds nothing.
    let again = receiver
        .import_handover(&path, &passphrase, date(TODAY), true)
        .unwrap();
    assert_eq!((again.unchanged, again.merged), (1, 0), "{again:?}");
    assert_eq!(
        receiver.snapshot().unwrap().caseload.children[0]
            .meetings
            .len(),
        3
    );
}

#[test]
fn a_conflict_leaves_the_child_out_naming_the_child_and_the_fact() {
    let sender = store_with(&child_changes(1, 4, Participation::Pn3));
    // The receiver recorded the second review with another participation code.
    let mut receiver = store_with(&child_changes(1, 3, Participation::Pn7));
    let before = receiver.row_counts().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (path, passphrase) = bundle_of(&sender, &dir);

    let done = receiver
        .import_handover(&path, &passphrase, date(TODAY), true)
        .unwrap();
    assert_eq!((done.skipped, done.merged, done.new), (1, 0, 0));
    let child = &done.children[0];
    assert_eq!(child.outcome, HandoverOutcome::Skipped);
    assert_eq!(child.name, "Testa Handoverly");
    assert_eq!(
        child.reasons,
        vec!["the LAC review of Fri 24 Apr 2026 is recorded differently".to_string()]
    );
    // Nothing half-imported: every table as it was, the transfer not recorded either.
    assert_eq!(receiver.row_counts().unwrap(), before);
    assert!(!done.committed);
}

#[test]
fn a_wrong_passphrase_is_refused_and_nothing_changes() {
    let sender = store_with(&child_changes(1, 4, Participation::Pn3));
    let dir = tempfile::tempdir().unwrap();
    let (path, passphrase) = bundle_of(&sender, &dir);
    // Another bundle's passphrase: well formed, but not this bundle's.
    let other = sender
        .export_handover(
            &to_all("Test IRO Receiving"),
            &dir.path().join("other"),
            date(TODAY),
        )
        .unwrap()
        .passphrase;
    assert_ne!(other, passphrase);

    let store_path = dir.path().join("receiver.sqlite3");
    let mut receiver = App::open(&store_path).unwrap();
    receiver
        .apply(&child_changes(5, 1, Participation::Pn1), date(TODAY), None)
        .unwrap();
    let counts = receiver.row_counts().unwrap();
    let bundle_bytes = std::fs::read(&path).unwrap();

    let refused = receiver.import_handover(&path, &other, date(TODAY), true);
    assert!(
        matches!(refused, Err(ApiError::WrongPassphrase)),
        "{refused:?}"
    );
    // A typo is caught by the check characters before the bundle is tried.
    let mut typo = passphrase.clone();
    typo.replace_range(0..1, if typo.starts_with('A') { "B" } else { "A" });
    let refused = receiver.import_handover(&path, &typo, date(TODAY), true);
    assert!(
        matches!(&refused, Err(ApiError::BadInput(m)) if m.contains("Nothing was changed")),
        "{refused:?}"
    );
    assert_eq!(receiver.row_counts().unwrap(), counts);
    assert_eq!(std::fs::read(&path).unwrap(), bundle_bytes);
    assert!(!backups_dir_has_files(&store_path));
}

fn backups_dir_has_files(store: &Path) -> bool {
    std::fs::read_dir(store.parent().unwrap().join("backups"))
        .map(|d| d.count() > 0)
        .unwrap_or(false)
}

#[test]
fn the_bundle_bytes_hold_no_names_or_dates() {
    let sender = demo(12);
    let dir = tempfile::tempdir().unwrap();
    let path = bundle_path(&dir);
    sender
        .export_handover(&to_all("Test IRO Receiving"), &path, date(TODAY))
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4096);
    let found = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let mut looked_for = 0;
    for r in sender.snapshot().unwrap().caseload.children {
        let d = &r.child.details;
        let mut needles = vec![d.first_name.clone(), d.last_name.clone()];
        needles.extend(d.born_on.map(|b| b.to_string()));
        needles.extend(d.local_ref.clone());
        needles.extend(
            r.meetings
                .iter()
                .filter_map(|m| m.date())
                .map(|d| d.to_string()),
        );
        for needle in needles {
            looked_for += 1;
            assert!(!found(&needle), "the bundle holds {needle:?} in the clear");
        }
    }
    assert!(looked_for > 50);
    assert!(!found("SQLite format 3"));
    // One file: no key slots, no journal left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![path.file_name().unwrap().to_os_string()]);
}

#[test]
fn a_child_transferred_out_is_read_only_and_keeps_its_history() {
    let mut sender = store_with(&child_changes(1, 4, Participation::Pn3));
    let request = HandoverRequest {
        children: vec![ChildId(1)],
        all: false,
        to_iro: "Test IRO Receiving".to_string(),
    };
    let view = sender.transfer_out(&request, date(TODAY)).unwrap();
    assert_eq!(view.children[0].name, "Testa Handoverly");

    let record = sender.snapshot().unwrap().caseload.children[0].clone();
    assert_eq!(record.meetings.len(), 3, "history kept");
    let to = sender.find_iro("Test IRO Receiving").unwrap().id;
    assert_eq!(record.current_iro(), Some(to));
    let out = record.transferred_out.clone().unwrap();
    assert_eq!(
        (out.to.as_str(), out.on),
        ("Test IRO Receiving", date(TODAY))
    );

    let refused = sender.apply(
        &[Change::BookMeeting {
            id: None,
            child: ChildId(1),
            kind: MeetingKind::LacReview,
            on: date("2026-12-01"),
            at: None,
            venue: None,
        }],
        date(TODAY),
        None,
    );
    let Err(ApiError::Invalid(errors)) = refused else {
        panic!("a change to a child transferred out was not refused: {refused:?}");
    };
    assert_eq!(
        errors[0].errors[0].message,
        "Testa Handoverly was transferred out to Test IRO Receiving on Mon 23 Nov 2026: their record here is read-only."
    );
    // A booked meeting of theirs cannot be moved either, nor can they be handed over again.
    let booked = record
        .meetings
        .iter()
        .find(|m| m.booked_on.is_some())
        .unwrap()
        .id;
    assert!(sender
        .apply(
            &[Change::CancelMeeting {
                id: booked,
                reason: None
            }],
            date(TODAY),
            None
        )
        .is_err());
    let again = sender.export_handover(&request, &std::env::temp_dir().join("never"), date(TODAY));
    assert!(matches!(again, Err(ApiError::BadInput(_))), "{again:?}");
}

#[test]
fn a_cover_pack_opens_read_only_with_the_weeks_ahead_and_is_removed_in_one_step() {
    let sender = demo(12);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cover.caseload-cover");
    let request = CoverPackRequest {
        children: Vec::new(),
        all: true,
        to_iro: "Test IRO Covering".to_string(),
        weeks: 4,
    };
    let made = sender
        .export_cover_pack(&request, &path, date(TODAY))
        .unwrap();
    let passphrase = made.passphrase.clone().unwrap();
    assert_eq!(made.until_on, date("2026-12-20"));

    let opened = open_cover_pack(&path, &passphrase).unwrap();
    assert_eq!(
        opened.passphrase, None,
        "the passphrase is never shown again"
    );
    assert_eq!(opened.children, made.children);
    assert_eq!(opened.to_iro, "Test IRO Covering");
    let meetings: Vec<_> = opened
        .children
        .iter()
        .flat_map(|c| c.meetings.iter())
        .collect();
    assert!(!meetings.is_empty());
    assert!(meetings.iter().all(|m| m
        .on
        .is_some_and(|d| d >= date(TODAY) && d <= date("2026-12-20"))));
    assert!(opened.children.iter().any(|c| !c.due.is_empty()));

    // A handover bundle is not a cover pack, and a wrong passphrase opens nothing.
    let wrong = open_cover_pack(
        &path,
        &sender
            .export_handover(&to_all("X"), &dir.path().join("h"), date(TODAY))
            .unwrap()
            .passphrase,
    );
    assert!(matches!(wrong, Err(ApiError::WrongPassphrase)), "{wrong:?}");

    remove_cover_pack(&path, &passphrase).unwrap();
    assert!(!path.exists());
}

#[test]
fn a_child_handed_back_merges_what_happened_meanwhile_and_is_no_longer_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = store_with(&child_changes(1, 4, Participation::Pn3));
    let (path, passphrase) = bundle_of(&a, &dir);
    let mut b = App::open_in_memory().unwrap();
    b.import_handover(&path, &passphrase, date(TODAY), true)
        .unwrap();
    a.transfer_out(&to_all("Test IRO Receiving"), date(TODAY))
        .unwrap();

    // While with the receiving IRO, a review is held.
    let here = b.snapshot().unwrap().caseload.children[0].child.id;
    b.apply(
        &[Change::RecordMeeting {
            id: None,
            child: here,
            kind: MeetingKind::LacReview,
            outcome: MeetingOutcome {
                held_on: Some(date("2026-12-01")),
                participation: Some(Participation::Pn2),
                ..MeetingOutcome::default()
            },
        }],
        date("2026-12-02"),
        None,
    )
    .unwrap();
    let back = dir.path().join("back");
    let export = b
        .export_handover(&to_all("Test IRO Sending"), &back, date("2026-12-02"))
        .unwrap();

    let done = a
        .import_handover(&back, &export.passphrase, date("2026-12-02"), true)
        .unwrap();
    assert_eq!((done.merged, done.skipped), (1, 0), "{done:?}");
    let record = a.snapshot().unwrap().caseload.children[0].clone();
    assert_eq!(
        record.transferred_out, None,
        "handed back: no longer read-only"
    );
    assert_eq!(record.meetings.len(), 4);
    assert_eq!(
        record.current_iro(),
        Some(a.find_iro("Test IRO Sending").unwrap().id)
    );
    // Its history came back once: the rows this store wrote are not repeated.
    let rows = a
        .audit(&AuditFilter {
            child: Some(record.child.id),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(rows.iter().filter(|e| e.op == "add_child").count(), 1);
    a.apply(
        &[Change::BookMeeting {
            id: None,
            child: record.child.id,
            kind: MeetingKind::LacReview,
            on: date("2027-05-20"),
            at: None,
            venue: None,
        }],
        date("2026-12-02"),
        None,
    )
    .unwrap();
}
