import { describe, expect, test } from "vitest";
import type { Meeting } from "./api";
import { timelineOf } from "./timeline";

const meeting = (id: number, status: Meeting["status"], held_on: string | null, booked_on: string | null): Meeting => ({
  id,
  child: 12,
  kind: "lac_review",
  status,
  booked_on,
  held_on,
});

describe("timelineOf", () => {
  test("care, protection and meetings in date order; undated last; ties keep care first", () => {
    const entries = timelineOf({
      care_periods: [{ id: 1, child: 12, started_on: "2026-01-05", ended_on: "2026-09-01", legal_status: "C2", regime: "full_care" }],
      cp_episodes: [{ id: 2, child: 12, strategy_on: "2026-03-02", plan_started_on: "2026-03-20", initial_category: "NEG" }],
      meetings: [
        meeting(10, "held", "2026-01-30", null),
        meeting(11, "booked", null, "2026-12-01"),
        meeting(12, "cancelled", null, "2026-03-20"),
        meeting(13, "adjourned", null, null),
      ],
    });
    const summary = entries.map((e) => (e.kind === "meeting" ? `${e.date ?? "-"} meeting ${e.meeting.id}` : `${e.date} ${e.title}`));
    expect(summary).toEqual([
      "2026-01-05 Became looked after",
      "2026-01-30 meeting 10",
      "2026-03-02 Strategy discussion (s47 initiated)",
      "2026-03-20 Child protection plan started",
      "2026-03-20 meeting 12",
      "2026-09-01 Ceased to be looked after",
      "2026-12-01 meeting 11",
      "- meeting 13",
    ]);
  });
});
