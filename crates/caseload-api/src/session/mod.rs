//! The session of a long-running front end (the desktop app): the store, open or locked; how it
//! was launched; the idle clock that locks an encrypted store; the scheduled backup; the
//! preferences kept outside the store; and where exports go.
//!
//! Locked means no [`App`] exists: the connection is closed, and with it the key SQLCipher
//! derived from the passphrase. The passphrase itself is never kept: it is handed to the store
//! on unlock and dropped (zeroized) at once.
//!
//! What it deliberately is not: a window, a thread or a timer. Time comes from an injected
//! [`Clock`]; the front end calls [`Session::tick`] every few seconds (the desktop from a
//! watchdog thread), and tests advance a [`ManualClock`] instead of waiting.

mod clock;
mod export;
mod prefs;
mod service;

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use caseload_core::change::Change;
use caseload_core::settings::Settings;
use caseload_store::{Applied, FileKind, Key};
use chrono::NaiveDate;
use serde::Serialize;

pub use clock::{Clock, ManualClock, SystemClock};
pub(crate) use export::file_safe;
pub use export::{report_file, DocumentFormat, ReportFormat};
pub use prefs::Prefs;
pub use service::{figures_files_line, ServiceReportRequest, ServiceStatus};

use crate::storage::{self, EncryptView, RecoveryKeyView, RestoreView, MIN_PASSPHRASE_CHARS};
use crate::{ApiError, App, BackupView, SavedMapping, SavedMappings, TodayView};
use caseload_demo::DemoOptions;
use caseload_interop::document::Document;

use crate::meeting::demo_marked;

/// How long an encrypted store may stay idle before its own setting has been read.
const DEFAULT_AUTO_LOCK: Duration = Duration::from_secs(10 * 60);

/// How often [`Session::tick`] asks the store whether the day's backup is due.
pub const BACKUP_EVERY: Duration = Duration::from_secs(60 * 60);

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
    /// A recovery key opens this caseload (it has key slots): the lock screen offers
    /// "Forgot your passphrase?".
    pub recovery_key: bool,
}

/// How a session is launched: plain paths and choices, resolved by the front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionOptions {
    /// The store file ([`crate::default_store_path`], [`crate::default_demo_store_path`], or
    /// one given).
    pub store_path: PathBuf,
    /// The preferences file ([`crate::default_prefs_path`]).
    pub prefs_path: PathBuf,
    /// A backups folder that wins over the one chosen in Settings (a launch option); with
    /// neither, `backups/` beside the store.
    pub backup_dir: Option<PathBuf>,
    /// Save exports into this folder without asking.
    pub export_dir: Option<PathBuf>,
    /// The synthetic demo store: regenerated at every start, plaintext, never backed up.
    pub demo: bool,
    /// A fixed today, in place of the clock's.
    pub fixed_today: Option<NaiveDate>,
    /// An idle time that wins over the store's auto-lock setting.
    pub auto_lock_override: Option<Duration>,
}

/// What one [`Session::tick`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// An encrypted store left idle past its time was locked.
    pub locked: bool,
    /// The day's backup, taken because it was due.
    pub backup: Option<BackupView>,
}

/// The idle clock and the backup hour.
#[derive(Debug, Clone, Copy)]
struct Idle {
    /// The last time the user did something ([`Session::touch`]), or the store opened.
    last_used: Instant,
    /// The store's auto-lock setting, as last read.
    auto_lock: Duration,
    /// When the next tick asks whether the day's backup is due.
    next_backup_check: Instant,
}

