// The Import screen: the files chosen or dropped, the options, and what Rust says importing them
// would do (a preview, refreshed after every change), then what it did. The filters over the
// preview's rows are view state only: every count, problem and date comes from Rust.
// An LA's own CSV needs its columns mapped to our fields: Rust says which files have a mapping
// form (and whether one is saved for their source); the form is offered when the preview is
// refused for want of one, or from the file's "Map columns" button, and Rust checks and keeps it.

import {
  api,
  asCommandError,
  type ChildOutcome,
  type CommandError,
  type ImportPreview,
  type ImportProblem,
  type ImportProgress,
  type IroId,
  type MappedFieldView,
  type MappingForm,
  type MappingView,
} from "../api";

export type OutcomeFilter = ChildOutcome | "all";

/** The problems whose place, field or reason contains `text` (any case). */
export function filterProblems(problems: ImportProblem[], text: string): ImportProblem[] {
  const needle = text.trim().toLowerCase();
  if (needle === "") return problems;
  return problems.filter((p) => `${p.at} ${p.field} ${p.message} ${p.child ?? ""}`.toLowerCase().includes(needle));
}

/** The file names of the problems, in order of first appearance (for the file filter). */
export function problemFiles(problems: ImportProblem[]): string[] {
  return [...new Set(problems.map((p) => p.at.split(" ")[0] ?? p.at))];
}

/** The mapping form being filled in for one file: the form Rust sent and the IRO's choices. */
export class MappingEdit {
  readonly path: string;
  readonly form: MappingForm;
  draft = $state.raw<MappingView>({ fields: [], date_format: "" });
  error = $state.raw<CommandError | null>(null);
  busy = $state(false);

  constructor(path: string, form: MappingForm) {
    this.path = path;
    this.form = form;
    this.draft = form.mapping;
  }

  /** The column chosen for a field (null: not in this file). */
  choose(field: string, column: string | null): void {
    const fields = this.draft.fields.map((f) => (f.field === field ? { ...f, column } : f));
    this.draft = { ...this.draft, fields };
  }

  setDateFormat(id: string): void {
    this.draft = { ...this.draft, date_format: id };
  }

  /** The fields by their group, in the order Rust sent them. */
  get groups(): { group: string; fields: MappedFieldView[] }[] {
    const groups: { group: string; fields: MappedFieldView[] }[] = [];
    for (const f of this.draft.fields) {
      const last = groups.at(-1);
      if (last?.group === f.group) last.fields.push(f);
      else groups.push({ group: f.group, fields: [f] });
    }
    return groups;
  }

  /** The file's columns no field is given (they are not read). */
  get unused(): string[] {
    const chosen = new Set(this.draft.fields.map((f) => f.column));
    return this.form.header.filter((c) => !chosen.has(c));
  }

