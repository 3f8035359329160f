// Presentation over the disputes Rust sent: narrowing the list by reason and stage, the rungs a
// form may offer (read from the ladders in force), the store's reason categories as choices, and
// a few phrases. No date is computed here:
// every due date, working-day count and label comes from Rust.

import type {
  DisputeKind,
  DisputeLadders,
  DisputeReason,
  DisputeReasons,
  DisputeRow,
  FormalClock,
  LadderStep,
  StageStatus,
} from "./api";
import { DISPUTE_KIND } from "./format/labels";
import { plural } from "./format/text";

/** A stage as the stage filter names it: the process and the rung ("drp:2"). */
export function stageKey(kind: DisputeKind, stage: number): string {
  return `${kind}:${stage}`;
}

export interface StageGroup {
  label: string;
  options: Array<[string, string]>;
}

/** The stage filter's choices, grouped by process, in ladder order. */
export function stageFilterGroups(ladders: DisputeLadders): StageGroup[] {
  const group = (kind: DisputeKind): StageGroup => ({
    label: DISPUTE_KIND[kind],
    options: ladders[kind].map((s) => [stageKey(kind, s.stage), s.label]),
  });
  return [group("drp"), group("macp")];
}

/** The store's reason categories as select choices (code, label), in the store's order. */
export function reasonOptions(reasons: DisputeReasons): Array<[DisputeReason, string]> {
  return reasons.map((r) => [r.code, r.label]);
}

/** The rows with this reason ("" = any) at this stage ("" = any), in Rust's order. */
export function visibleDisputes(rows: readonly DisputeRow[], reason: DisputeReason | "", stage: string): DisputeRow[] {
  return rows.filter(
    (r) =>
      (reason === "" || r.reason === reason) &&
      (stage === "" || (r.current_stage !== null && stageKey(r.kind, r.current_stage) === stage)),
  );
}

/** The rungs a dispute may be escalated to: every one above the stage it has reached. */
export function stagesAbove(ladders: DisputeLadders, row: Pick<DisputeRow, "kind" | "current_stage">): LadderStep[] {
  const current = row.current_stage;
  return ladders[row.kind].filter((s) => current === null || s.stage > current);
}

/** The stages raised on a dispute with no response recorded yet, the one reached last first. */
export function awaitingResponse(row: Pick<DisputeRow, "stages">): StageStatus[] {
  return row.stages.filter((s) => s.responded_on === null).reverse();
}

/** The stage reached: the last one raised. */
export function lastStage(row: Pick<DisputeRow, "stages">): StageStatus | null {
  return row.stages[row.stages.length - 1] ?? null;
}

/** "14 of 20 working days". */
export function formalText(formal: Pick<FormalClock, "elapsed_working_days" | "limit">): string {
  return `${formal.elapsed_working_days} of ${plural(formal.limit, "working day")}`;
}

/** Over the limit Rust sent (elapsed and limit both from Rust). */
export function formalOver(formal: Pick<FormalClock, "elapsed_working_days" | "limit">): boolean {
  return formal.elapsed_working_days > formal.limit;
}

/** "today", "1 working day ago", "7 working days ago". */
export function workingDaysAgo(n: number): string {
  return n <= 0 ? "today" : `${plural(n, "working day")} ago`;
}

/** One line of a dispute's record: a stage raised, the referral to Cafcass, or the close. */
export type DisputeEvent =
  | { kind: "stage"; date: string; stage: StageStatus; current: boolean }
  | { kind: "cafcass"; date: string }
  | { kind: "closed"; date: string; label: string };

/**
 * The dispute's record, oldest first (ISO dates sort as dates; ties keep stages, then the
 * referral, then the close). `current` marks the stage whose response is awaited now.
 */
export function disputeEvents(
  row: Pick<DisputeRow, "stages" | "cafcass_referred_on" | "closed_on" | "outcome" | "outcome_label" | "open">,
): DisputeEvent[] {
  const last = row.stages.length - 1;
  const events: DisputeEvent[] = row.stages.map((stage, i) => ({
    kind: "stage",
    date: stage.raised_on,
    stage,
    current: row.open && i === last && stage.responded_on === null,
  }));
  // A referral that ended the dispute is told once, by the close ("Referred to Cafcass at Stage 3").
  const endedByReferral = row.outcome === "referred_to_cafcass" && row.closed_on === row.cafcass_referred_on;
  if (row.cafcass_referred_on && !endedByReferral) events.push({ kind: "cafcass", date: row.cafcass_referred_on });
  if (row.closed_on) events.push({ kind: "closed", date: row.closed_on, label: row.outcome_label ?? "Closed" });
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.date === b.event.date ? a.index - b.index : a.event.date < b.event.date ? -1 : 1))
    .map(({ event }) => event);
}