/// The store (open, or locked) and everything about it that outlives one use case. Shared
/// between threads: SQLite's connection sits behind a mutex.
pub struct Session {
    clock: Arc<dyn Clock>,
    store: Mutex<Option<App>>,
    idle: Mutex<Idle>,
    /// Where backups go: the launch's folder, the one chosen, or beside the store.
    backup_dir: Mutex<PathBuf>,
    store_path: PathBuf,
    prefs_path: PathBuf,
    export_dir: Option<PathBuf>,
    demo: bool,
    fixed_today: Option<NaiveDate>,
    auto_lock_override: Option<Duration>,
    /// The service store, while open (closed when the caseload locks).
    service: Mutex<Option<service::OpenService>>,
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

/// A plain value behind a mutex: a panic elsewhere cannot leave it half-written.
fn plain<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Session {
    /// The store the options name. The demo store is regenerated (plaintext, as of today) and
    /// opens; a plaintext store opens at once; an encrypted one waits for its passphrase
    /// ([`Session::unlock`]); a missing one waits for the first run ([`Session::create`]).
    pub fn open(options: SessionOptions, clock: Arc<dyn Clock>) -> Result<Session, ApiError> {
        let backup_dir = options
            .backup_dir
            .or_else(|| Prefs::load(&options.prefs_path).backup_dir)
            .unwrap_or_else(|| caseload_store::default_backup_dir(&options.store_path));
        let now = clock.now();
        let session = Session {
            clock,
            store: Mutex::new(None),
            idle: Mutex::new(Idle {
                last_used: now,
                auto_lock: DEFAULT_AUTO_LOCK,
                next_backup_check: now,
            }),
            backup_dir: Mutex::new(backup_dir),
            store_path: options.store_path,
            prefs_path: options.prefs_path,
            export_dir: options.export_dir,
            demo: options.demo,
            fixed_today: options.fixed_today,
            auto_lock_override: options.auto_lock_override,
            service: Mutex::new(None),
        };
        let app = if session.demo {
            // The demo store is disposable: rebuilt on every start, so it always shows a full
            // week relative to today. Synthetic data only, so it stays plaintext (and says so).
            for suffix in ["", "-wal", "-shm"] {
                let mut file = session.store_path.clone().into_os_string();
                file.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(file));
            }
            let mut app = App::open(&session.store_path)?;
            app.load_demo(&DemoOptions::new(session.today()))?;
            Some(app)
        } else if storage::store_kind(&session.store_path)? == FileKind::Plaintext {
            // A store from before encryption opens as it is; Settings offers to encrypt it.
            let mut app = App::open(&session.store_path)?;
            app.set_backup_dir(session.backup_dir());
            Some(app)
        } else {
            None
        };
        if let Some(app) = app {
            *session.slot()? = Some(app);
            session.after_open()?;
        }
        Ok(session)
    }

    /// Today: the fixed date, or the clock's (the day may roll over while open).
    pub fn today(&self) -> NaiveDate {
        self.fixed_today.unwrap_or_else(|| self.clock.today())
    }

    /// The synthetic demo store.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    /// A document to export, with the demo mark on every page when this is the demo caseload.
    pub fn marked(&self, document: Document) -> Document {
        if self.demo {
            demo_marked(document)
        } else {
            document
        }
    }

    /// The store file.
    pub fn store_path(&self) -> &Path {
        &self.store_path
    }

    /// The preferences file (kept outside the store).
    pub fn prefs_path(&self) -> &Path {
        &self.prefs_path
    }

    /// The folder exports are saved into without asking, if the launch gave one.
    pub fn export_dir(&self) -> Option<&Path> {
        self.export_dir.as_deref()
    }

