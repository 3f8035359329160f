// The history of a child already in care (issue 13): what the IRO says about the reviews held
// before they entered the child, turned into the changes that record it. The last review held is
// recorded as a meeting and the history says how many came before it; Rust dates the next review.

import type { ChildId, Change, MeetingKind, MeetingOutcome, Participation, ReviewHistory } from "../lib/api";
import { numberOrNull, orNull } from "./values";

/** How many reviews the period of care has had, as the IRO knows it. */
export type ReviewsHeld = "" | "none" | "one" | "two_or_more" | "unknown";

export interface ReviewHistoryInput {
  held: ReviewsHeld;
  /** With "two or more": how many in all, if known (blank: two or more). A number input binds
   * a number once typed. */
  count: string | number;
  lastReviewOn: string;
  /** The last review's participation code (Rust offers the codes for the child's age). */
  participation: Participation | "";
  decisionsSentOn: string;
  recordSentOn: string;
}

export const REVIEWS_HELD: ReadonlyArray<readonly [ReviewsHeld, string]> = [
  ["none", "None yet"],
  ["one", "One (the first)"],
  ["two_or_more", "Two or more"],
  ["unknown", "Not known yet"],
];

export function emptyReviewHistory(): ReviewHistoryInput {
  return { held: "", count: "", lastReviewOn: "", participation: "", decisionsSentOn: "", recordSentOn: "" };
}

/** True when the IRO says reviews were held, so the last one is asked for. */
export function asksForLastReview(input: ReviewHistoryInput): boolean {
  return input.held === "one" || input.held === "two_or_more";
}

/** The history the store keeps: how many reviews came before the last one recorded. */
export function historyOf(input: ReviewHistoryInput): ReviewHistory {
  switch (input.held) {
    case "unknown":
      return { known: "unknown" };
    case "two_or_more": {
      const all = numberOrNull(input.count);
      const earlier = all !== null && Number.isInteger(all) && all >= 2 ? all - 1 : 1;
      return { known: "earlier", count: earlier };
    }
    default:
      return { known: "recorded" };
  }
}

/** The changes that record the history, after the child's period of care has started. */
export function historyChanges(child: ChildId, input: ReviewHistoryInput): Change[] {
  const changes: Change[] = [];
  if (asksForLastReview(input)) {
    const past = { heldOn: input.lastReviewOn, decisionsSentOn: input.decisionsSentOn, recordSentOn: input.recordSentOn };
    changes.push(pastMeeting(child, "lac_review", past, input.participation === "" ? null : input.participation));
  }
  // Always said, so an answer replaces an earlier "not known yet".
  changes.push({ op: "set_review_history", child, history: historyOf(input) });
  return changes;
}

/** Maps a refused change's field to the field of the history form that shows it. */
export function historyField(field: string, op: string): string | null {
  if (op === "record_meeting") return field === "held_on" ? "last_review_on" : field;
  if (op === "set_review_history") return "reviews_held";
  return null;
}

/** A meeting held before the child was entered, with whether its decisions and record went out. */
export function pastMeeting(
  child: ChildId,
  kind: MeetingKind,
  { heldOn, decisionsSentOn, recordSentOn }: { heldOn: string; decisionsSentOn: string; recordSentOn: string },
  participation: Participation | null = null,
): Change {
  const outcome: MeetingOutcome = {
    held_on: heldOn,
    participation,
    advocate_offered: null,
    advocate_used: null,
    child_seen_on: null,
    decisions_sent_on: orNull(decisionsSentOn),
    record_sent_on: orNull(recordSentOn),
    quorate: null,
    early_reason: null,
    plan_decision: null,
    category: null,
    child_attended: null,
    social_worker_contact_on: null,
    reports_received_on: null,
  };
  return { op: "record_meeting", id: null, child, kind, ...outcome };
}
