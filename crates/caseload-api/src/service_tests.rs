//! The service report against one store's: the demo caseload split into one store per IRO (a
//! child transferred between IROs in both), each IRO's figures exported, and the service
//! report over the files compared with the report of the store holding every caseload.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use caseload_core::change::Change;
use caseload_core::domain::Caseload;
use caseload_core::figures::FileStanding;
use caseload_core::ids::{ChildId, DecisionId, IroId};
use caseload_core::report::{IroFilter, ReportPeriod};
use caseload_core::validate::{subject, Subject};
use caseload_demo::{demo_changes, DemoOptions};
use chrono::NaiveDate;

use crate::service::{import_figures, open_service_store, read_figures_files, service_files};
use crate::{service_report, storage, App, Passphrase};

/// The demo's Monday.
const AFTER: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// The days the files are made: after the reporting year 2025–26 ended.
const MADE: NaiveDate = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();

fn year() -> ReportPeriod {
    ReportPeriod::reporting_year(2025).unwrap()
}

fn service_passphrase() -> Passphrase {
    storage::new_passphrase("service passphrase 2026".to_string()).unwrap()
}

/// The child each change of the demo is about, from the whole store's records.
fn child_of(change: &Change, caseload: &Caseload) -> Option<ChildId> {
    let find = |pred: &dyn Fn(&caseload_core::domain::ChildRecord) -> bool| {
        caseload
            .children
            .iter()
            .find(|r| pred(r))
            .map(|r| r.child.id)
    };
    match (change, subject(change)) {
        (Change::AddChild { id, .. }, _) => *id,
        (_, Subject::None) => None,
        (_, Subject::Child(id)) => Some(id),
        (_, Subject::CarePeriod(id)) => find(&|r| r.care_periods.iter().any(|p| p.id == id)),
        (_, Subject::CpEpisode(id)) => find(&|r| r.cp_episodes.iter().any(|e| e.id == id)),
        (_, Subject::Meeting(id)) => find(&|r| r.meetings.iter().any(|m| m.id == id)),
        (_, Subject::Dispute(id)) => find(&|r| r.disputes.iter().any(|d| d.id == id)),
        (_, Subject::Decision(id)) => find(&|r| r.decisions.iter().any(|d| d.id == id)),
    }
}

/// The demo's store, and one store per IRO holding every child ever allocated to them (a
/// transferred child in both IROs' stores), each with every IRO profile.
fn split_demo() -> (App, Vec<(IroId, App)>) {
    let options = DemoOptions::new(AFTER);
    let mut whole = App::open_in_memory().unwrap();
    whole.load_demo(&options).unwrap();
    let caseload = whole.snapshot().unwrap().caseload;
    let changes = demo_changes(&options);
    let owner: Vec<Option<ChildId>> = changes.iter().map(|c| child_of(c, &caseload)).collect();
    let mut stores = Vec::new();
    for iro in caseload.iros.iter().map(|i| i.id) {
        let theirs: Vec<ChildId> = caseload
            .children
            .iter()
            .filter(|r| r.allocations.iter().any(|a| a.iro == iro))
            .map(|r| r.child.id)
            .collect();
        // Decisions take the store's next id when a record is finalised: in this store, the
        // rank of each of its children's decisions among them.
        let mut decisions: Vec<DecisionId> = caseload
            .children
            .iter()
            .filter(|r| theirs.contains(&r.child.id))
            .flat_map(|r| r.decisions.iter().map(|d| d.id))
            .collect();
        decisions.sort();
        let local = |id: &mut DecisionId| {
            let rank = decisions
                .iter()
                .position(|d| d == id)
                .expect("their decision");
            *id = DecisionId(rank as i64 + 1);
        };
        let mine: Vec<Change> = changes
            .iter()
            .zip(&owner)
            .filter(|(_, o)| o.is_none_or(|c| theirs.contains(&c)))
            .map(|(c, _)| {
                let mut c = c.clone();
                if let Change::DecisionDone { id, .. } | Change::DecisionDropped { id, .. } = &mut c
                {
                    local(id);
                }
                c
            })
            .collect();
        let mut app = App::open_in_memory().unwrap();
        app.apply(&mine, AFTER, None).unwrap();
        stores.push((iro, app));
    }
    (whole, stores)
}