    fn slot(&self) -> Result<MutexGuard<'_, Option<App>>, ApiError> {
        self.store.lock().map_err(|_| ApiError::Unavailable)
    }

    /// The open store, for one use case; [`ApiError::Locked`] while locked. A store left idle
    /// past its time is locked here if no tick has done it yet.
    pub fn app(&self) -> Result<AppGuard<'_>, ApiError> {
        self.lock_if_idle()?;
        let slot = self.slot()?;
        if slot.is_none() {
            return Err(ApiError::Locked);
        }
        Ok(AppGuard(slot))
    }

    /// Where the caseload stands (never fails for being locked).
    pub fn status(&self) -> Result<LockStatus, ApiError> {
        self.lock_if_idle()?;
        let slot = self.slot()?;
        let (state, encrypted) = match slot.as_ref() {
            Some(app) => (LockState::Unlocked, app.is_encrypted()),
            None => match storage::store_kind(&self.store_path)? {
                FileKind::Missing | FileKind::Empty => (LockState::New, false),
                FileKind::Plaintext | FileKind::Encrypted => (LockState::Locked, true),
            },
        };
        drop(slot);
        Ok(LockStatus {
            state,
            encrypted,
            demo: self.demo,
            store_path: self.store_path.display().to_string(),
            backup_dir: self.backup_dir().display().to_string(),
            auto_lock_seconds: u32::try_from(self.auto_lock().as_secs()).unwrap_or(u32::MAX),
            min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
            recovery_key: storage::has_recovery_key(&self.store_path),
        })
    }

    /// First run: creates the encrypted store with the passphrase chosen, typed twice.
    pub fn create(&self, passphrase: String, confirm: String) -> Result<(), ApiError> {
        let passphrase = storage::confirmed_new_passphrase(passphrase, &confirm)?;
        let mut slot = self.slot()?;
        if slot.is_some() || !self.store_is_missing()? {
            return Err(ApiError::BadInput(
                "This caseload already exists: unlock it with its passphrase.".to_string(),
            ));
        }
        let key = Key::Passphrase(passphrase);
        *slot = Some(App::open_with(
            &self.store_path,
            key,
            Some(&self.backup_dir()),
        )?);
        drop(slot);
        self.after_open()
    }

    /// Opens the encrypted store with its passphrase. A wrong one changes nothing and leaves
    /// the store locked ([`ApiError::WrongPassphrase`]).
    pub fn unlock(&self, passphrase: String) -> Result<(), ApiError> {
        let mut slot = self.slot()?;
        if slot.is_none() {
            if self.store_is_missing()? {
                // Opening would create a store under a passphrase typed once.
                return Err(ApiError::BadInput(
                    "There is no caseload here yet: choose a passphrase to create it.".to_string(),
                ));
            }
            let key = Key::Passphrase(storage::passphrase(passphrase)?);
            *slot = Some(App::open_with(
                &self.store_path,
                key,
                Some(&self.backup_dir()),
            )?);
        }
        drop(slot);
        self.after_open()
    }

    /// The passphrase is forgotten: opens the store with its recovery key and sets the new
    /// passphrase, typed twice. The recovery key is checked as typed first (a typo is named by
    /// its group), and a wrong one changes nothing. The recovery key stays valid.
    pub fn recover(
        &self,
        recovery_key: &str,
        passphrase: String,
        confirm: String,
    ) -> Result<(), ApiError> {
        let recovery_key = storage::recovery_key(recovery_key)?;
        let passphrase = storage::confirmed_new_passphrase(passphrase, &confirm)?;
        let mut slot = self.slot()?;
        if slot.is_some() {
            return Err(ApiError::BadInput(
                "The caseload is open: change its passphrase in Settings.".to_string(),
            ));
        }
        if self.store_is_missing()? {
            return Err(ApiError::BadInput(
                "There is no caseload here yet: choose a passphrase to create it.".to_string(),
            ));
        }
        let mut app = App::open_with(
            &self.store_path,
            Key::RecoveryKey(recovery_key),
            Some(&self.backup_dir()),
        )?;
        app.reset_passphrase(passphrase)?;
        *slot = Some(app);
        drop(slot);
        self.after_open()
    }

    /// The recovery key this session's opening (first run, the conversion of an older store,
    /// encryption) made, once: the window shows it to print or store, and never again.
    pub fn take_new_recovery_key(&self) -> Result<Option<RecoveryKeyView>, ApiError> {
        Ok(self.app()?.take_new_recovery_key())
    }

    /// A new recovery key, once the passphrase typed is proved; the old key stops working.
    pub fn renew_recovery_key(&self, passphrase: String) -> Result<RecoveryKeyView, ApiError> {
        let passphrase = storage::passphrase(passphrase)?;
        self.app()?.renew_recovery_key(&passphrase)
    }

    fn store_is_missing(&self) -> Result<bool, ApiError> {
        Ok(matches!(
            storage::store_kind(&self.store_path)?,
            FileKind::Missing | FileKind::Empty
        ))
    }

    /// Locks an encrypted store: the connection closes and the key leaves memory. A plaintext
    /// store has nothing to lock with, so it stays open.
    pub fn lock(&self) -> Result<(), ApiError> {
        let mut slot = self.slot()?;
        *plain(&self.service) = None;
        if slot.as_ref().is_some_and(App::is_encrypted) {
            *slot = None;
        }
        Ok(())
    }

    /// The user did something: the idle clock starts again.
    pub fn touch(&self) {
        plain(&self.idle).last_used = self.clock.now();
    }

    /// Locks an encrypted store left idle for its auto-lock time or longer; true when it did.
    /// [`Session::tick`] calls this, and so does every use of the store.
    pub fn lock_if_idle(&self) -> Result<bool, ApiError> {
        let idle = self
            .clock
            .now()
            .saturating_duration_since(plain(&self.idle).last_used);
        if idle < self.auto_lock() {
            return Ok(false);
        }
        let mut slot = self.slot()?;
        *plain(&self.service) = None;
        if slot.as_ref().is_some_and(App::is_encrypted) {
            *slot = None;
            return Ok(true);
        }
        Ok(false)
    }

    /// What a front end runs every few seconds, whatever the window is doing: locks an idle
    /// encrypted store, and at the first tick after the store opens and then once every
    /// [`BACKUP_EVERY`], takes the day's backup if the store says one is due (never of the
    /// demo). A failed backup is an error of this tick; the next check is an hour later.
    pub fn tick(&self) -> Result<Tick, ApiError> {
        let locked = self.lock_if_idle()?;
        let now = self.clock.now();
        let check_backup = {
            let mut idle = plain(&self.idle);
            let due = now >= idle.next_backup_check;
            if due {
                idle.next_backup_check = now + BACKUP_EVERY;
            }
            due
        };
        // The demo store is rebuilt from nothing at every start: nothing to keep.
        let backup = if check_backup && !self.demo {
            match self.slot()?.as_ref() {
                Some(app) => app.backup_if_due()?,
                None => None,
            }
        } else {
            None
        };
        Ok(Tick { locked, backup })
    }

    /// The idle time after which an encrypted store locks: the launch's, else the store's
    /// setting as last read.
    pub fn auto_lock(&self) -> Duration {
        self.auto_lock_override
            .unwrap_or_else(|| plain(&self.idle).auto_lock)
    }

    /// Reads the store's auto-lock setting again (after Settings changed it). Nothing to read
    /// while locked.
    pub fn refresh_auto_lock(&self) -> Result<(), ApiError> {
        let minutes = match self.slot()?.as_ref() {
            Some(app) => app.settings_in_force()?.auto_lock_minutes,
            None => return Ok(()),
        };
        plain(&self.idle).auto_lock = Duration::from_secs(u64::from(minutes) * 60);
        Ok(())
    }

    /// Applies changes as of today, by the store's owner, all or nothing; then takes a change
    /// of the auto-lock setting at once.
    pub fn apply_changes(&self, changes: &[Change]) -> Result<Vec<Applied>, ApiError> {
        let applied = {
            let mut app = self.app()?;
            let owner = app.owner()?;
            app.apply(changes, self.today(), owner)?
        };
        self.refresh_auto_lock()?;
        Ok(applied)
    }

    /// Deletes the records of children past retention, as of today, by the store's owner,
    /// after the IRO confirmed (`App::erase_children`).
    pub fn erase_children(
        &self,
        children: &[caseload_core::ids::ChildId],
    ) -> Result<crate::ErasureView, ApiError> {
        let mut app = self.app()?;
        let owner = app.owner()?;
        app.erase_children(children, self.today(), owner)
    }

    /// Encrypts a store from before encryption with the passphrase chosen, typed twice. The
    /// demo is never encrypted.
    pub fn encrypt(&self, passphrase: String, confirm: String) -> Result<EncryptView, ApiError> {
        if self.demo {
            return Err(ApiError::BadInput(
                "The demo caseload is synthetic and rebuilt at every start: it is not encrypted."
                    .to_string(),
            ));
        }
        let passphrase = storage::confirmed_new_passphrase(passphrase, &confirm)?;
        self.app()?.encrypt_existing(passphrase)
    }

    /// Replaces the store with a backup once the backup is proved to open with `key` and to
    /// be sound; the replaced store is kept as a backup. While locked (a damaged store, a lost
    /// passphrase, a new laptop) the file is restored without opening it, and stays locked.
    pub fn restore(&self, backup: &Path, key: Key) -> Result<RestoreView, ApiError> {
        match self.app() {
            Ok(mut app) => app.restore(backup, key),
            Err(ApiError::Locked) => {
                // A new laptop: the store's folder may not exist yet.
                if let Some(dir) = self.store_path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        ApiError::NotWritten(format!(
                            "The folder {} could not be made: {e}.",
                            dir.display()
                        ))
                    })?;
                }
                App::restore_file(&self.store_path, backup, key, Some(&self.backup_dir()))
            }
            Err(e) => Err(e),
        }
    }

    /// The notice to show on opening when anything is overdue or red for the store's owner
    /// (everyone's, before onboarding): [`attention_message`].
    pub fn attention_message(&self) -> Result<Option<String>, ApiError> {
        let app = self.app()?;
        let owner = app.owner()?;
        let today = app.today(self.today(), owner)?;
        Ok(attention_message(&today, &app.settings_in_force()?))
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
    pub fn acknowledge_plaintext_exports(&self) -> Result<(), ApiError> {
        self.update_prefs(|prefs| prefs.plaintext_exports_acknowledged = true)
            .map_err(|e| ApiError::NotWritten(format!("The preference could not be saved: {e}.")))
    }

    /// The column mappings saved per source of an LA's own CSV.
    pub fn import_mappings(&self) -> SavedMappings {
        Prefs::load(&self.prefs_path).mappings()
    }

    /// Keeps a column mapping for its source, in place of any before.
    pub fn save_import_mapping(&self, saved: &SavedMapping) -> Result<(), ApiError> {
        let not_saved = |e: &dyn std::fmt::Display| {
            ApiError::NotWritten(format!("The column mapping could not be saved: {e}."))
        };
        let mut kept = Ok(());
        self.update_prefs(|prefs| kept = prefs.set_mapping(saved.source.clone(), &saved.mapping))
            .map_err(|e| not_saved(&e))?;
        kept.map_err(|e| not_saved(&e))
    }

    /// Where backups go.
    pub fn backup_dir(&self) -> PathBuf {
        plain(&self.backup_dir).clone()
    }

    /// Sends later backups to `dir` and remembers the choice for the next start.
    pub fn set_backup_dir(&self, dir: PathBuf) -> Result<(), ApiError> {
        std::fs::create_dir_all(&dir).map_err(|e| {
            ApiError::BadInput(format!(
                "The folder {} cannot be used for backups: {e}.",
                dir.display()
            ))
        })?;
        self.update_prefs(|prefs| prefs.backup_dir = Some(dir.clone()))
            .map_err(|e| {
                ApiError::NotWritten(format!("The choice of folder could not be saved: {e}."))
            })?;
        if let Some(app) = self.slot()?.as_mut() {
            app.set_backup_dir(dir.clone());
        }
        *plain(&self.backup_dir) = dir;
        Ok(())
    }

    /// Where an export goes: the path chosen in the save dialog, else `name` in the export
    /// folder; with neither, [`ApiError::BadInput`] asks the user to choose where to save
    /// `what` ("the report").
    pub fn export_path(
        &self,
        chosen: Option<PathBuf>,
        name: &str,
        what: &str,
    ) -> Result<PathBuf, ApiError> {
        export::export_path(chosen, self.export_dir(), name, what)
    }

    /// Writes an export's bytes where [`Session::export_path`] says, keeping no other copy;
    /// the path written.
    pub fn write_export(
        &self,
        chosen: Option<PathBuf>,
        name: &str,
        what: &str,
        bytes: &[u8],
    ) -> Result<PathBuf, ApiError> {
        let path = self.export_path(chosen, name, what)?;
        export::write_file(&path, bytes)?;
        Ok(path)
    }

    fn after_open(&self) -> Result<(), ApiError> {
        let now = self.clock.now();
        {
            let mut idle = plain(&self.idle);
            idle.last_used = now;
            // The next tick asks whether the day's backup is due.
            idle.next_backup_check = now;
        }
        self.refresh_auto_lock()
    }
}

/// The notice of a Today screen that needs attention, in the store's terms: "2 overdue, 3 due
/// within 5 working days." (the red threshold is the store's setting); None when nothing is
/// overdue or red.
pub fn attention_message(today: &TodayView, settings: &Settings) -> Option<String> {
    if !today.needs_attention {
        return None;
    }
    let days = settings.red_within_working_days;
    Some(format!(
        "{} overdue, {} due within {days} working {}.",
        today.counts.overdue,
        today.counts.red,
        if days == 1 { "day" } else { "days" }
    ))
}
