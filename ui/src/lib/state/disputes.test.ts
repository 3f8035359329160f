import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { DisputeFilter, DisputeRow, DisputeView } from "../api";
import { disputeRow, disputesView, ladders, reasons, stageStatus } from "../test-fixtures";
import { DisputeState } from "./dispute.svelte";
import { DisputesState } from "./disputes.svelte";

afterEach(() => clearMocks());

const rows = [
  disputeRow(3, { reason: "assessments", current_stage: 2, current_stage_label: "Stage 2", overdue: true }),
  disputeRow(2, { reason: "planning", current_stage: 1 }),
  disputeRow(6, { kind: "macp", partner_agency: "Police", reason: "planning", current_stage: 2, current_stage_label: "Step 2" }),
  disputeRow(8, {
    reason: "contact",
    open: false,
    outcome: "resolved",
    outcome_label: "Resolved at Stage 1",
    closed_on: "2026-10-02",
  }),
];

describe("DisputesState", () => {
  test("asks Rust for the chosen filter and IRO, and holds exactly what was sent", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      const filter = (args as { req: { filter: DisputeFilter } }).req.filter;
      return disputesView(rows, { filter });
    });
    const d = new DisputesState();
    expect(d.ready).toBe(false);
    await d.load(3);
    expect(d.ready).toBe(true);
    expect(d.rows.map((r) => r.id)).toEqual([3, 2, 6, 8]);
    d.filter = "closed";
    expect(d.stale).toBe(true);
    await d.load(null);
    expect(d.stale).toBe(false);
    expect(calls).toEqual([
      ["get_disputes", { req: { filter: "open", iro: 3 } }],
      ["get_disputes", { req: { filter: "closed", iro: null } }],
    ]);
  });

  test("counts come from Rust (all = open + closed); the badge is the overdue count", async () => {
    mockIPC(() => disputesView(rows));
    const d = new DisputesState();
    expect(d.overdue).toBe(0);
    await d.load(null);
    expect([d.count("open"), d.count("overdue"), d.count("closed"), d.count("all")]).toEqual([3, 1, 1, 4]);
    expect(d.overdue).toBe(1);
  });

  test("reason and stage narrow the rows sent, keeping Rust's order; DRP and MACP stages are distinct", async () => {
    mockIPC(() => disputesView(rows));
    const d = new DisputesState();
    await d.load(null);
    d.reason = "planning";
    expect(d.rows.map((r) => r.id)).toEqual([2, 6]);
    d.stage = "macp:2";
    expect(d.rows.map((r) => r.id)).toEqual([6]);
    d.reason = "";
    d.stage = "drp:2";
    expect(d.rows.map((r) => r.id)).toEqual([3]);
    d.stage = "";
    expect(d.rows).toHaveLength(4);
  });

  test("a refused load keeps the error, typed by kind", async () => {
    mockIPC(() => {
      throw { kind: "not_found", what: "IRO 9" };
    });
    const d = new DisputesState();
    await d.load(9);
    expect(d.view).toBeNull();
    expect(d.error?.kind).toBe("not_found");
    expect(d.ready).toBe(true);
  });
});

describe("DisputeState (one record)", () => {
  const viewOf = (row: DisputeRow): DisputeView => ({ as_of: "2026-11-23", dispute: row, ladders, reasons });

  test("asks Rust for the one dispute and holds what was sent; an unknown one is missing", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      const id = (args as { req: { id: number } }).req.id;
      const row = rows.find((r) => r.id === id);
      if (row === undefined) throw { kind: "not_found", what: `dispute ${id}` };
      return viewOf(row);
    });
    const s = new DisputeState();
    await s.load(6);
    expect(calls).toEqual([["get_dispute", { req: { id: 6 } }]]);
    expect(s.row?.partner_agency).toBe("Police");
    expect(s.ladders?.macp).toHaveLength(2);
    expect(s.missing).toBe(false);
    await s.load(99);
    expect(s.row).toBeNull();
    expect(s.missing).toBe(true);
  });

  test("a stage list with a response and a superseded stage is passed through untouched", async () => {
    const row = disputeRow(4, {
      stages: [
        stageStatus(0, "Informal challenge", { superseded: true }),
        stageStatus(1, "Stage 1", { responded_on: "2026-11-12", response_summary: "Agreed." }),
      ],
    });
    mockIPC(() => viewOf(row));
    const s = new DisputeState();
    await s.load(4);
    expect(s.row).toEqual(row);
  });

  test("a storage failure is an error, not a missing dispute", async () => {
    mockIPC(() => {
      throw { kind: "storage", message: "The store could not be read." };
    });
    const s = new DisputeState();
    await s.load(4);
    expect(s.missing).toBe(false);
    expect(s.error?.kind).toBe("storage");
  });
});
