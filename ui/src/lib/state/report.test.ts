import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { PeriodRequest, ReportRequest, ReportView } from "../api";
import { ReportState } from "./report.svelte";

afterEach(() => clearMocks());

function Y(start_year: number): PeriodRequest {
  return { kind: "year", start_year };
}

/** The period Rust works out for a request (only the years and one quarter these tests use). */
function periodOf(p: PeriodRequest): ReportView["period"] {
  if (p.kind === "quarter") return { kind: "quarter", starts_on: "2025-10-01", ends_on: "2025-12-31", label: "October–December 2025" };
  const start = p.kind === "year" ? p.start_year : 0;
  return { kind: "year", starts_on: `${start}-04-01`, ends_on: `${start + 1}-03-31`, label: `${start}–${String((start + 1) % 100).padStart(2, "0")}` };
}

/** The store's counting convention in these tests (Rust's defaults use it when options are null). */
const STORE_DEFAULTS = {
  convention: "event_day_is_day_one",
  ended_on_31_march_counts: false,
  pn4_counts_as_participation: true,
  icpc_base: "strategy_discussion",
  scope: "both",
  dispute_kind: null,
  short_breaks: "apart",
} as const;

/** A report as Rust would send it for a request (one LAC figure, no charts). */
function viewFor(req: ReportRequest): ReportView {
  const only = req.iros.kind === "only" ? req.iros.iros : null;
  return {
    period: periodOf(req.period),
    previous_period: periodOf(req.period.kind === "year" ? Y(req.period.start_year - 1) : req.period),
    all_iros: only === null,
    iros: (only ?? [1, 2]).map((id) => ({ id, name: `Demo IRO ${id}`, fte: 1 })),
    options: req.options ?? STORE_DEFAULTS,
    choices: ["The reporting year runs from 1 April to 31 March."],
    sections: [
      {
        id: "lac",
        title: "Looked-after children",
        figures: [
          {
            id: "lac.reviews_in_timescale",
            label: "LAC reviews held within timescale",
            definition: "Reviews held on or before their due date.",
            this_period: { value: { kind: "percent", numerator: 54, denominator: 66 }, text: "54 of 66 (82%)", number: 81.8 },
            previous_period: { value: { kind: "percent", numerator: 0, denominator: 0 }, text: "—", number: null },
          },
        ],
        charts: [],
      },
    ],
    caseloads: [],
    month_ends: [],
    band: [50, 70],
    made_on: "2026-11-23",
  };
}

