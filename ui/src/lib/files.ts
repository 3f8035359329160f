// The native file dialogs (open/save) and the file-based commands that use them: calendar,
// report and meeting document exports, bank-holiday import. Rust reads and writes the files;
// the UI only picks the path. Every export first makes sure the user has read, once, that an
// exported file is not encrypted.

import { open, save, type SaveDialogOptions } from "@tauri-apps/plugin-dialog";
import {
  api,
  type ChildId,
  type DocumentFormat,
  type HolidayImport,
  type IcsScope,
  type IcsWritten,
  type IroId,
  type MeetingDocument,
  type MeetingId,
  type ReportFormat,
  type ReportRequest,
  type FiguresExportRequest,
  type FiguresExported,
  type ServiceReportRequest,
} from "./api";
import { exportNotice } from "./state/export-notice.svelte";
import { plural } from "./format/text";
import { reportFileName } from "./report";

/** Where an export is written: the path chosen, null for the launch's export folder. */
type Target = { path: string | null };

/**
 * Where to write an export, once the user has read (once) that it is not encrypted: the
 * launch's export folder when there is one, else where they choose in the save dialog (asked
 * with `dialog`). Null when they cancel either.
 */
async function exportTarget(exportDir: string | null, dialog: () => Promise<SaveDialogOptions>): Promise<Target | null> {
  if (!(await exportNotice.ensureRead())) return null;
  if (exportDir !== null) return { path: null };
  const path = await save(await dialog());
  return path === null ? null : { path };
}

/** Writes a calendar file (null if the user cancels). */
export async function exportCalendar(scope: IcsScope, iro: IroId | null, exportDir: string | null): Promise<IcsWritten | null> {
  const target = await exportTarget(exportDir, async () => ({
    title: "Save the calendar file",
    defaultPath: await api.suggestIcsName(scope),
    filters: [{ name: "Calendar (.ics)", extensions: ["ics"] }],
  }));
  return target === null ? null : api.exportIcs(target.path, scope, iro);
}

/** The toast after a calendar export: what went in, where, and what its events show of a child. */
export function exportedMessage(written: IcsWritten): string {
  const cancelled = written.cancelled > 0 ? `, ${written.cancelled} cancelled` : "";
  const what = `${plural(written.meetings, "meeting")}${cancelled} and ${plural(written.deadlines, "deadline")}`;
  return `Saved ${what} to ${written.path}. Events show ${written.shows}.`;
}

/** Asks for a GOV.UK bank-holidays.json file and imports it (null if the user cancels). */
export async function importHolidayFile(): Promise<HolidayImport | null> {
  const path = await open({
    title: "Import bank holidays (GOV.UK bank-holidays.json)",
    multiple: false,
    directory: false,
    filters: [{ name: "GOV.UK bank holidays (.json)", extensions: ["json"] }],
  });
  if (path === null) return null;
  return api.importHolidays(path);
}

const REPORT_FILTERS: Record<ReportFormat, { name: string; extensions: string[] }> = {
  xlsx: { name: "Excel workbook (.xlsx)", extensions: ["xlsx"] },
  csv: { name: "CSV (.csv)", extensions: ["csv"] },
  pdf: { name: "PDF (.pdf)", extensions: ["pdf"] },
  docx: { name: "Word document (.docx)", extensions: ["docx"] },
};

/** Writes the annual report as a workbook, CSV, PDF or Word document: the path written, or null if the user cancels. */
export async function exportReportFile(
  report: ReportRequest,
  format: ReportFormat,
  yearLabel: string,
  exportDir: string | null,
): Promise<string | null> {
  const target = await exportTarget(exportDir, async () => ({
    title: "Save the annual report",
    defaultPath: reportFileName(yearLabel, format),
    filters: [REPORT_FILTERS[format]],
  }));
  return target === null ? null : api.exportReport({ report, format, path: target.path });
}

const DOCUMENT_FILTERS: Record<DocumentFormat, { name: string; extensions: string[] }> = {
  docx: { name: "Word document (.docx)", extensions: ["docx"] },
  pdf: { name: "PDF (.pdf)", extensions: ["pdf"] },
};

