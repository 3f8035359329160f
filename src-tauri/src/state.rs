//! The session: the store (open, or locked), how the app was launched, and the idle clock that
//! locks it.
//!
//! Locked means no `App` exists: the connection is closed, and with it the key SQLCipher
//! derived from the passphrase. The passphrase itself is never kept: it is handed to the store
//! on unlock and dropped (zeroized) at once.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use caseload_api::demo::DemoOptions;
use caseload_api::storage::{self, MIN_PASSPHRASE_CHARS};
use caseload_api::{App, FileKind, Key, SavedMapping, SavedMappings};
use chrono::NaiveDate;
use serde::Serialize;
use tauri::Manager;

use crate::error::CommandError;
use crate::launch::Launch;
use crate::prefs::Prefs;

/// Where the caseload stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LockState {
    /// No store yet: the first run chooses a passphrase.
    New,
    /// An encrypted store, locked: its passphrase opens it.
    Locked,
    /// Open.
    Unlocked,
}

/// What the window shows before anything of the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LockStatus {
    /// New, locked or unlocked.
    pub state: LockState,
    /// The store is encrypted (false for the demo and for a store from before encryption).
    pub encrypted: bool,
    /// The synthetic demo store.
    pub demo: bool,
    /// The store file.
    pub store_path: String,
    /// Where backups go.
    pub backup_dir: String,
    /// The app locks itself after this many seconds without use (encrypted stores only).
    pub auto_lock_seconds: u32,
    /// The fewest characters a new passphrase may have.
    pub min_passphrase_chars: u32,
}

/// Managed state: the store behind a mutex (SQLite connections are not shared across threads),
/// or nothing while locked.
pub struct Session {
    app: Mutex<Option<App>>,
    /// The last time the user did something in the window (`touch`), or unlocked.
    last_used: Mutex<Instant>,
    /// The idle time after which an encrypted store locks.
    auto_lock: Mutex<Duration>,
    /// A launch option that replaces the store's setting.
    auto_lock_override: Option<Duration>,
    /// Where backups go.
    backup_dir: Mutex<PathBuf>,
    /// Where the user's choice of backups folder is remembered.
    prefs_path: PathBuf,
    /// A fixed today, if launched with one.
    fixed_today: Option<NaiveDate>,
    /// The demo store.
    pub demo: bool,
    /// Where the store is.
    pub store_path: PathBuf,
    /// Save exports here without asking.
    pub export_dir: Option<PathBuf>,
    /// What "Choose files…" on the Import screen answers without a dialog (tests).
    pub import_files: Vec<PathBuf>,
}

/// The open store, for one use case.
pub struct AppGuard<'a>(MutexGuard<'a, Option<App>>);

impl Deref for AppGuard<'_> {
    type Target = App;
    fn deref(&self) -> &App {
        self.0
            .as_ref()
            .expect("an AppGuard is only made for an open store")
    }
}

impl DerefMut for AppGuard<'_> {
    fn deref_mut(&mut self) -> &mut App {
        self.0
            .as_mut()
            .expect("an AppGuard is only made for an open store")
    }
}