  /** Asks Rust to check and keep the mapping; false (with the reason) when refused. */
  async save(): Promise<boolean> {
    this.busy = true;
    try {
      await api.saveImportMapping(this.path, this.draft);
      this.error = null;
      return true;
    } catch (e) {
      this.error = asCommandError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/** Below this many rows an import is over before progress is worth showing. */
export const PROGRESS_FROM_ROWS = 5000;

const STAGE = { read: "Reading the files", check: "Checking children", write: "Writing children" } as const;

/**
 * What the progress bar says: the rows read, then the children checked or written; null for an
 * import too small to need it.
 */
export function progressText(progress: ImportProgress | null, rows: number): string | null {
  if (progress === null || rows < PROGRESS_FROM_ROWS) return null;
  const n = (x: number): string => x.toLocaleString("en-GB");
  const read = `Read ${n(rows)} rows.`;
  return progress.stage === "read" ? read : `${read} ${STAGE[progress.stage]}: ${n(progress.done)} of ${n(progress.total)}.`;
}

export class ImportState {
  paths = $state<string[]>([]);
  iro = $state<IroId | null>(null);
  includePartial = $state(false);
  preview = $state.raw<ImportPreview | null>(null);
  done = $state.raw<ImportPreview | null>(null);
  error = $state.raw<CommandError | null>(null);
  busy = $state(false);
  /** How far the running preview or import has gone (Rust's count of rows and children). */
  progress = $state.raw<ImportProgress | null>(null);
  /** The rows the running preview or import read. */
  rows = $state(0);
  problemText = $state("");
  outcome = $state<OutcomeFilter>("all");
  /** Each file's mapping form as Rust sent it (null: it needs none), once asked. */
  forms = $state.raw<Record<string, MappingForm | null>>({});
  /** The mapping form open, if any. */
  editing = $state.raw<MappingEdit | null>(null);
  #run = 0;

  /** Adds files (a file already there is not added twice) and previews again. */
  add(paths: string[]): void {
    const fresh = paths.filter((p) => !this.paths.includes(p));
    if (fresh.length === 0) return;
    this.paths = [...this.paths, ...fresh];
    this.done = null;
    void this.loadForms();
    void this.refresh();
  }

  remove(path: string): void {
    this.paths = this.paths.filter((p) => p !== path);
    if (this.editing?.path === path) this.editing = null;
    void this.refresh();
  }

  /** Asks Rust for the mapping form of each file not asked about yet. */
  async loadForms(): Promise<void> {
    const asked = this.paths.filter((p) => !(p in this.forms));
    const forms = await Promise.all(asked.map((p) => api.importMapping(p).catch(() => null)));
    this.forms = { ...this.forms, ...Object.fromEntries(asked.map((p, i) => [p, forms[i] ?? null])) };
  }

  /** Opens the mapping form of a file. */
  async mapColumns(path: string): Promise<void> {
    await this.loadForms();
    const form = this.forms[path];
    if (form) this.editing = new MappingEdit(path, form);
  }

  cancelMapping(): void {
    this.editing = null;
  }

  /** Saves the open mapping; then the form closes and the files are previewed with it. */
  async saveMapping(): Promise<void> {
    const edit = this.editing;
    if (edit === null || !(await edit.save())) return;
    this.editing = null;
    const { [edit.path]: _asked, ...others } = this.forms;
    this.forms = others;
    await Promise.all([this.loadForms(), this.refresh()]);
  }

  /** The first file that needs a mapping none is saved for, once the forms are known. */
  async #needingMapping(): Promise<string | null> {
    await this.loadForms();
    return this.paths.find((p) => this.forms[p]?.saved === false) ?? null;
  }

  setIro(iro: IroId | null): void {
    this.iro = iro;
    void this.refresh();
  }

  setIncludePartial(on: boolean): void {
    this.includePartial = on;
    void this.refresh();
  }

  get options(): { format: null; iro: IroId | null; include_partial: boolean } {
    return { format: null, iro: this.iro, include_partial: this.includePartial };
  }

  #heard(p: ImportProgress): void {
    if (p.stage === "read") this.rows = p.total;
    this.progress = p;
  }

  /** The preview of the files as they are now (the latest request wins). */
  async refresh(): Promise<void> {
    const run = ++this.#run;
    if (this.paths.length === 0) {
      this.preview = null;
      this.error = null;
      return;
    }
    this.busy = true;
    try {
      this.progress = null;
      const preview = await api.previewImport(this.paths, this.options, (p) => run === this.#run && this.#heard(p));
      if (run === this.#run) {
        this.preview = preview;
        this.error = null;
      }
    } catch (e) {
      const error = asCommandError(e);
      if (run === this.#run) {
        this.preview = null;
        this.error = error;
      }
      // Refused for a file whose columns are not mapped: offer its form.
      const path = error.kind === "bad_input" ? await this.#needingMapping() : null;
      if (run === this.#run && path !== null && this.editing === null) await this.mapColumns(path);
    } finally {
      if (run === this.#run) this.busy = false;
    }
  }

  /** Imports the files; the preview's files are then done. */
  async commit(): Promise<boolean> {
    this.busy = true;
    try {
      this.progress = null;
      this.done = await api.importFiles(this.paths, this.options, (p) => this.#heard(p));
      this.paths = [];
      this.preview = null;
      this.error = null;
      return true;
    } catch (e) {
      this.error = asCommandError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
