//! The commands: each takes at most one request struct, locks the store, calls one
//! `caseload-api` use case, and maps the error. No business rule lives here.

use caseload_api::core::booking::ProposedMeeting;
use caseload_api::core::change::Change;
use caseload_api::core::explain::Explanation;
use caseload_api::core::ids::{ChildId, DisputeId, IroId, MeetingId};
use caseload_api::core::settings::{CalendarPrivacy, Terminology};
use caseload_api::core::warnings::WhyKey;
use caseload_api::storage;
use caseload_api::{
    AuditQuery, AuditView, BackupRow, BackupView, BookingCheckView, CaseloadView, ChildView,
    DateReading, DisputeFilter, DisputeView, DisputesView, IroRef, Key, LockStatus, MonthPage,
    PackView, ParticipationOptions, RecordEditorView, RecoveryKeyView, ReportRequest, ReportView,
    RestoreView, Session, SettingsView, TodayView, WeekView,
};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandError;
use crate::state::{ImportFiles, StartupTrace};

/// What the front end needs to know at start.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppInfo {
    /// Today (fixed, or the local date).
    pub today: NaiveDate,
    /// The synthetic demo store.
    pub demo: bool,
    /// Where the store is (shown in Settings).
    pub store_path: String,
    /// The app version.
    pub version: String,
    /// The IRO profile the store belongs to, once onboarding is done.
    pub owner: Option<IroRef>,
    /// Every IRO profile.
    pub iros: Vec<IroRef>,
    /// When set, exports are saved into this folder without a save dialog.
    pub export_dir: Option<String>,
    /// The user has read that exported files are not encrypted (said once, before the first).
    pub plaintext_exports_acknowledged: bool,
    /// When not empty, "Choose files…" on the Import screen takes these without a dialog.
    pub import_files: Vec<String>,
    /// What the authority calls a child in care.
    pub terminology: Terminology,
    /// Its short form for a review, as every screen writes it: "LAC" or "CLA".
    pub lac_word: String,
    /// What an exported calendar event says about the child.
    pub calendar_privacy: CalendarPrivacy,
    /// That choice in words, e.g. "initials and local reference".
    pub calendar_shows: String,
}

/// A screen for one IRO, or for all (None).
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ForIro {
    /// The IRO.
    pub iro: Option<IroId>,
}

/// One child.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ChildRequest {
    /// The child.
    pub id: ChildId,
}

/// A week.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct WeekRequest {
    /// Any day of the week (default: today).
    pub on: Option<NaiveDate>,
    /// The IRO, or None for all.
    pub iro: Option<IroId>,
}

/// Participation codes for a review date.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ParticipationRequest {
    /// The child; None for a child being entered, whose date of birth is `born_on`.
    pub child: Option<ChildId>,
    /// The date of birth of a child not yet in the store.
    #[serde(default)]
    pub born_on: Option<NaiveDate>,
    /// The review date.
    pub held_on: NaiveDate,
}

/// The settings screen for a year.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct SettingsRequest {
    /// Year of the bank holidays shown (default: this year).
    pub year: Option<i32>,
}

/// Changes to apply, all or nothing.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ApplyRequest {
    /// The changes.
    pub changes: Vec<Change>,
}

/// One applied change.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppliedChange {
    /// Position in the batch.
    pub index: u32,
    /// Op.
    pub op: String,
    /// The id of the entity created or changed.
    pub id: Option<i64>,
}

/// A file chosen by the user.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct FileRequest {
    /// Its path.
    pub path: String,
}

/// The result of a bank-holiday import.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct HolidayImport {
    /// The years loaded.
    pub years: Vec<i32>,
}

