import { describe, expect, test } from "vitest";
import { emptyReviewHistory, historyChanges, historyField, historyOf } from "./review-history";

describe("the history of a child already in care", () => {
  test("nine reviews: the last is recorded as held, and eight came before it", () => {
    const input = { ...emptyReviewHistory(), held: "two_or_more" as const, count: "9", lastReviewOn: "2026-09-10", participation: "PN3" as const, decisionsSentOn: "2026-09-15" };
    const changes = historyChanges(4, input);
    expect(changes.map((c) => c.op)).toEqual(["record_meeting", "set_review_history"]);
    expect(changes[0]).toMatchObject({ child: 4, kind: "lac_review", held_on: "2026-09-10", participation: "PN3", decisions_sent_on: "2026-09-15", record_sent_on: null });
    expect(changes[1]).toEqual({ op: "set_review_history", child: 4, history: { known: "earlier", count: 8 } });
  });

  test("two or more without a number is one earlier review: the next is six months on", () => {
    expect(historyOf({ ...emptyReviewHistory(), held: "two_or_more" })).toEqual({ known: "earlier", count: 1 });
    expect(historyOf({ ...emptyReviewHistory(), held: "two_or_more", count: "1" })).toEqual({ known: "earlier", count: 1 });
    // A number input binds a number once typed.
    expect(historyOf({ ...emptyReviewHistory(), held: "two_or_more", count: 9 })).toEqual({ known: "earlier", count: 8 });
  });

  test("one review is recorded as all there is; none yet records none; not known says so", () => {
    const one = historyChanges(4, { ...emptyReviewHistory(), held: "one", lastReviewOn: "2026-06-01" });
    expect(one.map((c) => c.op)).toEqual(["record_meeting", "set_review_history"]);
    // Said even when nothing came before, so it replaces an earlier "not known yet".
    expect(one[1]).toEqual({ op: "set_review_history", child: 4, history: { known: "recorded" } });
    expect(historyChanges(4, { ...emptyReviewHistory(), held: "none" })).toEqual([
      { op: "set_review_history", child: 4, history: { known: "recorded" } },
    ]);
    expect(historyChanges(4, { ...emptyReviewHistory(), held: "unknown", lastReviewOn: "2026-06-01" })).toEqual([
      { op: "set_review_history", child: 4, history: { known: "unknown" } },
    ]);
  });

  test("Rust's messages land beside the history's fields", () => {
    expect(historyField("held_on", "record_meeting")).toBe("last_review_on");
    expect(historyField("record_sent_on", "record_meeting")).toBe("record_sent_on");
    expect(historyField("history", "set_review_history")).toBe("reviews_held");
    expect(historyField("started_on", "start_care")).toBeNull();
  });
});
