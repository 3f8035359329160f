// The native file dialogs (open/save) and the file-based commands that use them: calendar,
// report and meeting document exports, bank-holiday import. Rust reads and writes the files;
// the UI only picks the path. Every export first makes sure the user has read, once, that an
// exported file is not encrypted.

import { open, save } from "@tauri-apps/plugin-dialog";
import {
  api,
  type DocumentFormat,
  type HolidayImport,
  type IcsScope,
  type IcsWritten,
  type IroId,
  type MeetingDocument,
  type MeetingId,
  type ReportFormat,
  type ReportRequest,
} from "./api";
import { exportNotice } from "./state/export-notice.svelte";
import { plural } from "./format/text";
import { reportFileName } from "./report";

/**
 * Writes a calendar file: straight into the launch's export folder when there is one, else where
 * the user chooses in the save dialog (null if they cancel).
 */
export async function exportCalendar(scope: IcsScope, iro: IroId | null, exportDir: string | null): Promise<IcsWritten | null> {
  if (!(await exportNotice.ensureRead())) return null;
  let path: string | null = null;
  if (exportDir === null) {
    const name = await api.suggestIcsName(scope);
    path = await save({
      title: "Save the calendar file",
      defaultPath: name,
      filters: [{ name: "Calendar (.ics)", extensions: ["ics"] }],
    });
    if (path === null) return null;
  }
  return api.exportIcs(path, scope, iro);
}

export function exportedMessage(written: IcsWritten): string {
  return `Saved ${plural(written.meetings, "meeting")} and ${plural(written.deadlines, "deadline")} to ${written.path}.`;
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
};

/**
 * Writes the annual report as a workbook or CSV: straight into the launch's export folder when
 * there is one, else where the user chooses in the save dialog. The path written, or null if
 * they cancel.
 */
export async function exportReportFile(
  report: ReportRequest,
  format: ReportFormat,
  yearLabel: string,
  exportDir: string | null,
): Promise<string | null> {
  if (!(await exportNotice.ensureRead())) return null;
  let path: string | null = null;
  if (exportDir === null) {
    path = await save({
      title: "Save the annual report",
      defaultPath: reportFileName(yearLabel, format),
      filters: [REPORT_FILTERS[format]],
    });
    if (path === null) return null;
  }
  return api.exportReport({ report, format, path });
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

/**
 * Writes a meeting's pack, record or letter as .docx or PDF: straight into the launch's export
 * folder when there is one, else where the user chooses. The path written, or null if they cancel.
 */
export async function exportMeetingFile(
  meeting: MeetingId,
  document: MeetingDocument,
  format: DocumentFormat,
  exportDir: string | null,
): Promise<string | null> {
  if (!(await exportNotice.ensureRead())) return null;
  let path: string | null = null;
  if (exportDir === null) {
    path = await save({
      title: DOCUMENT_TITLES[document],
      defaultPath: await api.suggestDocumentName({ meeting, document, format, path: null }),
      filters: [DOCUMENT_FILTERS[format]],
    });
    if (path === null) return null;
  }
  return api.exportMeetingDocument({ meeting, document, format, path });
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
