import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import { caseloadRow, caseloadView } from "../test-fixtures";
import { CaseloadState } from "./caseload.svelte";

afterEach(() => clearMocks());

const rows = [
  caseloadRow(3, "Poppy Mockworth", { status: "lac" }),
  caseloadRow(1, "Archie Demomore", { status: "cp", sibling_group: "Oak" }),
  caseloadRow(2, "Zara Sampleley", { status: "both" }),
  caseloadRow(4, "Unborn Draftwood", { status: "cp", age: null, expected_birth_on: "2027-02-25", local_ref: "DEMO-00139" }),
];

async function loaded(): Promise<CaseloadState> {
  mockIPC((cmd, args) => {
    expect(cmd).toBe("get_caseload");
    expect(args).toEqual({ req: { iro: null } });
    return caseloadView(rows);
  });
  const state = new CaseloadState();
  await state.load(null);
  return state;
}

describe("CaseloadState", () => {
  test("keeps Rust's order (by next due) until asked otherwise", async () => {
    const c = await loaded();
    expect(c.rows.map((r) => r.id)).toEqual([3, 1, 2, 4]);
    expect(c.ready).toBe(true);
  });

  test("filter chips: LAC and CP include children who are both", async () => {
    const c = await loaded();
    c.filter = "lac";
    expect(c.rows.map((r) => r.id)).toEqual([3, 2]);
    c.filter = "cp";
    expect(c.rows.map((r) => r.id)).toEqual([1, 2, 4]);
    c.filter = "both";
    expect(c.rows.map((r) => r.id)).toEqual([2]);
    expect([c.count("all"), c.count("lac"), c.count("cp"), c.count("both")]).toEqual([4, 2, 3, 1]);
  });

  test("search-as-you-type over name, local ref and sibling group", async () => {
    const c = await loaded();
    c.query = "draft";
    expect(c.rows.map((r) => r.id)).toEqual([4]);
    c.query = "00139";
    expect(c.rows.map((r) => r.id)).toEqual([4]);
    c.query = "oak";
    expect(c.rows.map((r) => r.id)).toEqual([1]);
    c.query = "";
    expect(c.rows).toHaveLength(4);
  });

  test("sorting by name, then reversed; next due reversed", async () => {
    const c = await loaded();
    c.sortBy("name");
    expect(c.rows.map((r) => r.name)).toEqual(["Archie Demomore", "Poppy Mockworth", "Unborn Draftwood", "Zara Sampleley"]);
    c.sortBy("name");
    expect(c.rows[0]?.name).toBe("Zara Sampleley");
    c.sortBy("next_due");
    expect(c.rows.map((r) => r.id)).toEqual([3, 1, 2, 4]);
    c.sortBy("next_due");
    expect(c.rows.map((r) => r.id)).toEqual([4, 2, 1, 3]);
  });
});
