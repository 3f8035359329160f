// The child's record as one list in date order: periods of care, child-protection episodes and
// meetings, each as Rust recorded them. Presentation only: it orders dates Rust sent (ISO strings
// sort as dates) and names the events; it derives no date.

import type { ChildView, CpEpisode, Meeting, PeriodOfCare } from "./api";
import { ABUSE_CATEGORY, LEGAL_STATUS, REGIME } from "./format/labels";

export type TimelineEntry =
  | { kind: "care"; date: string; title: string; detail: string; period: PeriodOfCare }
  | { kind: "protection"; date: string; title: string; detail: string; episode: CpEpisode }
  | { kind: "meeting"; date: string | null; meeting: Meeting };

function careEntries(p: PeriodOfCare): TimelineEntry[] {
  const out: TimelineEntry[] = [
    {
      kind: "care",
      date: p.started_on,
      title: "Became looked after",
      detail: `${LEGAL_STATUS[p.legal_status]}; ${REGIME[p.regime]}`,
      period: p,
    },
  ];
  if (p.ended_on) out.push({ kind: "care", date: p.ended_on, title: "Ceased to be looked after", detail: "", period: p });
  return out;
}

function protectionEntries(e: CpEpisode): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const add = (date: string | null | undefined, title: string, detail = ""): void => {
    if (date) out.push({ kind: "protection", date, title, detail, episode: e });
  };
  add(e.strategy_on, "Strategy discussion (s47 initiated)");
  add(e.s47_started_on, "Section 47 enquiry started");
  add(e.transfer_in_notified_on, "Notified of a transfer in");
  add(e.plan_started_on, "Child protection plan started", e.initial_category ? ABUSE_CATEGORY[e.initial_category] : "");
  add(
    e.plan_ended_on,
    "Child protection plan ended",
    e.latest_category ? `Latest category ${ABUSE_CATEGORY[e.latest_category]}` : "",
  );
  add(e.closed_on, "Closed without a plan");
  return out;
}

/** The date a meeting sits at: when it was held, else when it is (or was) booked. */
export function meetingDate(m: Meeting): string | null {
  return m.held_on ?? m.booked_on ?? null;
}

/** Everything in the record, oldest first; undated entries last. Ties keep care, CP, meetings. */
export function timelineOf(view: Pick<ChildView, "care_periods" | "cp_episodes" | "meetings">): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...view.care_periods.flatMap(careEntries),
    ...view.cp_episodes.flatMap(protectionEntries),
    ...view.meetings.map((meeting): TimelineEntry => ({ kind: "meeting", date: meetingDate(meeting), meeting })),
  ];
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const da = a.entry.date;
      const db = b.entry.date;
      if (da === db) return a.index - b.index;
      if (da === null) return 1;
      if (db === null) return -1;
      return da < db ? -1 : 1;
    })
    .map(({ entry }) => entry);
}