const DOCUMENT_TITLES: Record<MeetingDocument, string> = {
  pack: "Save the preparation pack",
  record: "Save the record",
  letter: "Save the letter to the child",
};

/** Writes a meeting's pack, record or letter as .docx or PDF: the path written, or null if the user cancels. */
export async function exportMeetingFile(
  meeting: MeetingId,
  document: MeetingDocument,
  format: DocumentFormat,
  exportDir: string | null,
): Promise<string | null> {
  const target = await exportTarget(exportDir, async () => ({
    title: DOCUMENT_TITLES[document],
    defaultPath: await api.suggestDocumentName({ meeting, document, format, path: null }),
    filters: [DOCUMENT_FILTERS[format]],
  }));
  return target === null ? null : api.exportMeetingDocument({ meeting, document, format, path: target.path });
}

/** Writes a child's record as .docx or PDF (A4, page numbers): the path written, or null if the
 * user cancels. */
export async function exportChildFile(child: ChildId, format: DocumentFormat, exportDir: string | null): Promise<string | null> {
  const target = await exportTarget(exportDir, async () => ({
    title: "Save the child record",
    defaultPath: await api.suggestChildDocumentName({ child, format, path: null }),
    filters: [DOCUMENT_FILTERS[format]],
  }));
  return target === null ? null : api.exportChildDocument({ child, format, path: target.path });
}

/** Writes a child's subject-access export (JSON, PDF, Word) into a folder the IRO chooses: the
 * paths written, or null if the user cancels. */
export async function exportSubjectAccessFiles(child: ChildId, withSiblings: boolean, exportDir: string | null): Promise<string[] | null> {
  if (!(await exportNotice.ensureRead())) return null;
  let dir: string | null = null;
  if (exportDir === null) {
    dir = await open({ title: "Choose a folder for the subject-access export", directory: true, multiple: false });
    if (dir === null) return null;
  }
  return api.exportSubjectAccess({ child, with_siblings: withSiblings, dir });
}

/** Asks for a backup of the caseload to restore (null if the user cancels). */
export async function chooseBackupFile(): Promise<string | null> {
  return open({
    title: "Choose a backup of your caseload",
    multiple: false,
    directory: false,
    filters: [{ name: "IRO Caseload backup (.db)", extensions: ["db", "sqlite3"] }],
  });
}

/** Writes this store's figures for the service (encrypted under the service passphrase): what
 * was written, or null if the user cancels. Not a plaintext export: no notice is needed. */
export async function exportFiguresFile(
  figures: FiguresExportRequest,
  passphrase: string,
  again: string,
  periodLabel: string,
  exportDir: string | null,
): Promise<FiguresExported | null> {
  let path: string | null = null;
  if (exportDir === null) {
    path = await save({
      title: "Save the figures file for the service",
      defaultPath: `figures-${periodLabel.replace(/[/ –]/g, "-")}.iro-figures`,
      filters: [{ name: "IRO figures file (.iro-figures)", extensions: ["iro-figures"] }],
    });
    if (path === null) return null;
  }
  return api.exportFigures({ figures, passphrase, again, path });
}

/** Asks for IROs' figures files (several at once); `testFiles` (the launch's) instead of the dialog when given. */
export async function chooseFiguresFiles(testFiles: readonly string[]): Promise<string[] | null> {
  if (testFiles.length > 0) return [...testFiles];
  const chosen = await open({
    title: "Add the IROs' figures files",
    multiple: true,
    directory: false,
    filters: [{ name: "IRO figures files (.iro-figures)", extensions: ["iro-figures"] }],
  });
  if (chosen === null) return null;
  return Array.isArray(chosen) ? chosen : [chosen];
}

/** Writes the service report as a workbook, CSV, PDF or Word document: the path written, or null if the user cancels. */
export async function exportServiceReportFile(
  report: ServiceReportRequest,
  format: ReportFormat,
  periodLabel: string,
  exportDir: string | null,
): Promise<string | null> {
  const target = await exportTarget(exportDir, async () => ({
    title: "Save the service report",
    defaultPath: `service-${reportFileName(periodLabel, format)}`,
    filters: [REPORT_FILTERS[format]],
  }));
  return target === null ? null : api.exportServiceReport({ report, format, path: target.path });
}
