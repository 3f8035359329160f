//! # caseload-api
//!
//! The use cases of IRO Caseload that every front end calls (the `caseload` CLI and the desktop
//! app): today's warnings, the week, a child's record, disputes, the annual report, due-date
//! calculation, applying changes, importing bank holidays, and the synthetic demo caseload.
//!
//! This crate is the API boundary: what it returns are view models with public fields, which
//! serialize to the same JSON for `caseload … --json` and for the desktop's IPC. Below it, only
//! [`caseload_core::change::Change`] is part of the wire contract.
//!
//! What it deliberately does not do: parse command lines (the CLI does), know Tauri (the desktop
//! shell does), speak SQL (the store does), or compute a date itself (the core does). It reads
//! the clock to timestamp audit rows, to name backups, and through the desktop session's
//! injected [`session::Clock`] (its idle lock and its today); every use case takes "today" as
//! `as_of`.
//!
//! The store's file, passphrase and backups are use cases too (`storage`): [`App::open_with`] a
//! [`Key`], [`App::backup_now`], [`App::restore`], [`App::change_passphrase`],
//! [`App::encrypt_existing`].

mod about;
mod app;
mod audit;
mod booking;
mod caseload;
mod child;
mod child_document;
mod dates;
#[cfg(test)]
mod demo_tests;
mod disputes;
mod due_date;
mod error;
mod export;
mod handover;
mod import;
mod meeting;
mod options;
mod paths;
mod record;
mod report;
mod retention;
mod service;
#[cfg(test)]
mod service_tests;
pub mod session;
mod snapshot;
pub mod storage;
mod subject_access;
mod today;
mod views;
mod week;
mod why;

pub use about::{
    licences_view, AboutView, Build, LicenceGroup, LicenceLists, LicencesView, LicensedPackage,
    PackageSource, Place, PlaceKind,
};
pub use app::App;
pub use audit::{
    AuditQuery, AuditRow, AuditView, FieldChange, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT,
};
pub use booking::{BookingCheckView, SiblingDue};
pub use caseload::{CaseStatus, CaseloadRow, CaseloadView, IroLoad, NextDue};
pub use child::{AllocationView, ChildView, ParticipationRow};
pub use child_document::{child_document, child_document_stem};
pub use dates::{month_page, read_date_field, DateReading, MonthPage, PickerDay};
pub use disputes::{DisputeCounts, DisputeFilter, DisputeRow, DisputeView, DisputesView};
pub use due_date::{due_date, DueDateView};
pub use error::ApiError;
pub use export::{IcsExport, IcsScope};
pub use handover::{
    delete_cover_pack, open_cover_pack, remove_cover_pack, CoverChild, CoverItem, CoverPackRequest,
    CoverPackView, HandedOver, HandoverCandidate, HandoverChild, HandoverExport, HandoverOutcome,
    HandoverPreview, HandoverRequest, TransferOutView,
};
pub use import::{
    mapping_source, DateFormatChoice, ImportRun, MappedFieldView, MappingForm, MappingView,
    SavedMapping, SavedMappings,
};
pub use import::{
    suggest_mapping, ChildOutcome, ColumnMapping, ImportChild, ImportDisagreement, ImportFile,
    ImportFormat, ImportOptions, ImportPreview, ImportProblem, ImportProgress, ImportStage,
};
pub use meeting::{
    agenda_for, demo_marked, document_docx, document_pdf, letter_document, letter_template,
    pack_document, AgendaItem, ChildBrief, ChronologyRow, DecisionCounts, DecisionFilter,
    DecisionRow, DecisionStatus, DecisionsView, Document, DocumentError, LastMapping, LetterData,
    LetterTemplates, MeetingDocument, NamedDocument, NextMeeting, PackDecision, PackMeeting,
    PackView, PreparationStep, SiblingBrief, DEMO_MARK, MARKING,
};
pub use options::{
    LetterPlaceholder, LetterTemplateView, ParticipationOption, ParticipationOptions, ReasonInUse,
    SettingsView,
};
pub use paths::{default_demo_store_path, default_prefs_path, default_store_path, APP_IDENTIFIER};
pub use record::{RecordEditorView, ViewsOption};
pub use report::{
    report_document, ChartPointView, ChartView, FigureView, IroCaseloadView, PeriodRequest,
    ReportRequest, ReportView, SectionView, Shown,
};
pub use service::{
    default_service_store_path, import_figures, open_service_store, read_figures_files,
    service_files, service_report, FiguresExportRequest, FiguresExported, ServiceImportRow,
    ServiceReport, ServiceReportView, SERVICE_STORE_NAME,
};
pub use session::{
    attention_message, figures_files_line, report_file, AppGuard, Clock, DocumentFormat, LockState,
    LockStatus, ManualClock, ReportFormat, ServiceReportRequest, ServiceStatus, Session,
    SessionOptions, SystemClock, Tick,
};

/// The annual report as files (XLSX, CSV), rendered by `caseload-interop`.
pub use caseload_interop::report::{report_csv, report_xlsx, ReportExportError};
pub use today::{today_group, TodayGroup, TodayGroupKey, TodayView};
pub use views::{ChildSummary, IroRef, SeverityCounts, WarningsView};
pub use week::{WeekDay, WeekDeadline, WeekMeeting, WeekView};

pub use caseload_core as core;
/// The seeded synthetic demo caseload (`caseload-demo`), which [`App::load_demo`] applies.
pub use caseload_demo as demo;
pub use caseload_store::{
    default_backup_dir, Applied, AuditEntry, AuditFilter, FileKind, Key, Passphrase, RecoveryKey,
    ServiceStore,
};
pub use retention::{
    deleted_in_words, ErasedRow, ErasureView, RetentionRow, RetentionView, ERASE_OP,
};
pub use storage::{BackupRow, BackupView, EncryptView, RecoveryKeyView, RestoreView};
pub use subject_access::SubjectAccess;