fn export_all(stores: &[(IroId, App)], dir: &Path, made_on: NaiveDate) -> Vec<PathBuf> {
    stores
        .iter()
        .map(|(iro, app)| {
            let path = dir.join(format!("figures-{iro}.iro"));
            app.export_figures(&year(), Some(*iro), &service_passphrase(), &path, made_on)
                .unwrap();
            path
        })
        .collect()
}

#[test]
fn the_service_report_from_each_iros_figures_equals_the_report_of_one_store_holding_them_all() {
    let (whole, stores) = split_demo();
    let transferred = whole
        .snapshot()
        .unwrap()
        .caseload
        .children
        .iter()
        .filter(|r| {
            let mut iros: Vec<IroId> = r.allocations.iter().map(|a| a.iro).collect();
            iros.dedup();
            iros.len() > 1
        })
        .count();
    assert!(transferred > 0, "the demo transfers children between IROs");
    let dir = tempfile::tempdir().unwrap();
    let paths = export_all(&stores, dir.path(), MADE);
    let files = read_figures_files(&paths, &service_passphrase()).unwrap();
    let service = service_report(&files, &year(), None, MADE).unwrap();
    let one = whole.report(&year(), &IroFilter::All, None, MADE).unwrap();
    assert_eq!(
        json(&service.report.sections),
        json(&one.sections),
        "every figure and chart"
    );
    assert_eq!(service.report.iros, one.iros);
    assert_eq!(json(&service.report.caseloads), json(&one.caseloads));
    assert_eq!(service.report.choices, one.choices);
    let n = |id: &str| service.report.figure(id).unwrap().this_period.number();
    assert!(n("lac.children_during_year") > Some(20.0));
    assert!(n("cp.children_during_year") > Some(5.0));
    assert!(n("disputes.raised") > Some(0.0));
    assert_eq!(service.files.len(), stores.len());
    assert!(service
        .files
        .iter()
        .all(|f| f.standing == FileStanding::Included));
}

/// A value as JSON, to compare.
fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn a_figures_file_holds_no_childs_name_in_its_bytes_or_its_contents_and_reads_back() {
    let (_, stores) = split_demo();
    let (iro, app) = &stores[0];
    let caseload = app.snapshot().unwrap().caseload;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("figures.iro");
    let made = app
        .export_figures(&year(), Some(*iro), &service_passphrase(), &path, MADE)
        .unwrap();
    assert!(made.meta.children > 10, "{:?}", made.meta);
    let bytes = std::fs::read(&path).unwrap();
    let back = read_figures_files(std::slice::from_ref(&path), &service_passphrase()).unwrap();
    let contents = format!(
        "{:?}{}",
        back[0].meta,
        serde_json::to_string(&back[0].children).unwrap()
    );
    let mut words: Vec<String> = Vec::new();
    for r in &caseload.children {
        let d = &r.child.details;
        words.extend([d.first_name.clone(), d.last_name.clone()]);
        words.extend(d.preferred_name.clone());
        words.extend(d.social_worker.clone());
        words.extend(d.sibling_group.clone());
        words.extend(r.decisions.iter().map(|d| d.text.clone()));
    }
    words.retain(|w| w.len() > 3);
    assert!(words.len() > 50);
    for w in &words {
        assert!(
            !contents.contains(w.as_str()),
            "{w} is in the figures file's contents"
        );
        assert!(
            !bytes.windows(w.len()).any(|b| b == w.as_bytes()),
            "{w} is in the figures file's bytes"
        );
    }
    assert_eq!(back[0].meta, made.meta);
    assert_eq!(back[0].children.len() as u32, made.meta.children);
    let la_ids: Vec<&str> = back[0]
        .children
        .iter()
        .filter_map(|r| r.child.details.local_ref.as_deref())
        .collect();
    assert!(
        la_ids.iter().all(|id| id.starts_with("DEMO-")),
        "{la_ids:?}"
    );
    assert!(back[0].children.iter().all(|r| r.records.is_empty()));
}

