import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { ImportPreview, ImportProblem, MappedFieldView, MappingForm } from "../api";
import { filterProblems, ImportState, MappingEdit, problemFiles, progressText } from "./import.svelte";

afterEach(() => clearMocks());

const problem = (at: string, field: string, message: string): ImportProblem => ({ at, child: "1002", field, message });

const PROBLEMS = [
  problem("episodes.csv line 3", "DECOM", '"notadate" is not a date (dd/mm/yyyy)'),
  problem("reviews.csv line 2", "REVIEW_CODE", "PN0 is only for a child under 4"),
  problem("reviews.csv line 9", "REVIEW", "The child was not looked after on Sun 1 Jan 2023."),
];

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  files: ["header.csv"],
  new: 1,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  children: [],
  problems: [],
  disagreements: [],
  notes: [],
  committed: false,
  backup: null,
  undo: "",
  ...over,
});

describe("the import preview's filters", () => {
  test("a problem is found by its place, field or reason, whatever the case", () => {
    expect(filterProblems(PROBLEMS, "reviews.csv")).toHaveLength(2);
    expect(filterProblems(PROBLEMS, "decom")).toEqual([PROBLEMS[0]]);
    expect(filterProblems(PROBLEMS, "LOOKED AFTER")).toEqual([PROBLEMS[2]]);
    expect(filterProblems(PROBLEMS, "  ")).toEqual(PROBLEMS);
  });

  test("the files of the problems, once each, in order", () => {
    expect(problemFiles(PROBLEMS)).toEqual(["episodes.csv", "reviews.csv"]);
  });
});

describe("ImportState", () => {
  test("adding files previews them with the options; the same file is not added twice", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return preview();
    });
    const s = new ImportState();
    s.add(["/tmp/header.csv"]);
    s.add(["/tmp/header.csv"]);
    await s.refresh();
    expect(s.paths).toEqual(["/tmp/header.csv"]);
    expect(s.preview?.new).toBe(1);
    const [cmd, args] = calls.at(-1) as [string, { req: unknown; onProgress: unknown }];
    expect(cmd).toBe("import_files");
    expect(args.req).toEqual({ paths: ["/tmp/header.csv"], options: { format: null, iro: null, include_partial: false }, commit: false });
    expect(args.onProgress).toBeDefined();
  });

  test("the import commits, keeps what it did and clears the files", async () => {
    mockIPC((_cmd, args) => preview({ committed: (args as { req: { commit: boolean } }).req.commit }));
    const s = new ImportState();
    s.add(["/tmp/header.csv"]);
    await s.refresh();
    expect(await s.commit()).toBe(true);
    expect(s.done?.committed).toBe(true);
    expect(s.paths).toEqual([]);
    expect(s.preview).toBeNull();
  });

  test("a refused file is the error, and no stale preview stays", async () => {
    mockIPC(() => {
      throw { kind: "bad_input", message: "notes.txt: not a file this import reads" };
    });
    const s = new ImportState();
    s.add(["/tmp/notes.txt"]);
    await s.refresh();
    expect(s.preview).toBeNull();
    expect(s.error?.message).toBe("notes.txt: not a file this import reads");
  });
});

const field = (name: string, group: string, column: string | null, required = false): MappedFieldView => ({
  field: name,
  label: name,
  group,
  required,
  column,
});

const form = (saved: boolean): MappingForm => ({
  file: "la-report.csv",
  header: ["Child ID", "Date of birth", "Team"],
  mapping: {
    fields: [field("child_id", "The child", "Child ID", true), field("born_on", "The child", null), field("review_on", "Looked after", null)],
    date_format: "day_month_year",
  },
  saved,
  date_formats: [
    { id: "day_month_year", label: "dd/mm/yyyy" },
    { id: "iso", label: "yyyy-mm-dd" },
  ],
});

