import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { ImportPreview, ImportProblem } from "../api";
import { filterProblems, ImportState, problemFiles } from "./import.svelte";

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
    expect(calls.at(-1)).toEqual([
      "import_files",
      { req: { paths: ["/tmp/header.csv"], options: { format: null, iro: null, include_partial: false }, commit: false } },
    ]);
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
