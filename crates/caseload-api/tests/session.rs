//! The desktop's session without a window: the idle lock, the watchdog's tick, the passphrase,
//! the first run, the auto-lock setting, the preferences and the notice on opening, on temporary
//! stores with a clock that moves only when told. Encrypted stores cost a slow key derivation
//! each time they open, so the tests open few.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use caseload_api::core::report::IroFilter;
use caseload_api::demo::DemoOptions;
use caseload_api::storage::store_kind;
use caseload_api::{
    attention_message, ApiError, App, Build, FileKind, LockState, ManualClock, PeriodRequest,
    PlaceKind, ReportFormat, ReportRequest, Session, SessionOptions, SeverityCounts, DEMO_MARK,
    MARKING,
};
use chrono::NaiveDate;

const PASSPHRASE: &str = "first passphrase";

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn minutes(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

struct Fixture {
    dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
            clock: Arc::new(ManualClock::new(as_of())),
        }
    }

    fn store_path(&self) -> PathBuf {
        self.dir.path().join("data").join("caseload.sqlite3")
    }

    fn backup_dir(&self) -> PathBuf {
        self.dir.path().join("usb")
    }

    fn options(&self) -> SessionOptions {
        SessionOptions {
            store_path: self.store_path(),
            prefs_path: self.dir.path().join("config").join("prefs.json"),
            backup_dir: Some(self.backup_dir()),
            export_dir: None,
            demo: false,
            fixed_today: None,
            auto_lock_override: None,
        }
    }

    fn open_with(&self, options: SessionOptions) -> Session {
        Session::open(options, self.clock.clone()).unwrap()
    }

    fn open(&self) -> Session {
        self.open_with(self.options())
    }

    /// A plaintext store (from before encryption) holding a small demo caseload.
    fn plaintext_store(&self, children: usize) {
        std::fs::create_dir_all(self.store_path().parent().unwrap()).unwrap();
        let mut app = App::open(&self.store_path()).unwrap();
        app.load_demo(&DemoOptions {
            children,
            seed: 1,
            as_of: as_of(),
        })
        .unwrap();
    }

    /// An encrypted store just created by the first run, open.
    fn created(&self) -> Session {
        let session = self.open();
        session
            .create(PASSPHRASE.to_string(), PASSPHRASE.to_string())
            .unwrap();
        session
    }

    /// The regular backups in the backups folder.
    fn backups(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.backup_dir()) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "db"))
            .collect();
        files.sort();
        files
    }

    fn remove_backups(&self) {
        for file in self.backups() {
            std::fs::remove_file(file).unwrap();
        }
    }
}