#[tauri::command]
#[specta::specta]
pub fn get_app_info(
    session: State<'_, Session>,
    import_files: State<'_, ImportFiles>,
) -> Result<AppInfo, CommandError> {
    let app = session.app()?;
    let iros = app.iros()?;
    let owner = app
        .owner()?
        .and_then(|id| iros.iter().find(|i| i.id == id).cloned());
    let settings = app.settings_in_force()?;
    let terminology = settings.terminology;
    Ok(AppInfo {
        today: session.today(),
        demo: session.is_demo(),
        store_path: session.store_path().display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        owner,
        iros,
        export_dir: session.export_dir().map(|d| d.display().to_string()),
        plaintext_exports_acknowledged: session.plaintext_exports_acknowledged(),
        import_files: import_files
            .0
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        terminology,
        lac_word: terminology.short().to_string(),
        calendar_privacy: settings.calendar_privacy,
        calendar_shows: settings.calendar_privacy.describe().to_string(),
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_today(session: State<'_, Session>, req: ForIro) -> Result<TodayView, CommandError> {
    Ok(session.app()?.today(session.today(), req.iro)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_caseload(
    session: State<'_, Session>,
    req: ForIro,
) -> Result<CaseloadView, CommandError> {
    Ok(session.app()?.caseload(session.today(), req.iro)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_child(
    session: State<'_, Session>,
    req: ChildRequest,
) -> Result<ChildView, CommandError> {
    Ok(session.app()?.child(req.id, session.today())?)
}

/// A warning row's "Why?": the explanation of its due date, asked for when it is opened (rows
/// carry only the key of it).
#[tauri::command]
#[specta::specta]
pub fn explain_warning(
    session: State<'_, Session>,
    req: WhyKey,
) -> Result<Explanation, CommandError> {
    Ok(session.app()?.explain_warning(&req)?)
}

/// One meeting.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct MeetingRequest {
    /// The meeting.
    pub meeting: MeetingId,
}

#[tauri::command]
#[specta::specta]
pub fn get_meeting_record(
    session: State<'_, Session>,
    req: MeetingRequest,
) -> Result<RecordEditorView, CommandError> {
    Ok(session.app()?.meeting_record_editor(req.meeting)?)
}

#[tauri::command]
#[specta::specta]
pub fn get_meeting_pack(
    session: State<'_, Session>,
    req: MeetingRequest,
) -> Result<PackView, CommandError> {
    Ok(session.app()?.meeting_pack(req.meeting, session.today())?)
}

/// One dispute.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct DisputeRequest {
    /// The dispute.
    pub id: DisputeId,
}

#[tauri::command]
#[specta::specta]
pub fn get_dispute(
    session: State<'_, Session>,
    req: DisputeRequest,
) -> Result<DisputeView, CommandError> {
    Ok(session.app()?.dispute(req.id, session.today())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_week(session: State<'_, Session>, req: WeekRequest) -> Result<WeekView, CommandError> {
    let today = session.today();
    Ok(session
        .app()?
        .week(today, req.on.unwrap_or(today), req.iro)?)
}

/// What a date field's text reads as, the British way ("tomorrow" and "+3" from today).
#[tauri::command]
#[specta::specta]
pub fn read_date(session: State<'_, Session>, text: String) -> Result<DateReading, CommandError> {
    Ok(session.app()?.read_date(&text, session.today())?)
}

/// The date picker's page for the month `on` is in (this month when none).
#[tauri::command]
#[specta::specta]
pub fn get_month_page(
    session: State<'_, Session>,
    on: Option<NaiveDate>,
) -> Result<MonthPage, CommandError> {
    let today = session.today();
    Ok(session.app()?.month_page(on.unwrap_or(today), today)?)
}

/// Checks a date chosen in the Book or Move form before anything is saved.
#[tauri::command]
#[specta::specta]
pub fn check_booking(
    session: State<'_, Session>,
    req: ProposedMeeting,
) -> Result<BookingCheckView, CommandError> {
    Ok(session.app()?.booking_check(session.today(), &req)?)
}

#[tauri::command]
#[specta::specta]
pub fn get_participation_options(
    session: State<'_, Session>,
    req: ParticipationRequest,
) -> Result<ParticipationOptions, CommandError> {
    let app = session.app()?;
    Ok(match req.child {
        Some(child) => app.participation_options(child, req.held_on)?,
        None => app.participation_options_born(req.born_on, req.held_on),
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_settings(
    session: State<'_, Session>,
    req: SettingsRequest,
) -> Result<SettingsView, CommandError> {
    let year = req.year.unwrap_or_else(|| session.today().year());
    Ok(session.app()?.settings(year)?)
}

#[tauri::command]
#[specta::specta]
pub fn apply_changes(
    session: State<'_, Session>,
    req: ApplyRequest,
) -> Result<Vec<AppliedChange>, CommandError> {
    let applied = session.apply_changes(&req.changes)?;
    Ok(applied
        .into_iter()
        .map(|a| AppliedChange {
            index: a.index as u32,
            op: a.op,
            id: a.id,
        })
        .collect())
}

#[tauri::command]
#[specta::specta]
pub fn import_holidays(
    session: State<'_, Session>,
    req: FileRequest,
) -> Result<HolidayImport, CommandError> {
    let path = std::path::Path::new(&req.path);
    let bytes = std::fs::read(path).map_err(|e| CommandError::BadInput {
        message: format!("{} could not be read: {e}.", path.display()),
    })?;
    let name = path
        .file_name()
        .map_or_else(|| req.path.clone(), |n| n.to_string_lossy().into_owned());
    let years = session
        .app()?
        .import_holidays(&bytes, &name, session.today())
        .map_err(|e| match e {
            caseload_api::ApiError::BadInput(m) => CommandError::BadInput {
                message: format!("{name}: {m}"),
            },
            other => other.into(),
        })?;
    Ok(HolidayImport { years })
}

/// The disputes screen.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct DisputesRequest {
    /// Open, overdue, closed or all.
    pub filter: DisputeFilter,
    /// The IRO, or None for all.
    pub iro: Option<IroId>,
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_disputes(
    session: State<'_, Session>,
    req: DisputesRequest,
) -> Result<DisputesView, CommandError> {
    Ok(session
        .app()?
        .disputes_where(session.today(), req.filter, req.iro)?)
}

/// The audit trail, newest first, filtered by child and date (read-only: nothing in the app
/// edits it).
#[tauri::command(async)]
#[specta::specta]
pub fn get_audit(
    session: State<'_, Session>,
    query: AuditQuery,
) -> Result<AuditView, CommandError> {
    Ok(session.app()?.audit_view(&query)?)
}

/// The window's first screen has painted: `--trace-startup` prints the time since the start,
/// and the opening notification is worked out now, off the window's way.
#[tauri::command]
#[specta::specta]
pub fn startup_painted(handle: tauri::AppHandle, trace: State<'_, StartupTrace>) {
    use tauri::Manager;
    if trace.painted() {
        std::thread::spawn(move || notify_if_urgent(&handle, &handle.state::<Session>()));
    }
}

/// Once the first screen has painted, a desktop notification if anything is overdue or red.
pub fn notify_if_urgent(handle: &tauri::AppHandle, session: &Session) {
    use tauri_plugin_notification::NotificationExt;
    let Ok(Some(body)) = session.attention_message() else {
        return;
    };
    if let Err(e) = handle
        .notification()
        .builder()
        .title("IRO Caseload")
        .body(body)
        .show()
    {
        // No notification service (e.g. a bare X server): the Today screen says it all anyway.
        eprintln!("caseload-desktop: notification not shown: {e}");
    }
}

// ---- The lock, the passphrase and backups -------------------------------------------------

/// Where the caseload stands: new, locked or unlocked (never fails for being locked).
#[tauri::command]
#[specta::specta]
pub fn get_lock_status(session: State<'_, Session>) -> Result<LockStatus, CommandError> {
    Ok(session.status()?)
}

/// A passphrase typed into the window.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct PassphraseRequest {
    /// The passphrase (never kept: handed to the store and dropped).
    pub passphrase: String,
}

/// A new passphrase, typed twice.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct NewPassphraseRequest {
    /// The new passphrase.
    pub passphrase: String,
    /// The same again.
    pub confirm: String,
}

/// First run: create the encrypted store with the passphrase chosen.
#[tauri::command]
#[specta::specta]
pub fn create_store(
    session: State<'_, Session>,
    req: NewPassphraseRequest,
) -> Result<LockStatus, CommandError> {
    session.create(req.passphrase, req.confirm)?;
    Ok(session.status()?)
}

/// Unlock with the passphrase; a wrong one is refused and changes nothing.
#[tauri::command]
#[specta::specta]
pub fn unlock(
    handle: tauri::AppHandle,
    session: State<'_, Session>,
    req: PassphraseRequest,
) -> Result<LockStatus, CommandError> {
    session.unlock(req.passphrase)?;
    // What a plaintext store shows on opening, an encrypted one shows on unlocking.
    notify_if_urgent(&handle, &session);
    Ok(session.status()?)
}

/// "Forgot your passphrase?": the recovery key, and a new passphrase typed twice.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct RecoverRequest {
    /// The recovery key as typed (case, spaces and hyphens do not matter).
    pub recovery_key: String,
    /// The new passphrase.
    pub passphrase: String,
    /// The same again.
    pub confirm: String,
}

/// Opens the store with its recovery key and sets a new passphrase; a wrong key changes nothing.
#[tauri::command]
#[specta::specta]
pub fn recover_store(
    handle: tauri::AppHandle,
    session: State<'_, Session>,
    req: RecoverRequest,
) -> Result<LockStatus, CommandError> {
    session.recover(&req.recovery_key, req.passphrase, req.confirm)?;
    notify_if_urgent(&handle, &session);
    Ok(session.status()?)
}

/// The recovery key made by the first run, the encryption of an older store or its conversion
/// to key slots, once; `null` when there is none to show.
#[tauri::command]
#[specta::specta]
pub fn take_recovery_key(
    session: State<'_, Session>,
) -> Result<Option<RecoveryKeyView>, CommandError> {
    Ok(session.take_new_recovery_key()?)
}

/// A new recovery key, once the passphrase is proved: the old one stops working.
#[tauri::command]
#[specta::specta]
pub fn renew_recovery_key(
    session: State<'_, Session>,
    req: PassphraseRequest,
) -> Result<RecoveryKeyView, CommandError> {
    Ok(session.renew_recovery_key(req.passphrase)?)
}

/// "Lock now": the key leaves memory.
#[tauri::command]
#[specta::specta]
pub fn lock(session: State<'_, Session>) -> Result<LockStatus, CommandError> {
    session.lock()?;
    Ok(session.status()?)
}

/// The user is active in the window: the idle clock starts again.
#[tauri::command]
#[specta::specta]
pub fn touch(session: State<'_, Session>) {
    session.touch();
}

/// A change of passphrase: the current one, and the new one typed twice.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ChangePassphraseRequest {
    /// The passphrase now.
    pub current: String,
    /// The new one.
    pub passphrase: String,
    /// The new one again.
    pub confirm: String,
}

/// Re-keys the store (and backs it up under the new passphrase).
#[tauri::command]
#[specta::specta]
pub fn change_passphrase(
    session: State<'_, Session>,
    req: ChangePassphraseRequest,
) -> Result<BackupView, CommandError> {
    let new = storage::confirmed_new_passphrase(req.passphrase, &req.confirm)?;
    let current = storage::passphrase(req.current)?;
    Ok(session.app()?.change_passphrase(&current, new)?)
}

/// Encrypts a store from before encryption with the passphrase chosen.
#[tauri::command]
#[specta::specta]
pub fn encrypt_store(
    session: State<'_, Session>,
    req: NewPassphraseRequest,
) -> Result<LockStatus, CommandError> {
    session.encrypt(req.passphrase, req.confirm)?;
    Ok(session.status()?)
}

/// The backups screen: where backups go and the ones there, newest first.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupsView {
    /// The folder.
    pub dir: String,
    /// The backups of this store in it.
    pub backups: Vec<BackupRow>,
}

#[tauri::command]
#[specta::specta]
pub fn get_backups(session: State<'_, Session>) -> Result<BackupsView, CommandError> {
    let backups = session.app()?.backups()?;
    Ok(BackupsView {
        dir: session.backup_dir().display().to_string(),
        backups,
    })
}

/// "Back up now".
#[tauri::command]
#[specta::specta]
pub fn backup_now(session: State<'_, Session>) -> Result<BackupView, CommandError> {
    Ok(session.app()?.backup_now()?)
}

/// A folder chosen for backups.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct BackupDirRequest {
    /// The folder.
    pub dir: String,
}

#[tauri::command]
#[specta::specta]
pub fn set_backup_dir(
    session: State<'_, Session>,
    req: BackupDirRequest,
) -> Result<BackupsView, CommandError> {
    session.set_backup_dir(std::path::PathBuf::from(req.dir))?;
    get_backups(session)
}

/// A backup to restore, with the passphrase it was taken under.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct RestoreRequest {
    /// The backup file.
    pub path: String,
    /// Its passphrase (the store's, unless it was changed since).
    pub passphrase: String,
}

/// Replaces the store with a backup, after checking the backup opens with the passphrase and
/// is sound; the replaced store is kept as a backup. A store that will not open (damaged) is
/// restored the same way from the lock screen.
#[tauri::command]
#[specta::specta]
pub fn restore_backup(
    session: State<'_, Session>,
    req: RestoreRequest,
) -> Result<RestoreView, CommandError> {
    let backup = std::path::PathBuf::from(&req.path);
    // An empty passphrase means a backup of a store from before encryption.
    let key = if req.passphrase.is_empty() {
        Key::Unencrypted
    } else {
        Key::Passphrase(storage::passphrase(req.passphrase)?)
    };
    Ok(session.restore(&backup, key)?)
}

// ---- The annual report ---------------------------------------------------------------------

/// The annual report for a year (and the year before), for everyone or some IROs.
#[tauri::command(async)]
#[specta::specta]
pub fn get_report(
    session: State<'_, Session>,
    req: ReportRequest,
) -> Result<ReportView, CommandError> {
    let today = session.today();
    let report = session
        .app()?
        .report(&req.period()?, &req.iros, req.options, today)?;
    Ok(ReportView::new(report, today))
}