#[test]
fn a_wrong_service_passphrase_is_refused_naming_the_file_and_changes_nothing() {
    let (_, stores) = split_demo();
    let dir = tempfile::tempdir().unwrap();
    let paths = export_all(&stores[..1], dir.path(), MADE);
    let wrong = storage::new_passphrase("not the service passphrase".to_string()).unwrap();
    let err = read_figures_files(&paths, &wrong).unwrap_err();
    assert!(err.is_user_error(), "{err}");
    assert!(err.to_string().contains("figures-"), "{err}");

    let db = dir.path().join("service.sqlite3");
    let mut service = open_service_store(&db, &service_passphrase()).unwrap();
    import_figures(&mut service, &paths, &service_passphrase(), MADE).unwrap();
    drop(service);
    let before = std::fs::read(&db).unwrap();
    let err = open_service_store(&db, &wrong).unwrap_err();
    assert!(err.is_user_error(), "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the service store is unchanged"
    );
    let service = open_service_store(&db, &service_passphrase()).unwrap();
    assert_eq!(service_files(&service).unwrap().len(), 1);
}

#[test]
fn an_iros_newer_file_replaces_their_older_one_and_an_older_one_is_refused() {
    let (_, stores) = split_demo();
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("older");
    let newer = dir.path().join("newer");
    std::fs::create_dir_all(&older).unwrap();
    std::fs::create_dir_all(&newer).unwrap();
    let first = export_all(&stores[..2], &older, MADE);
    let later = MADE + chrono::Days::new(10);
    let second = export_all(&stores[..1], &newer, later);
    let db = dir.path().join("service.sqlite3");
    let pass = service_passphrase();
    let mut service = open_service_store(&db, &pass).unwrap();
    import_figures(&mut service, &first, &pass, MADE).unwrap();
    let rows = import_figures(&mut service, &second, &pass, later).unwrap();
    assert_eq!(rows[0].replaced, Some(MADE));
    let held = service_files(&service).unwrap();
    assert_eq!(held.len(), 2, "one file per IRO");
    let made: Vec<NaiveDate> = held.iter().map(|f| f.meta.made_on).collect();
    assert!(made.contains(&later) && made.contains(&MADE), "{made:?}");

    let err = import_figures(&mut service, &first[..1], &pass, later).unwrap_err();
    assert!(err.to_string().contains("before the file"), "{err}");
    let again = service_files(&service).unwrap();
    assert_eq!(again, held, "nothing changed");
}

#[test]
fn an_iro_without_a_file_is_missing_and_a_file_made_before_the_period_ended_is_stale() {
    let (_, stores) = split_demo();
    let dir = tempfile::tempdir().unwrap();
    let mut paths = export_all(&stores[..2], dir.path(), MADE);
    // A third IRO's file made in February, before the year ended.
    let (iro, app) = &stores[2];
    let early = dir.path().join("early.iro");
    app.export_figures(
        &year(),
        Some(*iro),
        &service_passphrase(),
        &early,
        NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(),
    )
    .unwrap();
    paths.push(early);
    let files = read_figures_files(&paths, &service_passphrase()).unwrap();
    let report = service_report(&files, &year(), None, MADE).unwrap();
    let standing: HashMap<FileStanding, usize> =
        report.files.iter().fold(HashMap::new(), |mut m, f| {
            *m.entry(f.standing).or_default() += 1;
            m
        });
    assert_eq!(standing.get(&FileStanding::Included), Some(&2));
    assert_eq!(standing.get(&FileStanding::Stale), Some(&1));
    assert_eq!(
        standing.get(&FileStanding::Missing),
        Some(&1),
        "{:?}",
        report.files
    );
    let stale = report
        .files
        .iter()
        .find(|f| f.standing == FileStanding::Stale)
        .unwrap();
    assert!(
        stale.why[0].contains("before the period ended"),
        "{:?}",
        stale.why
    );
    let missing = report
        .files
        .iter()
        .find(|f| f.standing == FileStanding::Missing)
        .unwrap();
    assert!(missing.file.is_none());
    assert!(missing.why[0].contains(&missing.iro), "{:?}", missing.why);
}
