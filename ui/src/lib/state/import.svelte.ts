// The Import screen: the files chosen or dropped, the options, and what Rust says importing them
// would do (a preview, refreshed after every change), then what it did. The filters over the
// preview's rows are view state only: every count, problem and date comes from Rust.

import { api, asCommandError, type ChildOutcome, type CommandError, type ImportPreview, type ImportProblem, type IroId } from "../api";

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

export class ImportState {
  paths = $state<string[]>([]);
  iro = $state<IroId | null>(null);
  includePartial = $state(false);
  preview = $state.raw<ImportPreview | null>(null);
  done = $state.raw<ImportPreview | null>(null);
  error = $state.raw<CommandError | null>(null);
  busy = $state(false);
  problemText = $state("");
  outcome = $state<OutcomeFilter>("all");
  #run = 0;

  /** Adds files (a file already there is not added twice) and previews again. */
  add(paths: string[]): void {
    const fresh = paths.filter((p) => !this.paths.includes(p));
    if (fresh.length === 0) return;
    this.paths = [...this.paths, ...fresh];
    this.done = null;
    void this.refresh();
  }

  remove(path: string): void {
    this.paths = this.paths.filter((p) => p !== path);
    void this.refresh();
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
      const preview = await api.previewImport(this.paths, this.options);
      if (run === this.#run) {
        this.preview = preview;
        this.error = null;
      }
    } catch (e) {
      if (run === this.#run) {
        this.preview = null;
        this.error = asCommandError(e);
      }
    } finally {
      if (run === this.#run) this.busy = false;
    }
  }

  /** Imports the files; the preview's files are then done. */
  async commit(): Promise<boolean> {
    this.busy = true;
    try {
      this.done = await api.importFiles(this.paths, this.options);
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
