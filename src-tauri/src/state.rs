//! The managed state, wired: the API's [`Session`] (the store, open or locked, the idle clock,
//! backups, preferences; `caseload_api::session`) built from the launch options, what the
//! Import screen takes without a dialog, and the watchdog thread that ticks the session.
//! No rule lives here.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use caseload_api::{Session, SessionOptions, SystemClock};
use tauri::Manager;

use crate::launch::Launch;

/// What "Choose files…" on the Import screen answers without a dialog (the window tests).
pub struct ImportFiles(pub Vec<PathBuf>);

/// The first paint: when the process started, whether to print the time (`--trace-startup`),
/// and whether the window has said it painted yet.
pub struct StartupTrace {
    on: bool,
    started: std::time::Instant,
    told: std::sync::atomic::AtomicBool,
}

impl StartupTrace {
    /// Traces when `on`, from `started`.
    pub fn new(on: bool, started: std::time::Instant) -> StartupTrace {
        StartupTrace {
            on,
            started,
            told: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The first screen has painted: true the first time (and `painted <ms>` printed, when
    /// tracing), false after.
    pub fn painted(&self) -> bool {
        let first = !self.told.swap(true, std::sync::atomic::Ordering::SeqCst);
        if first && self.on {
            println!("painted {}", self.started.elapsed().as_millis());
        }
        first
    }
}

/// The session the launch options name: the demo store, a given file, or the per-user store
/// (the same paths as the CLI's: `caseload_api::default_store_path`).
pub fn open_session(launch: &Launch) -> Result<Session, Box<dyn std::error::Error>> {
    let no_home = || "no per-user folder for the store: HOME (or APPDATA) is not set";
    let store_path = match (&launch.db, launch.demo) {
        (Some(path), _) => path.clone(),
        (None, true) => caseload_api::default_demo_store_path().ok_or_else(no_home)?,
        (None, false) => caseload_api::default_store_path().ok_or_else(no_home)?,
    };
    let options = SessionOptions {
        store_path,
        prefs_path: caseload_api::default_prefs_path().ok_or_else(no_home)?,
        backup_dir: launch.backup_dir.clone(),
        export_dir: launch.export_dir.clone(),
        demo: launch.demo,
        fixed_today: launch.today,
        auto_lock_override: launch.auto_lock_seconds.map(Duration::from_secs),
    };
    Ok(Session::open(options, Arc::new(SystemClock))?)
}

/// The window title.
pub fn window_title(session: &Session) -> &'static str {
    if session.is_demo() {
        "IRO Caseload — DEMO (synthetic data, not encrypted)"
    } else {
        "IRO Caseload"
    }
}

/// Every few seconds, the session's tick: an idle encrypted store locks even if the window is
/// hidden or frozen, and the scheduled backup is taken when due. Failures go to the log; the
/// session decides when to try again.
pub fn start_watchdog(handle: tauri::AppHandle) {
    const TICK: Duration = Duration::from_secs(2);
    std::thread::spawn(move || loop {
        std::thread::sleep(TICK);
        if let Err(e) = handle.state::<Session>().tick() {
            eprintln!("caseload-desktop: the idle lock or the scheduled backup failed: {e}");
        }
    });
}