describe("ReportState", () => {
  test("asks Rust for the year and whose figures (all, one, several), and holds exactly what was sent", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return viewFor((args as { req: ReportRequest }).req);
    });
    const r = new ReportState();
    expect(r.ready).toBe(false);
    await r.load(Y(2025));
    r.chooseIros([2]);
    await r.load(Y(2024));
    r.chooseIros([3, 1]);
    await r.load(Y(2024));
    expect(calls).toEqual([
      ["get_report", { req: { period: Y(2025), iros: { kind: "all" }, options: null } }],
      ["get_report", { req: { period: Y(2024), iros: { kind: "only", iros: [2] }, options: null } }],
      ["get_report", { req: { period: Y(2024), iros: { kind: "only", iros: [1, 3] }, options: null } }],
    ]);
    expect(r.ready).toBe(true);
    expect(r.stale).toBe(false);
    expect(r.view?.period.label).toBe("2024–25");
    expect(r.view?.iros.map((i) => i.id)).toEqual([1, 3]);
    expect(r.view?.sections[0]?.figures[0]?.this_period.text).toBe("54 of 66 (82%)");
    expect(r.request).toEqual({ period: Y(2024), iros: { kind: "only", iros: [1, 3] }, options: null });
  });

  test("starts from the IRO it is given (the Caseload of selection)", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return viewFor((args as { req: ReportRequest }).req);
    });
    const r = new ReportState([4]);
    await r.load(Y(2025));
    expect(calls).toEqual([["get_report", { req: { period: Y(2025), iros: { kind: "only", iros: [4] }, options: null } }]]);
  });

  test("options are null until a choice is changed; then all are sent; reset is null again", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return viewFor((args as { req: ReportRequest }).req);
    });
    const r = new ReportState();
    expect(r.counting).toBeNull();
    await r.load(Y(2025));
    // The controls show what Rust used: here the store's convention (day 1).
    expect(r.counting).toEqual(STORE_DEFAULTS);
    r.choose("pn4_counts_as_participation", false);
    await r.load(Y(2025));
    r.choose("icpc_base", "s47_start");
    r.chooseIros([1, 2]);
    await r.load(Y(2025));
    expect(r.counting?.icpc_base).toBe("s47_start");
    r.resetOptions();
    await r.load(Y(2025));
    const pn4Off = { ...STORE_DEFAULTS, pn4_counts_as_participation: false };
    expect(calls).toEqual([
      ["get_report", { req: { period: Y(2025), iros: { kind: "all" }, options: null } }],
      ["get_report", { req: { period: Y(2025), iros: { kind: "all" }, options: pn4Off } }],
      ["get_report", { req: { period: Y(2025), iros: { kind: "only", iros: [1, 2] }, options: { ...pn4Off, icpc_base: "s47_start" } } }],
      ["get_report", { req: { period: Y(2025), iros: { kind: "only", iros: [1, 2] }, options: null } }],
    ]);
    expect(r.options).toBeNull();
    expect(r.counting).toEqual(STORE_DEFAULTS);
    // An export sends the same request as the screen.
    expect(r.request).toEqual({ period: Y(2025), iros: { kind: "only", iros: [1, 2] }, options: null });
  });

  test("while another year or IRO is on its way, the report shown is stale", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    mockIPC(async (_cmd, args) => {
      const req = (args as { req: ReportRequest }).req;
      if (!first) await gate;
      first = false;
      return viewFor(req);
    });
    const r = new ReportState();
    await r.load(Y(2025));
    r.chooseIros([1]);
    const next = r.load(Y(2025));
    expect(r.stale).toBe(true);
    expect(r.ready).toBe(false);
    release();
    await next;
    expect(r.stale).toBe(false);
    expect(r.view?.all_iros).toBe(false);
  });

  test("while a recount with other choices is on its way, the report shown is stale", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    mockIPC(async (_cmd, args) => {
      const req = (args as { req: ReportRequest }).req;
      if (!first) await gate;
      first = false;
      return viewFor(req);
    });
    const r = new ReportState();
    await r.load(Y(2025));
    r.choose("ended_on_31_march_counts", true);
    const next = r.load(Y(2025));
    expect(r.stale).toBe(true);
    release();
    await next;
    expect(r.stale).toBe(false);
    expect(r.view?.options.ended_on_31_march_counts).toBe(true);
  });

  test("a year Rust refuses is an error, typed by kind, and the request is kept for a retry", async () => {
    mockIPC(() => {
      throw { kind: "bad_input", message: "No reporting year starts in 999999." };
    });
    const r = new ReportState();
    await r.load(Y(999999));
    expect(r.view).toBeNull();
    expect(r.error?.kind).toBe("bad_input");
    expect(r.request?.period).toEqual(Y(999999));
  });

  test("a quarter is asked for by its numbers; the screen shows it when Rust has sent it", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return viewFor((args as { req: ReportRequest }).req);
    });
    const r = new ReportState();
    await r.load(Y(2025));
    const quarter: PeriodRequest = { kind: "quarter", year: 2025, first_month: 10 };
    r.choosePeriod(quarter);
    expect(r.period).toEqual(quarter);
    await r.load(quarter);
    expect(calls.at(-1)).toEqual(["get_report", { req: { period: quarter, iros: { kind: "all" }, options: null } }]);
    expect(r.view?.period.label).toBe("October–December 2025");
    expect(r.stale).toBe(false);
    r.choosePeriod(null);
    expect(r.period).toBeNull();
  });
});
