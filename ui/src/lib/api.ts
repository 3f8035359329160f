// The only importer of the generated bindings. Unwraps each command's Result, throws a typed
// CommandError (switch on `error.kind`, never on message text), and bumps the global revision
// after every successful write so screens reload what Rust now says.

import { Channel } from "@tauri-apps/api/core";
import { commands } from "./bindings";
import type {
  AboutView,
  AppInfo,
  AuditQuery,
  AuditView,
  BookingCheckView,
  BackupView,
  BackupsView,
  AppliedChange,
  CaseloadView,
  Change,
  CoverPackRequest,
  CoverPackView,
  HandoverCandidate,
  HandoverExport,
  HandoverPreview,
  HandoverRequest,
  TransferOutView,
  ChildId,
  ChildDocumentRequest,
  ChildView,
  CommandError as WireCommandError,
  DateReading,
  DisputeFilter,
  DisputeId,
  DisputeView,
  ExportReportRequest,
  ExportFiguresRequest,
  ExportServiceReportRequest,
  FiguresExported,
  ServiceImportRow,
  ServiceReportRequest,
  ServiceReportView,
  ServiceStatus,
  DisputesView,
  ErasureView,
  Explanation,
  HolidayImport,
  IcsScope,
  ImportOptions,
  ImportPreview,
  ImportProgress,
  IcsWritten,
  IroId,
  LicencesView,
  LockStatus,
  MappingForm,
  MappingView,
  MeetingDocumentRequest,
  MeetingId,
  MeetingRecord,
  MonthPage,
  PackView,
  ParticipationOptions,
  ProposedMeeting,
  RecordEditorView,
  RecoveryKeyView,
  ReportRequest,
  ReportView,
  RestoreView,
  RetentionView,
  SettingsView,
  SubjectAccessRequest,
  TodayView,
  WeekView,
  WhyKey,
} from "./bindings";
import { revision } from "./revision.svelte";

export type * from "./bindings";
export type { WireCommandError };

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: WireCommandError };

/** A command refused or failed; `error` is exactly what Rust sent. */
export class CommandError extends Error {
  readonly error: WireCommandError;

  constructor(error: WireCommandError) {
    super(describeError(error));
    this.name = "CommandError";
    this.error = error;
  }

  get kind(): WireCommandError["kind"] {
    return this.error.kind;
  }
}

/** One sentence for a general error line or toast. */
export function describeError(error: WireCommandError): string {
  switch (error.kind) {
    case "validation": {
      const messages = error.changes.flatMap((c) => c.fields.map((f) => f.message));
      return messages.length > 0 ? messages.join(" ") : "Some details need correcting. Nothing was saved.";
    }
    case "bad_input":
      return error.message;
    case "not_found":
      return `Not found: ${error.what}.`;
    case "storage":
    case "locked":
    case "wrong_passphrase":
    case "damaged":
      return error.message;
  }
}

/** Whatever was thrown, as a CommandError (IPC failures become a storage-like error). */
export function asCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new CommandError({ kind: "storage", message: `Something went wrong: ${message}` });
}

/** Rust's CommandError, or (when the request could not even be read) a bad_input with the text. */
function wireError(error: unknown): WireCommandError {
  if (typeof error === "object" && error !== null && "kind" in error) return error as WireCommandError;
  return { kind: "bad_input", message: typeof error === "string" ? error : JSON.stringify(error) };
}

/** Called when a command finds the caseload locked (idle, or locked elsewhere). */
export const whenLocked: { handler: (() => void) | null } = { handler: null };

async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.status === "ok") return result.data;
  const error = wireError(result.error);
  if (error.kind === "locked") whenLocked.handler?.();
  throw new CommandError(error);
}

async function write<T>(pending: Promise<Result<T>>): Promise<T> {
  const data = await unwrap(pending);
  revision.bump();
  return data;
}

/** A channel Rust sends an import's progress on. */
function progressChannel(onProgress: (p: ImportProgress) => void): Channel<ImportProgress> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return channel;
}

