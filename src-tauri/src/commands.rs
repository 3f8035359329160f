//! The commands: each takes at most one request struct, locks the store, calls one
//! `caseload-api` use case, and maps the error. No business rule lives here.

use caseload_api::core::change::Change;
use caseload_api::core::ids::{ChildId, DisputeId, IroId};
use caseload_api::{
    AuditQuery, AuditView, CaseloadView, ChildView, DisputeFilter, DisputeView, DisputesView,
    IcsScope, IroRef, ParticipationOptions, SettingsView, TodayView, WeekView,
};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandError;
use crate::state::Session;

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
    /// The child.
    pub child: ChildId,
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
pub fn get_app_info(session: State<'_, Session>) -> Result<AppInfo, CommandError> {
    let app = session.app()?;
    let iros = app.iros()?;
    let owner = app
        .owner()?
        .and_then(|id| iros.iter().find(|i| i.id == id).cloned());
    Ok(AppInfo {
        today: session.today(),
        demo: session.demo,
        store_path: session.store_path.display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        owner,
        iros,
        export_dir: session.export_dir.as_ref().map(|d| d.display().to_string()),
    })
}

#[tauri::command]
#[specta::specta]
pub fn get_today(session: State<'_, Session>, req: ForIro) -> Result<TodayView, CommandError> {
    Ok(session.app()?.today(session.today(), req.iro)?)
}

#[tauri::command]
#[specta::specta]
pub fn get_caseload(
    session: State<'_, Session>,
    req: ForIro,
) -> Result<CaseloadView, CommandError> {
    Ok(session.app()?.caseload(session.today(), req.iro)?)
}

#[tauri::command]
#[specta::specta]
pub fn get_child(
    session: State<'_, Session>,
    req: ChildRequest,
) -> Result<ChildView, CommandError> {
    Ok(session.app()?.child(req.id, session.today())?)
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

#[tauri::command]
#[specta::specta]
pub fn get_week(session: State<'_, Session>, req: WeekRequest) -> Result<WeekView, CommandError> {
    Ok(session
        .app()?
        .week(req.on.unwrap_or_else(|| session.today()), req.iro)?)
}

#[tauri::command]
#[specta::specta]
pub fn get_participation_options(
    session: State<'_, Session>,
    req: ParticipationRequest,
) -> Result<ParticipationOptions, CommandError> {
    Ok(session
        .app()?
        .participation_options(req.child, req.held_on)?)
}

#[tauri::command]
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
    let mut app = session.app()?;
    let owner = app.owner()?;
    let applied = app.apply(&req.changes, session.today(), owner)?;
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

#[tauri::command]
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
#[tauri::command]
#[specta::specta]
pub fn get_audit(
    session: State<'_, Session>,
    query: AuditQuery,
) -> Result<AuditView, CommandError> {
    Ok(session.app()?.audit_view(&query)?)
}

/// A calendar export to a file the user chose.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ExportIcsRequest {
    /// Where to write the .ics file; None = the launch's export folder.
    pub path: Option<String>,
    /// The week, or every booked meeting.
    pub scope: IcsScope,
    /// The IRO, or None for all.
    pub iro: Option<IroId>,
}

/// What was written.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IcsWritten {
    /// The file.
    pub path: String,
    /// Meetings in it.
    pub meetings: u32,
    /// Deadlines in it.
    pub deadlines: u32,
}

/// A file name to suggest in the save dialog.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct IcsNameRequest {
    /// The week, or every booked meeting.
    pub scope: IcsScope,
}

#[tauri::command]
#[specta::specta]
pub fn suggest_ics_name(
    session: State<'_, Session>,
    req: IcsNameRequest,
) -> Result<String, CommandError> {
    let export = session
        .app()?
        .export_ics(req.scope, session.today(), None, chrono::Utc::now())?;
    Ok(export.suggested_name)
}

#[tauri::command]
#[specta::specta]
pub fn export_ics(
    session: State<'_, Session>,
    req: ExportIcsRequest,
) -> Result<IcsWritten, CommandError> {
    let export =
        session
            .app()?
            .export_ics(req.scope, session.today(), req.iro, chrono::Utc::now())?;
    let path = match (req.path, &session.export_dir) {
        (Some(path), _) => std::path::PathBuf::from(path),
        (None, Some(dir)) => dir.join(&export.suggested_name),
        (None, None) => {
            return Err(CommandError::BadInput {
                message: "Choose where to save the calendar file.".to_string(),
            })
        }
    };
    std::fs::write(&path, export.text.as_bytes()).map_err(|e| CommandError::BadInput {
        message: format!("{} could not be written: {e}.", path.display()),
    })?;
    Ok(IcsWritten {
        path: path.display().to_string(),
        meetings: export.meetings,
        deadlines: export.deadlines,
    })
}

/// On opening, a desktop notification if anything is overdue or red.
pub fn notify_if_urgent(handle: &tauri::AppHandle, session: &Session) {
    use tauri_plugin_notification::NotificationExt;
    let Ok(app) = session.app() else { return };
    let owner = app.owner().ok().flatten();
    let Ok(today) = app.today(session.today(), owner) else {
        return;
    };
    if !today.needs_attention {
        return;
    }
    let body = format!(
        "{} overdue, {} due within {} working days.",
        today.counts.overdue, today.counts.red, 5
    );
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