impl Session {
    /// The store the launch options name: the demo store (regenerated, plaintext), a given
    /// file, or the per-user store. A plaintext store opens at once; an encrypted one waits
    /// for its passphrase; a missing one waits for the first run to choose one.
    pub fn open(
        handle: &tauri::AppHandle,
        launch: &Launch,
    ) -> Result<Session, Box<dyn std::error::Error>> {
        let data_dir = handle.path().app_data_dir()?;
        let config_dir = handle.path().app_config_dir()?;
        let store_path = match (&launch.db, launch.demo) {
            (Some(path), _) => path.clone(),
            (None, true) => data_dir.join("demo.sqlite3"),
            (None, false) => data_dir.join("caseload.sqlite3"),
        };
        let prefs_path = config_dir.join("prefs.json");
        let backup_dir = launch
            .backup_dir
            .clone()
            .or_else(|| Prefs::load(&prefs_path).backup_dir)
            .unwrap_or_else(|| caseload_api::default_backup_dir(&store_path));
        let today = launch
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let app = if launch.demo {
            // The demo store is disposable: rebuilt on every start, so it always shows a full
            // week relative to today. Synthetic data only, so it stays plaintext (and says so).
            for suffix in ["", "-wal", "-shm"] {
                let mut file = store_path.clone().into_os_string();
                file.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(file));
            }
            let mut app = App::open(&store_path)?;
            app.load_demo(&DemoOptions::new(today))?;
            Some(app)
        } else if storage::store_kind(&store_path)? == FileKind::Plaintext {
            // A store from before encryption opens as it is; Settings offers to encrypt it.
            let mut app = App::open(&store_path)?;
            app.set_backup_dir(backup_dir.clone());
            Some(app)
        } else {
            None
        };
        let auto_lock_override = launch.auto_lock_seconds.map(Duration::from_secs);
        let session = Session {
            app: Mutex::new(None),
            last_used: Mutex::new(Instant::now()),
            auto_lock: Mutex::new(Duration::from_secs(10 * 60)),
            auto_lock_override,
            backup_dir: Mutex::new(backup_dir),
            prefs_path,
            fixed_today: launch.today,
            demo: launch.demo,
            store_path,
            export_dir: launch.export_dir.clone(),
            import_files: launch.import_files.clone(),
        };
        if let Some(app) = app {
            session.opened(app)?;
        }
        Ok(session)
    }

    /// Today: the fixed date, or the local date now (the day may roll over while open).
    pub fn today(&self) -> NaiveDate {
        self.fixed_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The window title.
    pub fn title(&self) -> String {
        if self.demo {
            "IRO Caseload — DEMO (synthetic data, not encrypted)".to_string()
        } else {
            "IRO Caseload".to_string()
        }
    }

    fn slot(&self) -> Result<MutexGuard<'_, Option<App>>, CommandError> {
        self.app.lock().map_err(|_| CommandError::Storage {
            message: "the store is unavailable after an earlier failure; restart the app"
                .to_string(),
        })
    }

    /// The open store, for one use case; `Locked` while locked, and a store left idle past
    /// its time is locked here if the watchdog has not done it yet.
    pub fn app(&self) -> Result<AppGuard<'_>, CommandError> {
        self.lock_if_idle()?;
        let slot = self.slot()?;
        if slot.is_none() {
            return Err(CommandError::locked());
        }
        Ok(AppGuard(slot))
    }

    /// Where the caseload stands.
    pub fn status(&self) -> Result<LockStatus, CommandError> {
        self.lock_if_idle()?;
        let slot = self.slot()?;
        let (state, encrypted) = match slot.as_ref() {
            Some(app) => (LockState::Unlocked, app.is_encrypted()),
            None => match storage::store_kind(&self.store_path)? {
                FileKind::Missing | FileKind::Empty => (LockState::New, false),
                FileKind::Plaintext | FileKind::Encrypted => (LockState::Locked, true),
            },
        };
        Ok(LockStatus {
            state,
            encrypted,
            demo: self.demo,
            store_path: self.store_path.display().to_string(),
            backup_dir: self.backup_dir()?.display().to_string(),
            auto_lock_seconds: u32::try_from(self.auto_lock()?.as_secs()).unwrap_or(u32::MAX),
            min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
        })
    }

    /// First run: creates the encrypted store with the passphrase chosen (typed twice).
    pub fn create(&self, passphrase: String, confirm: String) -> Result<(), CommandError> {
        let passphrase = storage::confirmed_new_passphrase(passphrase, &confirm)?;
        let mut slot = self.slot()?;
        if slot.is_some()
            || !matches!(
                storage::store_kind(&self.store_path)?,
                FileKind::Missing | FileKind::Empty
            )
        {
            return Err(CommandError::BadInput {
                message: "This caseload already exists: unlock it with its passphrase.".to_string(),
            });
        }
        let key = Key::Passphrase(passphrase);
        let app = App::open_with(&self.store_path, key, Some(&self.backup_dir()?))?;
        *slot = Some(app);
        drop(slot);
        self.after_open()
    }

    /// Opens the encrypted store with its passphrase. A wrong one changes nothing.
    pub fn unlock(&self, passphrase: String) -> Result<(), CommandError> {
        let mut slot = self.slot()?;
        if slot.is_none() {
            let key = Key::Passphrase(storage::passphrase(passphrase)?);
            *slot = Some(App::open_with(
                &self.store_path,
                key,
                Some(&self.backup_dir()?),
            )?);
        }
        drop(slot);
        self.after_open()
    }

    /// Locks an encrypted store: the connection closes and the key leaves memory. A plaintext
    /// store has nothing to lock with, so it stays open.
    pub fn lock(&self) -> Result<(), CommandError> {
        let mut slot = self.slot()?;
        if slot.as_ref().is_some_and(App::is_encrypted) {
            *slot = None;
        }
        Ok(())
    }

    /// The user did something in the window: the idle clock starts again.
    pub fn touch(&self) {
        if let Ok(mut last) = self.last_used.lock() {
            *last = Instant::now();
        }
    }

    /// Locks an encrypted store left idle past its time; true when it did. The watchdog
    /// thread calls this every few seconds, and so does every command.
    pub fn lock_if_idle(&self) -> Result<bool, CommandError> {
        let idle = self
            .last_used
            .lock()
            .map(|last| last.elapsed())
            .unwrap_or_default();
        if idle < self.auto_lock()? {
            return Ok(false);
        }
        let mut slot = self.slot()?;
        if slot.as_ref().is_some_and(App::is_encrypted) {
            *slot = None;
            return Ok(true);
        }
        Ok(false)
    }

    /// The scheduled backup: one a day while the store is open (the store decides whether one
    /// is due), never of the demo. Failures go to the log; the next tick tries again.
    pub fn backup_if_due(&self) {
        // The demo store is rebuilt from nothing at every start: nothing to keep.
        if self.demo {
            return;
        }
        let Ok(slot) = self.slot() else { return };
        if let Some(app) = slot.as_ref() {
            if let Err(e) = app.backup_if_due() {
                eprintln!("caseload-desktop: scheduled backup failed: {e}");
            }
        }
    }

    /// The idle time after which an encrypted store locks.
    pub fn auto_lock(&self) -> Result<Duration, CommandError> {
        Ok(self
            .auto_lock_override
            .unwrap_or(*self.auto_lock.lock().map_err(|_| CommandError::locked())?))
    }

    /// Reads the store's auto-lock setting again (after Settings changed it).
    pub fn refresh_auto_lock(&self) -> Result<(), CommandError> {
        let minutes = match self.slot()?.as_ref() {
            Some(app) => app.settings_in_force()?.auto_lock_minutes,
            None => return Ok(()),
        };
        if let Ok(mut auto_lock) = self.auto_lock.lock() {
            *auto_lock = Duration::from_secs(u64::from(minutes) * 60);
        }
        Ok(())
    }

    /// Loads the preferences, changes one, saves them whole.
    fn update_prefs(&self, change: impl FnOnce(&mut Prefs)) -> std::io::Result<()> {
        let mut prefs = Prefs::load(&self.prefs_path);
        change(&mut prefs);
        prefs.save(&self.prefs_path)
    }

    /// True once the user has read that exported files are not encrypted.
    pub fn plaintext_exports_acknowledged(&self) -> bool {
        Prefs::load(&self.prefs_path).plaintext_exports_acknowledged
    }

    /// Remembers that the user has read it.
    pub fn acknowledge_plaintext_exports(&self) -> Result<(), CommandError> {
        self.update_prefs(|prefs| prefs.plaintext_exports_acknowledged = true)
            .map_err(|e| CommandError::Storage {
                message: format!("The preference could not be saved: {e}."),
            })
    }

    /// The column mappings saved per source of an LA's own CSV.
    pub fn import_mappings(&self) -> SavedMappings {
        Prefs::load(&self.prefs_path).mappings()
    }

    /// Keeps a column mapping for its source, in place of any before.
    pub fn save_import_mapping(&self, saved: &SavedMapping) -> Result<(), CommandError> {
        let not_saved = |e: &dyn std::fmt::Display| CommandError::Storage {
            message: format!("The column mapping could not be saved: {e}."),
        };
        let mut kept = Ok(());
        self.update_prefs(|prefs| kept = prefs.set_mapping(saved.source.clone(), &saved.mapping))
            .map_err(|e| not_saved(&e))?;
        kept.map_err(|e| not_saved(&e))
    }

    /// Where backups go.
    pub fn backup_dir(&self) -> Result<PathBuf, CommandError> {
        Ok(self
            .backup_dir
            .lock()
            .map_err(|_| CommandError::locked())?
            .clone())
    }

    /// Sends later backups to `dir` and remembers the choice for the next start.
    pub fn set_backup_dir(&self, dir: PathBuf) -> Result<(), CommandError> {
        std::fs::create_dir_all(&dir).map_err(|e| CommandError::BadInput {
            message: format!(
                "The folder {} cannot be used for backups: {e}.",
                dir.display()
            ),
        })?;
        self.update_prefs(|prefs| prefs.backup_dir = Some(dir.clone()))
            .map_err(|e| CommandError::Storage {
                message: format!("The choice of folder could not be saved: {e}."),
            })?;
        if let Some(app) = self.slot()?.as_mut() {
            app.set_backup_dir(dir.clone());
        }
        if let Ok(mut current) = self.backup_dir.lock() {
            *current = dir;
        }
        Ok(())
    }

    fn opened(&self, app: App) -> Result<(), CommandError> {
        *self.slot()? = Some(app);
        self.after_open()
    }

    fn after_open(&self) -> Result<(), CommandError> {
        self.touch();
        self.refresh_auto_lock()?;
        self.backup_if_due();
        Ok(())
    }
}

/// Every few seconds: lock an idle encrypted store (even if the window is hidden or frozen),
/// and once an hour, take the scheduled backup if one is due.
pub fn start_watchdog(handle: tauri::AppHandle) {
    const TICK: Duration = Duration::from_secs(2);
    const BACKUP_EVERY: Duration = Duration::from_secs(60 * 60);
    std::thread::spawn(move || {
        let mut last_backup = Instant::now();
        loop {
            std::thread::sleep(TICK);
            let session = handle.state::<Session>();
            let _ = session.lock_if_idle();
            if last_backup.elapsed() >= BACKUP_EVERY {
                session.backup_if_due();
                last_backup = Instant::now();
            }
        }
    });
}
