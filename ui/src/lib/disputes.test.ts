import { describe, expect, test } from "vitest";
import {
  awaitingResponse,
  disputeEvents,
  formalOver,
  formalText,
  reasonOptions,
  stageFilterGroups,
  stagesAbove,
  visibleDisputes,
  workingDaysAgo,
} from "./disputes";
import { disputeRow, ladders, reasons, stageStatus } from "./test-fixtures";

describe("stage filter", () => {
  test("offers each ladder's rungs, grouped by process, in ladder order", () => {
    const groups = stageFilterGroups(ladders);
    expect(groups.map((g) => g.label)).toEqual(["Dispute resolution (DRP)", "Multi-agency challenge"]);
    expect(groups[0]?.options[0]).toEqual(["drp:0", "Informal challenge"]);
    expect(groups[1]?.options).toEqual([
      ["macp:1", "Step 1"],
      ["macp:2", "Step 2"],
    ]);
  });

  test("a dispute with no stage yet never matches a stage", () => {
    const rows = [disputeRow(1, { current_stage: null, current_stage_label: null }), disputeRow(2, { current_stage: 0 })];
    expect(visibleDisputes(rows, "", "drp:0").map((r) => r.id)).toEqual([2]);
    expect(visibleDisputes(rows, "", "")).toHaveLength(2);
  });
});

describe("what the forms offer", () => {
  test("reasons: the store's own categories, in its order, by code", () => {
    expect(reasonOptions(reasons)).toEqual([
      ["planning", "Care planning"],
      ["education", "Education (PEP)"],
    ]);
    const rows = [disputeRow(1, { reason: "education" }), disputeRow(2, { reason: "planning" })];
    expect(visibleDisputes(rows, "education", "").map((r) => r.id)).toEqual([1]);
  });

  test("escalation: only the rungs above the stage reached (skipping allowed)", () => {
    expect(stagesAbove(ladders, { kind: "drp", current_stage: 1 }).map((s) => s.stage)).toEqual([2, 3, 4]);
    expect(stagesAbove(ladders, { kind: "drp", current_stage: 4 })).toEqual([]);
    expect(stagesAbove(ladders, { kind: "macp", current_stage: 1 }).map((s) => s.label)).toEqual(["Step 2"]);
  });

  test("responses: the unanswered stages, the one reached last first", () => {
    const row = disputeRow(1, {
      stages: [
        stageStatus(0, "Informal challenge", { superseded: true }),
        stageStatus(1, "Stage 1", { responded_on: "2026-11-12" }),
        stageStatus(2, "Stage 2"),
      ],
    });
    expect(awaitingResponse(row).map((s) => s.stage)).toEqual([2, 0]);
  });
});

describe("phrases", () => {
  test("the formal clock as Rust counted it", () => {
    expect(formalText({ elapsed_working_days: 14, limit: 20 })).toBe("14 of 20 working days");
    expect(formalOver({ elapsed_working_days: 24, limit: 20 })).toBe(true);
    expect(formalOver({ elapsed_working_days: 20, limit: 20 })).toBe(false);
  });

  test("working days since the last activity", () => {
    expect(workingDaysAgo(0)).toBe("today");
    expect(workingDaysAgo(1)).toBe("1 working day ago");
    expect(workingDaysAgo(7)).toBe("7 working days ago");
  });
});

describe("disputeEvents", () => {
  test("stages, the referral and the close in date order; the awaited stage is marked", () => {
    const open = disputeRow(1, {
      stages: [stageStatus(1, "Stage 1", { raised_on: "2026-11-03", responded_on: "2026-11-09" }), stageStatus(2, "Stage 2", { raised_on: "2026-11-12" })],
      cafcass_referred_on: "2026-11-05",
    });
    const events = disputeEvents(open);
    expect(events.map((e) => e.kind)).toEqual(["stage", "cafcass", "stage"]);
    expect(events.map((e) => (e.kind === "stage" ? e.current : null))).toEqual([false, null, true]);

    const closed = { ...open, open: false, closed_on: "2026-11-20", outcome_label: "Resolved at Stage 2", cafcass_referred_on: null };
    const last = disputeEvents(closed).at(-1);
    expect(last).toEqual({ kind: "closed", date: "2026-11-20", label: "Resolved at Stage 2" });
    expect(disputeEvents(closed).some((e) => e.kind === "stage" && e.current)).toBe(false);
  });

  test("a referral to Cafcass that ended the dispute is told once, by the close", () => {
    const referred = disputeRow(9, {
      open: false,
      outcome: "referred_to_cafcass",
      outcome_label: "Referred to Cafcass at Stage 1",
      closed_on: "2026-11-20",
      cafcass_referred_on: "2026-11-20",
    });
    expect(disputeEvents(referred).map((e) => e.kind)).toEqual(["stage", "closed"]);
    const earlier = { ...referred, cafcass_referred_on: "2026-11-16" };
    expect(disputeEvents(earlier).map((e) => e.kind)).toEqual(["stage", "cafcass", "closed"]);
  });
});
