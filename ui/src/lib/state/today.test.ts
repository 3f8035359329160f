import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import { todayView, warning } from "../test-fixtures";
import { FIRST_ROWS, TodayState, WHOLE_GROUP_UP_TO } from "./today.svelte";

afterEach(() => clearMocks());

describe("TodayState", () => {
  test("holds exactly the view Rust sent, for the IRO asked for", async () => {
    const calls: unknown[] = [];
    const sent = todayView([warning(), warning({ kind: "not_booked", severity: "red" })]);
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return sent;
    });
    const today = new TodayState();
    expect(today.ready).toBe(false);
    await today.load(3);
    expect(calls).toEqual([["get_today", { req: { iro: 3 } }]]);
    expect(today.view).toEqual(sent);
    expect(today.error).toBeNull();
    expect(today.ready).toBe(true);
  });

  test("shows only groups with rows, in Rust's order", async () => {
    mockIPC(() => todayView([warning()]));
    const today = new TodayState();
    await today.load(null);
    expect(today.shownGroups.map((g) => g.key)).toEqual(["not_booked"]);
    expect(today.onTrack).toBeNull();
    expect(today.isEmpty).toBe(false);
  });

  test("the meetings booked in time are one on-track line, not a group to act on", async () => {
    const inTime = warning({ kind: "booked_in_time", severity: "info", booked_on: "2026-11-27", meeting: 4 });
    mockIPC(() => todayView([], [inTime]));
    const today = new TodayState();
    await today.load(null);
    expect(today.shownGroups).toEqual([]);
    expect(today.onTrack?.rows).toEqual([inTime]);
    expect(today.isEmpty).toBe(false);
  });

  test("everything empty is the friendly empty state", async () => {
    mockIPC(() => todayView([]));
    const today = new TodayState();
    await today.load(null);
    expect(today.isEmpty).toBe(true);
  });

  test("a refused load keeps the error, typed by kind", async () => {
    mockIPC(() => {
      throw { kind: "not_found", what: "IRO 9" };
    });
    const today = new TodayState();
    await today.load(9);
    expect(today.view).toBeNull();
    expect(today.error?.error).toEqual({ kind: "not_found", what: "IRO 9" });
    expect(today.ready).toBe(true);
  });

  test("a slower, older load never overwrites a newer one", async () => {
    const resolvers: Array<() => void> = [];
    mockIPC((_cmd, args) => {
      const iro = (args as { req: { iro: number } }).req.iro;
      return new Promise((resolve) => {
        resolvers.push(() => resolve(todayView([warning({ iro, child_name: `Child of ${iro}` })])));
      });
    });
    const today = new TodayState();
    const first = today.load(1);
    const second = today.load(2);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    resolvers[1]?.();
    await second;
    resolvers[0]?.();
    await first;
    expect(today.view?.groups[1]?.rows[0]?.child_name).toBe("Child of 2");
  });

  test("a long group shows its first rows until the IRO asks for all of it; a short one is whole", async () => {
    const many = Array.from({ length: WHOLE_GROUP_UP_TO + 1 }, (_, i) => warning({ child: i + 1 }));
    const few = Array.from({ length: WHOLE_GROUP_UP_TO }, (_, i) => warning({ kind: "booked_in_time", child: i + 1 }));
    mockIPC(() => todayView(many, few));
    const today = new TodayState();
    await today.load(null);
    const long = today.shownGroups[0]!;
    expect(today.rowsOf(long)).toEqual(many.slice(0, FIRST_ROWS));
    expect(today.hiddenIn(long)).toBe(many.length - FIRST_ROWS);
    expect(today.rowsOf(today.onTrack!)).toEqual(few);
    expect(today.hiddenIn(today.onTrack!)).toBe(0);
    today.showWhole(long);
    expect(today.rowsOf(long)).toEqual(many);
    expect(today.hiddenIn(long)).toBe(0);
    await today.load(null);
    expect(today.rowsOf(today.shownGroups[0]!)).toHaveLength(many.length);
  });
});