export const api = {
  appInfo: (): Promise<AppInfo> => unwrap(commands.getAppInfo()),
  about: (): Promise<AboutView> => unwrap(commands.getAbout()),
  licences: (): Promise<LicencesView> => commands.getLicences(),
  today: (iro: IroId | null): Promise<TodayView> => unwrap(commands.getToday({ iro })),
  caseload: (iro: IroId | null): Promise<CaseloadView> => unwrap(commands.getCaseload({ iro })),
  child: (id: ChildId): Promise<ChildView> => unwrap(commands.getChild({ id })),
  /** A warning row's "Why?", written by Rust when it is opened. */
  explainWarning: (key: WhyKey): Promise<Explanation> => unwrap(commands.explainWarning(key)),
  week: (on: string | null, iro: IroId | null): Promise<WeekView> => unwrap(commands.getWeek({ on, iro })),
  /** What a date chosen in the Book or Move form means, before anything is saved. */
  checkBooking: (req: ProposedMeeting): Promise<BookingCheckView> => unwrap(commands.checkBooking(req)),
  readDate: (text: string): Promise<DateReading> => unwrap(commands.readDate(text)),
  monthPage: (on: string | null): Promise<MonthPage> => unwrap(commands.getMonthPage(on)),
  disputes: (filter: DisputeFilter, iro: IroId | null): Promise<DisputesView> => unwrap(commands.getDisputes({ filter, iro })),
  dispute: (id: DisputeId): Promise<DisputeView> => unwrap(commands.getDispute({ id })),
  meetingRecord: (meeting: MeetingId): Promise<RecordEditorView> => unwrap(commands.getMeetingRecord({ meeting })),
  meetingPack: (meeting: MeetingId): Promise<PackView> => unwrap(commands.getMeetingPack({ meeting })),
  /**
   * Saves a meeting's draft record. Deliberately no revision bump: the draft is saved at every
   * change the chair makes, and no other screen shows it.
   */
  saveDraft: (meeting: MeetingId, record: MeetingRecord): Promise<AppliedChange[]> =>
    unwrap(commands.applyChanges({ changes: [{ op: "save_record_draft", meeting, record }] })),
  /** For a child in the store, or (child null) one being entered, born on `bornOn`. */
  participationOptions: (child: ChildId | null, heldOn: string, bornOn: string | null = null): Promise<ParticipationOptions> =>
    unwrap(commands.getParticipationOptions({ child, born_on: bornOn, held_on: heldOn })),
  settings: (year: number | null): Promise<SettingsView> => unwrap(commands.getSettings({ year })),
  audit: (query: AuditQuery): Promise<AuditView> => unwrap(commands.getAudit(query)),
  report: (req: ReportRequest): Promise<ReportView> => unwrap(commands.getReport(req)),
  /** Writes the report as a workbook or CSV; the path written comes back. */
  exportReport: (req: ExportReportRequest): Promise<string> => unwrap(commands.exportReport(req)),
  // Service-wide figures (issue 17): an IRO's figures file, and the manager's service report.
  /** Writes this store's figures for the service, under the service passphrase (typed twice). */
  exportFigures: (req: ExportFiguresRequest): Promise<FiguresExported> => unwrap(commands.exportFigures(req)),
  serviceStatus: (): Promise<ServiceStatus> => unwrap(commands.getServiceStatus()),
  /** Opens (or makes) the service store with the service passphrase. */
  openService: (passphrase: string): Promise<ServiceStatus> => unwrap(commands.openService({ passphrase })),
  /** Adds IROs' figures files to the service store: a write (the screen reloads). */
  importServiceFigures: (paths: string[]): Promise<ServiceImportRow[]> => write(commands.importServiceFigures({ paths })),
  serviceReport: (req: ServiceReportRequest): Promise<ServiceReportView> => unwrap(commands.getServiceReport(req)),
  exportServiceReport: (req: ExportServiceReportRequest): Promise<string> => unwrap(commands.exportServiceReport(req)),
  // The lock. None of these bumps the revision: the window reloads or re-reads the status.
  lockStatus: (): Promise<LockStatus> => unwrap(commands.getLockStatus()),
  createStore: (passphrase: string, confirm: string): Promise<LockStatus> => unwrap(commands.createStore({ passphrase, confirm })),
  unlock: (passphrase: string): Promise<LockStatus> => unwrap(commands.unlock({ passphrase })),
  recover: (recoveryKey: string, passphrase: string, confirm: string): Promise<LockStatus> =>
    unwrap(commands.recoverStore({ recovery_key: recoveryKey, passphrase, confirm })),
  /** The recovery key this opening made, once; null when there is none to show. */
  takeRecoveryKey: (): Promise<RecoveryKeyView | null> => unwrap(commands.takeRecoveryKey()),
  renewRecoveryKey: (passphrase: string): Promise<RecoveryKeyView> => unwrap(commands.renewRecoveryKey({ passphrase })),
  lock: (): Promise<LockStatus> => unwrap(commands.lock()),
  touch: (): Promise<void> => commands.touch(),
  /** The first screen has painted (`--trace-startup` prints the time since the start). */
  startupPainted: (): Promise<void> => commands.startupPainted(),
  changePassphrase: (current: string, passphrase: string, confirm: string): Promise<BackupView> =>
    unwrap(commands.changePassphrase({ current, passphrase, confirm })),
  encryptStore: (passphrase: string, confirm: string): Promise<LockStatus> => unwrap(commands.encryptStore({ passphrase, confirm })),
  backups: (): Promise<BackupsView> => unwrap(commands.getBackups()),
  backupNow: (): Promise<BackupView> => unwrap(commands.backupNow()),
  setBackupDir: (dir: string): Promise<BackupsView> => unwrap(commands.setBackupDir({ dir })),
  restoreBackup: (path: string, passphrase: string): Promise<RestoreView> => write(commands.restoreBackup({ path, passphrase })),
  /** All or nothing; the ids of created entities come back in `AppliedChange.id`. */
  apply: (changes: Change[]): Promise<AppliedChange[]> => write(commands.applyChanges({ changes })),
  importHolidays: (path: string): Promise<HolidayImport> => write(commands.importHolidays({ path })),
  suggestIcsName: (scope: IcsScope): Promise<string> => unwrap(commands.suggestIcsName({ scope })),
  exportIcs: (path: string | null, scope: IcsScope, iro: IroId | null): Promise<IcsWritten> =>
    unwrap(commands.exportIcs({ path, scope, iro })),
  suggestDocumentName: (req: MeetingDocumentRequest): Promise<string> => unwrap(commands.suggestDocumentName(req)),
  /** Writes a meeting's pack, record or letter as .docx or PDF; the path written comes back. */
  exportMeetingDocument: (req: MeetingDocumentRequest): Promise<string> => unwrap(commands.exportMeetingDocument(req)),
  suggestChildDocumentName: (req: ChildDocumentRequest): Promise<string> => unwrap(commands.suggestChildDocumentName(req)),
  exportChildDocument: (req: ChildDocumentRequest): Promise<string> => unwrap(commands.exportChildDocument(req)),
  exportSubjectAccess: (req: SubjectAccessRequest): Promise<string[]> => unwrap(commands.exportSubjectAccess(req)),
  /** The closed cases with the day each record is kept until. */
  retention: (): Promise<RetentionView> => unwrap(commands.getRetention()),
  /** Deletes the records the IRO confirmed (each past retention): every screen reloads after it. */
  eraseChildren: (children: ChildId[]): Promise<ErasureView> => write(commands.eraseChildren({ children })),
  acknowledgePlaintextExports: (): Promise<null> => unwrap(commands.acknowledgePlaintextExports()),
  /** What importing the files would do (nothing is kept). */
  previewImport: (paths: string[], options: ImportOptions, onProgress: (p: ImportProgress) => void = () => {}): Promise<ImportPreview> =>
    unwrap(commands.importFiles({ paths, options, commit: false }, progressChannel(onProgress))),
  /** The import itself: every screen reloads after it. */
  importFiles: (paths: string[], options: ImportOptions, onProgress: (p: ImportProgress) => void = () => {}): Promise<ImportPreview> =>
    write(commands.importFiles({ paths, options, commit: true }, progressChannel(onProgress))),
  /** The column mapping form of a file, or null when it needs none (not an LA's own CSV). */
  importMapping: (path: string): Promise<MappingForm | null> => unwrap(commands.getImportMapping(path)),
  /** Keeps a file's column mapping for every report with the same columns (nothing else changes). */
  saveImportMapping: (path: string, mapping: MappingView): Promise<null> => unwrap(commands.saveImportMapping(path, mapping)),
  // Handover and cover packs (issue 17). A bundle's passphrase is shown once and kept nowhere.
  handoverChildren: (): Promise<HandoverCandidate[]> => unwrap(commands.getHandoverChildren()),
  /** Writes the bundle (null path: the launch's export folder); nothing in the caseload changes. */
  exportHandover: (handover: HandoverRequest, path: string | null): Promise<HandoverExport> =>
    unwrap(commands.exportHandover({ handover, path })),
  /** Marks the children transferred out (read-only here): every screen reloads after it. */
  transferOut: (req: HandoverRequest): Promise<TransferOutView> => write(commands.transferOut(req)),
  previewHandover: (path: string, passphrase: string): Promise<HandoverPreview> =>
    unwrap(commands.previewHandover({ path, passphrase })),
  importHandover: (path: string, passphrase: string): Promise<HandoverPreview> =>
    write(commands.importHandover({ path, passphrase })),
  exportCoverPack: (cover: CoverPackRequest, path: string | null): Promise<CoverPackView> =>
    unwrap(commands.exportCoverPack({ cover, path })),
  openCoverPack: (path: string, passphrase: string): Promise<CoverPackView> => unwrap(commands.openCoverPack({ path, passphrase })),
  removeCoverPack: (): Promise<null> => unwrap(commands.removeCoverPack()),
};
