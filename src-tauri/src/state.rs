//! The session: the open store, and how the app was launched.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use caseload_api::demo::DemoOptions;
use caseload_api::App;
use chrono::NaiveDate;
use tauri::Manager;

use crate::error::CommandError;
use crate::launch::Launch;

/// Managed state: one store, behind a mutex (SQLite connections are not shared across threads).
pub struct Session {
    app: Mutex<App>,
    /// A fixed today, if launched with one.
    fixed_today: Option<NaiveDate>,
    /// The demo store.
    pub demo: bool,
    /// Where the store is.
    pub store_path: PathBuf,
    /// Save exports here without asking.
    pub export_dir: Option<PathBuf>,
}

impl Session {
    /// Opens the store the launch options name: the demo store (regenerated), a given file, or
    /// the per-user store.
    pub fn open(
        handle: &tauri::AppHandle,
        launch: &Launch,
    ) -> Result<Session, Box<dyn std::error::Error>> {
        let data_dir = handle.path().app_data_dir()?;
        let store_path = match (&launch.db, launch.demo) {
            (Some(path), _) => path.clone(),
            (None, true) => data_dir.join("demo.sqlite3"),
            (None, false) => data_dir.join("caseload.sqlite3"),
        };
        let today = launch
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        if launch.demo {
            // The demo store is disposable: rebuilt on every start, so it always shows a full
            // week relative to today.
            for suffix in ["", "-wal", "-shm"] {
                let mut file = store_path.clone().into_os_string();
                file.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(file));
            }
        }
        let mut app = App::open(&store_path)?;
        if launch.demo {
            app.load_demo(&DemoOptions::new(today))?;
        }
        Ok(Session {
            app: Mutex::new(app),
            fixed_today: launch.today,
            demo: launch.demo,
            store_path,
            export_dir: launch.export_dir.clone(),
        })
    }

    /// Today: the fixed date, or the local date now (the day may roll over while open).
    pub fn today(&self) -> NaiveDate {
        self.fixed_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The window title.
    pub fn title(&self) -> String {
        if self.demo {
            "IRO Caseload — DEMO (synthetic data)".to_string()
        } else {
            "IRO Caseload".to_string()
        }
    }

    /// The store, locked for one use case.
    pub fn app(&self) -> Result<MutexGuard<'_, App>, CommandError> {
        self.app.lock().map_err(|_| CommandError::Storage {
            message: "the store is unavailable after an earlier failure; restart the app"
                .to_string(),
        })
    }
}