fn set_settings(session: &Session, json: &str) {
    let changes =
        App::parse_changes(format!(r#"{{"op":"set_settings","settings":{json}}}"#).as_bytes())
            .unwrap();
    session.apply_changes(&changes).unwrap();
}

fn is_locked<T>(result: Result<T, ApiError>) -> bool {
    matches!(result, Err(ApiError::Locked))
}

#[test]
fn an_encrypted_store_locks_after_its_idle_time_and_touching_starts_the_clock_again() {
    let f = Fixture::new();
    let session = f.created();
    assert_eq!(session.auto_lock(), minutes(10), "the store's default");

    f.clock.advance(minutes(9));
    session.touch();
    f.clock.advance(minutes(9));
    assert!(!session.tick().unwrap().locked);
    assert!(session.app().is_ok());

    f.clock.advance(minutes(1));
    assert!(session.tick().unwrap().locked);
    assert_eq!(session.status().unwrap().state, LockState::Locked);
    assert!(is_locked(session.app()));
    assert!(!session.tick().unwrap().locked, "locked once");
}

#[test]
fn any_use_of_an_idle_store_locks_it_before_the_watchdog_does() {
    let f = Fixture::new();
    let session = f.created();
    f.clock.advance(minutes(10));
    assert!(is_locked(session.app()));
    assert_eq!(session.status().unwrap().state, LockState::Locked);
}

#[test]
fn a_plaintext_store_stays_open_however_long_it_is_left() {
    let f = Fixture::new();
    f.plaintext_store(3);
    let session = f.open();
    let status = session.status().unwrap();
    assert_eq!(status.state, LockState::Unlocked);
    assert!(!status.encrypted);

    f.clock.advance(minutes(24 * 60));
    assert!(!session.tick().unwrap().locked);
    session.lock().unwrap();
    assert!(session.app().is_ok(), "nothing to lock it with");
}

#[test]
fn the_tick_takes_the_day_s_backup_after_opening_then_asks_once_an_hour() {
    let f = Fixture::new();
    f.plaintext_store(3);
    let session = f.open();
    assert!(
        f.backups().is_empty(),
        "opening leaves the backup to the tick"
    );

    let first = session.tick().unwrap().backup.expect("due: none today");
    assert_eq!(f.backups(), [first.path]);
    assert_eq!(session.tick().unwrap().backup, None);

    // With no backup left, the store would take one at once if asked: the tick does not ask
    // until the hour is up.
    f.remove_backups();
    f.clock.advance(minutes(59));
    assert_eq!(session.tick().unwrap().backup, None);
    assert!(f.backups().is_empty());
    f.clock.advance(minutes(1));
    let second = session.tick().unwrap().backup.expect("an hour on");
    assert_eq!(f.backups(), [second.path]);

    // The store takes one a day: an hour later it has one for today.
    f.clock.advance(minutes(60));
    assert_eq!(session.tick().unwrap().backup, None);
    assert_eq!(f.backups().len(), 1);
}

#[test]
fn the_demo_is_regenerated_as_of_today_stays_plaintext_and_is_never_backed_up() {
    let f = Fixture::new();
    let demo_path = f.dir.path().join("demo.sqlite3");
    std::fs::write(&demo_path, b"left over from the last run").unwrap();
    let session = f.open_with(SessionOptions {
        store_path: demo_path,
        demo: true,
        fixed_today: Some(as_of()),
        ..f.options()
    });
    assert_eq!(session.today(), as_of());
    let status = session.status().unwrap();
    assert_eq!(
        (status.state, status.encrypted, status.demo),
        (LockState::Unlocked, false, true)
    );
    assert!(!session.app().unwrap().is_empty().unwrap());

    assert_eq!(session.tick().unwrap().backup, None);
    f.clock.advance(minutes(3 * 60));
    assert_eq!(session.tick().unwrap().backup, None);
    assert!(f.backups().is_empty());
    assert!(matches!(
        session.encrypt("a passphrase".into(), "a passphrase".into()),
        Err(ApiError::BadInput(m)) if m.contains("demo")
    ));
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let f = Fixture::new();
    let session = f.created();
    session.lock().unwrap();
    assert_eq!(session.status().unwrap().state, LockState::Locked);
    let before = std::fs::read(f.store_path()).unwrap();

    let refused = session.unlock("not the passphrase".to_string());
    assert!(
        matches!(refused, Err(ApiError::WrongPassphrase)),
        "{refused:?}"
    );
    assert_eq!(
        refused.unwrap_err().to_string(),
        "The passphrase is wrong. Nothing was changed."
    );
    assert_eq!(session.status().unwrap().state, LockState::Locked);
    assert!(is_locked(session.app()));
    assert_eq!(std::fs::read(f.store_path()).unwrap(), before);

    session.unlock(PASSPHRASE.to_string()).unwrap();
    assert_eq!(session.status().unwrap().state, LockState::Unlocked);
}

#[test]
fn every_use_of_a_locked_store_answers_locked() {
    let f = Fixture::new();
    let session = f.created();
    session.lock().unwrap();

    assert!(is_locked(session.app()));
    assert!(is_locked(session.apply_changes(&[])));
    assert!(is_locked(session.attention_message()));
    assert!(is_locked(
        session.encrypt("a passphrase".into(), "a passphrase".into())
    ));
    assert_eq!(
        ApiError::Locked.to_string(),
        "The caseload is locked. Enter the passphrase to open it."
    );
    // What does not need the store still answers.
    let status = session.status().unwrap();
    assert_eq!((status.state, status.encrypted), (LockState::Locked, true));
    session.refresh_auto_lock().unwrap();
    assert_eq!(
        session.tick().unwrap(),
        caseload_api::Tick {
            locked: false,
            backup: None
        }
    );
}

#[test]
fn the_first_run_creates_the_store_with_a_passphrase_typed_twice() {
    let f = Fixture::new();
    let session = f.open();
    let status = session.status().unwrap();
    assert_eq!((status.state, status.encrypted), (LockState::New, false));
    assert_eq!(status.min_passphrase_chars, 8);
    assert!(is_locked(session.app()));

    // Nothing to unlock yet, and unlocking must not create a store under a passphrase typed once.
    assert!(matches!(
        session.unlock(PASSPHRASE.to_string()),
        Err(ApiError::BadInput(m)) if m.contains("no caseload here yet")
    ));
    let differ = session.create(PASSPHRASE.to_string(), "first passphrasE".to_string());
    assert!(matches!(differ, Err(ApiError::BadInput(m)) if m.contains("differ")));
    let short = session.create("short".to_string(), "short".to_string());
    assert!(matches!(short, Err(ApiError::BadInput(m)) if m.contains("at least 8")));
    assert_eq!(store_kind(&f.store_path()).unwrap(), FileKind::Missing);
    assert_eq!(session.status().unwrap().state, LockState::New);

    session
        .create(PASSPHRASE.to_string(), PASSPHRASE.to_string())
        .unwrap();
    let status = session.status().unwrap();
    assert_eq!(
        (status.state, status.encrypted),
        (LockState::Unlocked, true)
    );
    assert_eq!(store_kind(&f.store_path()).unwrap(), FileKind::Encrypted);
    let again = session.create(PASSPHRASE.to_string(), PASSPHRASE.to_string());
    assert!(matches!(again, Err(ApiError::BadInput(m)) if m.contains("already exists")));
}

#[test]
fn forgot_the_passphrase_the_recovery_key_opens_with_a_new_one() {
    let f = Fixture::new();
    let session = f.created();
    let shown = session
        .take_new_recovery_key()
        .unwrap()
        .expect("made at first run");
    assert_eq!(shown.store_path, f.store_path().display().to_string());
    assert!(
        session.take_new_recovery_key().unwrap().is_none(),
        "shown once"
    );
    session.lock().unwrap();
    assert!(session.status().unwrap().recovery_key);

    // A typo is caught by its group's check character, before anything is opened.
    let mut typo = shown.key.clone().into_bytes();
    typo[7] = if typo[7] == b'A' { b'B' } else { b'A' };
    let typo = String::from_utf8(typo).unwrap();
    let new = "new passphrase".to_string();
    assert!(matches!(
        session.recover(&typo, new.clone(), new.clone()),
        Err(ApiError::BadInput(m)) if m.starts_with("Group 2 ")
    ));
    let stranger = caseload_api::RecoveryKey::generate().unwrap();
    assert!(matches!(
        session.recover(&stranger.display(), new.clone(), new.clone()),
        Err(ApiError::WrongRecoveryKey)
    ));
    assert_eq!(session.status().unwrap().state, LockState::Locked);
    assert!(matches!(
        session.recover(&shown.key, new.clone(), "another".to_string()),
        Err(ApiError::BadInput(m)) if m.contains("differ")
    ));

    session
        .recover(&shown.key.to_lowercase(), new.clone(), new.clone())
        .unwrap();
    assert_eq!(session.status().unwrap().state, LockState::Unlocked);
    session.lock().unwrap();
    assert!(matches!(
        session.unlock(PASSPHRASE.to_string()),
        Err(ApiError::WrongPassphrase)
    ));
    session.unlock(new.clone()).unwrap();

    // A new recovery key needs the passphrase; the old key then opens nothing.
    assert!(matches!(
        session.renew_recovery_key(PASSPHRASE.to_string()),
        Err(ApiError::WrongPassphrase)
    ));
    let renewed = session.renew_recovery_key(new.clone()).unwrap();
    assert_ne!(renewed.key, shown.key);
    session.lock().unwrap();
    assert!(matches!(
        session.recover(&shown.key, new.clone(), new.clone()),
        Err(ApiError::WrongRecoveryKey)
    ));
    session.recover(&renewed.key, new.clone(), new).unwrap();
}

#[test]
fn a_changed_auto_lock_setting_applies_at_once() {
    let f = Fixture::new();
    let session = f.created();
    set_settings(&session, r#"{"auto_lock_minutes": 1}"#);
    assert_eq!(session.auto_lock(), minutes(1));
    assert_eq!(session.status().unwrap().auto_lock_seconds, 60);
    f.clock.advance(minutes(1));
    assert!(session.tick().unwrap().locked);
}

#[test]
fn a_plaintext_store_s_auto_lock_setting_is_read_on_opening_and_the_launch_s_wins() {
    let f = Fixture::new();
    f.plaintext_store(3);
    let session = f.open();
    assert_eq!(session.status().unwrap().auto_lock_seconds, 600);
    set_settings(&session, r#"{"auto_lock_minutes": 30}"#);
    assert_eq!(session.status().unwrap().auto_lock_seconds, 1800);
    drop(session);

    assert_eq!(f.open().auto_lock(), minutes(30));
    let overridden = f.open_with(SessionOptions {
        auto_lock_override: Some(Duration::from_secs(90)),
        ..f.options()
    });
    assert_eq!(overridden.auto_lock(), Duration::from_secs(90));
    set_settings(&overridden, r#"{"auto_lock_minutes": 5}"#);
    assert_eq!(overridden.status().unwrap().auto_lock_seconds, 90);
}

#[test]
fn the_notice_on_opening_counts_overdue_and_red_within_the_store_s_threshold() {
    let f = Fixture::new();
    f.plaintext_store(40);
    let session = f.open_with(SessionOptions {
        fixed_today: Some(as_of()),
        ..f.options()
    });
    let today = {
        let app = session.app().unwrap();
        app.today(as_of(), app.owner().unwrap()).unwrap()
    };
    assert!(today.needs_attention, "the demo has work overdue or red");
    let expected = format!(
        "{} overdue, {} due within 5 working days.",
        today.counts.overdue, today.counts.red
    );
    assert_eq!(session.attention_message().unwrap(), Some(expected));

    set_settings(
        &session,
        r#"{"red_within_working_days": 1, "amber_within_working_days": 20}"#,
    );
    let message = session.attention_message().unwrap().unwrap();
    assert!(message.ends_with(" due within 1 working day."), "{message}");

    let settings = session.app().unwrap().settings_in_force().unwrap();
    let calm = caseload_api::TodayView {
        counts: SeverityCounts::default(),
        needs_attention: false,
        ..today
    };
    assert_eq!(attention_message(&calm, &settings), None);
}

#[test]
fn the_backups_folder_chosen_is_remembered_and_the_launch_s_wins() {
    let f = Fixture::new();
    let chosen = f.dir.path().join("chosen");
    let session = f.open_with(SessionOptions {
        backup_dir: None,
        ..f.options()
    });
    assert_eq!(
        session.backup_dir(),
        f.store_path().parent().unwrap().join("backups"),
        "beside the store"
    );
    session.set_backup_dir(chosen.clone()).unwrap();
    assert!(chosen.is_dir());
    assert!(!session.plaintext_exports_acknowledged());
    session.acknowledge_plaintext_exports().unwrap();
    drop(session);

    let again = f.open_with(SessionOptions {
        backup_dir: None,
        ..f.options()
    });
    assert_eq!(again.backup_dir(), chosen);
    assert!(again.plaintext_exports_acknowledged());
    assert_eq!(f.open().backup_dir(), f.backup_dir(), "the launch's folder");
}

#[test]
fn an_export_goes_where_the_dialog_chose_else_into_the_export_folder() {
    let f = Fixture::new();
    let exports = f.dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let session = f.open_with(SessionOptions {
        export_dir: Some(exports.clone()),
        ..f.options()
    });
    let written = session
        .write_export(None, "week.ics", "the calendar file", b"BEGIN:VCALENDAR")
        .unwrap();
    assert_eq!(written, exports.join("week.ics"));
    assert_eq!(std::fs::read(&written).unwrap(), b"BEGIN:VCALENDAR");
    let chosen = f.dir.path().join("chosen.ics");
    let written = session
        .write_export(Some(chosen.clone()), "week.ics", "the calendar file", b"x")
        .unwrap();
    assert_eq!(written, chosen);

    let asking = f.open();
    let refused = asking.write_export(None, "report.csv", "the report", b"x");
    assert!(
        matches!(refused, Err(ApiError::BadInput(m)) if m == "Choose where to save the report.")
    );
}

/// Each page's text, whitespace squashed.
fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .keys()
        .map(|number| {
            let text = doc.extract_text(&[*number]).unwrap();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn report_2025() -> ReportRequest {
    ReportRequest {
        period: PeriodRequest::Year { start_year: 2025 },
        iros: IroFilter::All,
        options: None,
    }
}

#[test]
fn the_report_saved_as_pdf_has_page_numbers_and_the_marking_on_every_page_and_the_demo_s_its_mark()
{
    let f = Fixture::new();
    let exports = f.dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let with_exports = SessionOptions {
        export_dir: Some(exports.clone()),
        fixed_today: Some(as_of()),
        ..f.options()
    };
    let demo = f.open_with(SessionOptions {
        store_path: f.dir.path().join("demo.sqlite3"),
        demo: true,
        ..with_exports.clone()
    });
    let path = demo
        .export_report(&report_2025(), ReportFormat::Pdf, None)
        .unwrap();
    assert_eq!(path, exports.join("iro-annual-report-2025-26.pdf"));
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let pages = pdf_pages(&pdf);
    assert!(
        pages[0].contains("IRO annual report 2025–26"),
        "{}",
        pages[0]
    );
    for (page_idx, page) in pages.iter().enumerate() {
        let number = format!("Page {} of {}", page_idx + 1, pages.len());
        for want in [number.as_str(), DEMO_MARK, MARKING] {
            assert!(
                page.contains(want),
                "{want} on page {}: {page}",
                page_idx + 1
            );
        }
    }
    let docx = demo
        .export_report(&report_2025(), ReportFormat::Docx, None)
        .unwrap();
    assert_eq!(docx, exports.join("iro-annual-report-2025-26.docx"));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    drop(demo);

    f.plaintext_store(40);
    let real = f.open_with(with_exports);
    let chosen = f.dir.path().join("chosen.pdf");
    let path = real
        .export_report(&report_2025(), ReportFormat::Pdf, Some(chosen.clone()))
        .unwrap();
    assert_eq!(path, chosen);
    let pages = pdf_pages(&std::fs::read(&path).unwrap());
    assert!(pages[0].contains(MARKING) && pages[0].contains("Page 1 of"));
    assert!(
        pages.iter().all(|page| !page.contains("DEMO")),
        "not the demo"
    );
}

#[test]
fn the_service_figures_open_with_their_passphrase_take_an_iros_file_and_close_with_the_lock() {
    let f = Fixture::new();
    f.plaintext_store(30);
    let session = f.open();
    let service = "service passphrase 2026";
    let year = caseload_api::FiguresExportRequest {
        period: PeriodRequest::Year { start_year: 2025 },
        made_by: Some(caseload_api::core::ids::IroId(1)),
    };
    let file = f.dir.path().join("ada.iro-figures");
    let differ = session.export_figures(
        &year,
        service.to_string(),
        "another one entirely".to_string(),
        Some(file.clone()),
    );
    assert!(differ.unwrap_err().is_user_error());
    assert!(
        !file.exists(),
        "nothing written when the two passphrases differ"
    );
    let made = session
        .export_figures(
            &year,
            service.to_string(),
            service.to_string(),
            Some(file.clone()),
        )
        .unwrap();
    assert!(made.meta.children > 0);

    assert!(!session.service_status().unwrap().open);
    session.open_service(service.to_string()).unwrap();
    let rows = session.import_service_figures(&[file]).unwrap();
    assert_eq!(rows.len(), 1);
    let req = caseload_api::ServiceReportRequest {
        period: PeriodRequest::Year { start_year: 2025 },
        options: None,
    };
    let view = session.service_report(&req).unwrap();
    assert_eq!(
        view.files.len(),
        1 + view.files.iter().filter(|f| f.file.is_none()).count()
    );
    assert_eq!(
        view.files[0].file.as_ref().unwrap().made_by,
        made.meta.made_by
    );

    session.lock().unwrap();
    let status = session.service_status().unwrap();
    assert!(!status.open, "locking closes the service figures");
    assert!(session.service_report(&req).unwrap_err().is_user_error());
    let path = PathBuf::from(&status.path);
    let before = std::fs::read(&path).unwrap();
    let wrong = session.open_service("not the service passphrase".to_string());
    assert!(wrong.unwrap_err().is_user_error());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a wrong passphrase changes nothing"
    );
    assert_eq!(session.open_service(service.to_string()).unwrap().files, 1);
}

fn about_paths(session: &Session) -> Vec<(PlaceKind, Option<PathBuf>)> {
    let build = Build {
        version: "0.9.0".to_string(),
        built_on: as_of(),
    };
    let view = session.about(&build).unwrap();
    assert_eq!((view.version.as_str(), view.built_on), ("0.9.0", as_of()));
    view.places
        .into_iter()
        .map(|p| (p.kind, p.path.map(PathBuf::from)))
        .collect()
}

#[test]
fn about_names_the_store_its_key_file_the_backups_and_the_preferences_open_or_locked() {
    let f = Fixture::new();
    let session = f.created();
    let keys = f.dir.path().join("data").join("caseload.sqlite3.keys");
    assert!(keys.exists());
    let expected = vec![
        (PlaceKind::Store, Some(f.store_path())),
        (PlaceKind::KeyFile, Some(keys)),
        (PlaceKind::Backups, Some(f.backup_dir())),
        (
            PlaceKind::Preferences,
            Some(f.dir.path().join("config").join("prefs.json")),
        ),
    ];
    assert_eq!(about_paths(&session), expected);
    session.lock().unwrap();
    assert_eq!(about_paths(&session), expected);
}

#[test]
fn about_a_plaintext_store_has_no_key_file_and_says_settings_can_encrypt_it() {
    let f = Fixture::new();
    f.plaintext_store(3);
    let session = f.open();
    let view = session
        .about(&Build {
            version: "0.9.0".to_string(),
            built_on: as_of(),
        })
        .unwrap();
    let notes: Vec<(PlaceKind, Option<&str>, &str)> = view
        .places
        .iter()
        .map(|p| (p.kind, p.path.as_deref(), p.note.as_str()))
        .take(2)
        .collect();
    let store = f.store_path().display().to_string();
    assert_eq!(
        notes,
        [
            (
                PlaceKind::Store,
                Some(store.as_str()),
                "Your caseload, not encrypted: Settings can encrypt it."
            ),
            (
                PlaceKind::KeyFile,
                None,
                "None yet: it is made when the caseload is encrypted, or opened for the first time since recovery keys."
            ),
        ]
    );
}