describe("MappingEdit", () => {
  test("fields are grouped in Rust's order, and the columns no field is given are said", () => {
    const edit = new MappingEdit("/tmp/la-report.csv", form(false));
    expect(edit.groups.map((g) => [g.group, g.fields.map((f) => f.field)])).toEqual([
      ["The child", ["child_id", "born_on"]],
      ["Looked after", ["review_on"]],
    ]);
    expect(edit.unused).toEqual(["Date of birth", "Team"]);
    edit.choose("born_on", "Date of birth");
    edit.choose("child_id", null);
    edit.setDateFormat("iso");
    expect(edit.unused).toEqual(["Child ID", "Team"]);
    expect(edit.draft.date_format).toBe("iso");
    expect(edit.form.mapping.fields[0]?.column).toBe("Child ID");
  });

  test("a mapping Rust refuses stays open with Rust's reason", async () => {
    mockIPC(() => {
      throw { kind: "bad_input", message: "Choose the column that holds the Child ID." };
    });
    const edit = new MappingEdit("/tmp/la-report.csv", form(false));
    expect(await edit.save()).toBe(false);
    expect(edit.error?.message).toBe("Choose the column that holds the Child ID.");
  });
});

describe("ImportState and an LA's own CSV", () => {
  /** Rust as the app has it: the import is refused until a mapping is saved. */
  function rust(calls: [string, unknown][]): void {
    let saved = false;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "get_import_mapping") return form(saved);
      if (cmd === "save_import_mapping") {
        saved = true;
        return null;
      }
      if (saved) return preview({ new: 2 });
      throw { kind: "bad_input", message: "la-report.csv: an LA's own report, whose columns need mapping" };
    });
  }

  test("a preview refused for want of a mapping opens the file's form; saving it previews again", async () => {
    const calls: [string, unknown][] = [];
    rust(calls);
    const s = new ImportState();
    s.add(["/tmp/la-report.csv"]);
    await s.refresh();
    expect(s.preview).toBeNull();
    expect(s.editing?.path).toBe("/tmp/la-report.csv");
    expect(s.forms["/tmp/la-report.csv"]?.saved).toBe(false);

    s.editing?.choose("born_on", "Date of birth");
    await s.saveMapping();
    const save = calls.find(([cmd]) => cmd === "save_import_mapping");
    const sent = (save?.[1] as { path: string; mapping: { fields: MappedFieldView[] } }) ?? null;
    expect(sent?.path).toBe("/tmp/la-report.csv");
    expect(sent?.mapping.fields.find((f) => f.field === "born_on")?.column).toBe("Date of birth");
    expect(s.editing).toBeNull();
    expect(s.error).toBeNull();
    expect(s.preview?.new).toBe(2);
    expect(s.forms["/tmp/la-report.csv"]?.saved).toBe(true);
  });

  test("a file that needs no mapping has no form, and another refusal opens none", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_import_mapping") return null;
      throw { kind: "bad_input", message: "notes.txt: not a file this import reads" };
    });
    const s = new ImportState();
    s.add(["/tmp/notes.txt"]);
    await s.refresh();
    expect(s.forms["/tmp/notes.txt"]).toBeNull();
    expect(s.editing).toBeNull();
    expect(s.error?.message).toBe("notes.txt: not a file this import reads");
    await s.mapColumns("/tmp/notes.txt");
    expect(s.editing).toBeNull();
  });

  test("cancelling closes the form; removing its file closes it too", async () => {
    rust([]);
    const s = new ImportState();
    s.add(["/tmp/la-report.csv"]);
    await s.mapColumns("/tmp/la-report.csv");
    s.cancelMapping();
    expect(s.editing).toBeNull();
    await s.mapColumns("/tmp/la-report.csv");
    s.remove("/tmp/la-report.csv");
    expect(s.editing).toBeNull();
  });
});

describe("the progress of a large import", () => {
  test("rows read, then children checked or written, with thousands separated", () => {
    expect(progressText({ stage: "read", done: 12582, total: 12582 }, 12582)).toBe("Read 12,582 rows.");
    expect(progressText({ stage: "check", done: 1200, total: 2675 }, 12582)).toBe("Read 12,582 rows. Checking children: 1,200 of 2,675.");
    expect(progressText({ stage: "write", done: 2675, total: 2675 }, 12582)).toBe("Read 12,582 rows. Writing children: 2,675 of 2,675.");
  });

  test("a small import shows none", () => {
    expect(progressText({ stage: "check", done: 1, total: 3 }, 40)).toBeNull();
    expect(progressText(null, 20000)).toBeNull();
  });
});
