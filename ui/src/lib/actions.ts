// What the row buttons on the Today screen and the Child record open. Reads what Rust sent
// (the warning's meeting, booking and kind) and picks the form; decides no rule.

import { api, asCommandError, type ChildView, type Warning } from "./api";
import { disputeHref } from "./route";
import { bookingOf, forms, type ChildRef } from "./state/forms.svelte";
import { toasts } from "./state/toasts.svelte";

function childOf(w: Warning): ChildRef | null {
  return w.child === null ? null : { id: w.child, name: w.child_name ?? "" };
}

function findMeeting(view: ChildView, id: number | null) {
  return id === null ? undefined : view.meetings.find((m) => m.id === id);
}

export const warningActions = {
  onbook(w: Warning): void {
    const child = childOf(w);
    if (child !== null) forms.open({ form: "book", child, kind: w.meeting_kind, due: w.due });
  },
  onrecord(w: Warning): void {
    const child = childOf(w);
    if (child === null) return;
    const booking =
      w.booked_on !== null && w.meeting !== null && w.meeting_kind !== null
        ? {
            id: w.meeting,
            kind: w.meeting_kind,
            on: w.booked_on,
            at: null,
            venue: null,
            childSeenOn: null,
            socialWorkerContactOn: null,
            reportsReceivedOn: null,
          }
        : null;
    if (booking === null) {
      forms.open({ form: "record", child, kind: w.meeting_kind, booking: null });
    } else {
      // The booking's recorded visit (if any) prefills the form: fetch the record first.
      void forms.openWithChild(child.id, (view) => {
        const m = findMeeting(view, booking.id);
        return { form: "record", child, kind: w.meeting_kind, booking: m === undefined ? booking : bookingOf(m) };
      });
    }
  },
  /** A child already in care whose earlier reviews are not recorded. */
  onhistory(w: Warning): void {
    const child = childOf(w);
    if (child !== null) forms.open({ form: "review-history", child });
  },
  onmove(w: Warning): void {
    const child = childOf(w);
    if (child === null) return;
    void forms.openWithChild(child.id, (view) => {
      const m = findMeeting(view, w.meeting);
      return m === undefined ? null : { form: "move", child, booking: bookingOf(m) };
    });
  },
  onprepare(w: Warning): void {
    const child = childOf(w);
    if (child === null) return;
    void forms.openWithChild(child.id, (view) => {
      const m = findMeeting(view, w.meeting);
      return m === undefined ? null : { form: "preparation", child, booking: bookingOf(m) };
    });
  },
  ondecision(w: Warning, mode: "done" | "dropped"): void {
    const child = childOf(w);
    if (child === null || w.decision === null) return;
    forms.open({ form: "decision", child, decision: w.decision, title: w.message, mode });
  },
  /** A decision nobody carried out: the DRP form, filled in for the child and the plan. */
  ondispute(w: Warning): void {
    const child = childOf(w);
    if (child === null) return;
    void forms.openWithChild(child.id, (view) => {
      const made = findMeeting(view, w.meeting);
      return {
        form: "raise-dispute",
        child: {
          ...child,
          siblingGroup: view.child.sibling_group ?? null,
          concerns: made === undefined || made.kind === "lac_review" ? "lac_plan" : "cp_plan",
          reason: "progress_of_plan",
        },
      };
    });
  },
  onview(w: Warning): void {
    if (w.dispute !== null) location.hash = disputeHref(w.dispute);
  },
  /** An overdue or answered dispute: the escalation form, on the dispute as it stands now. */
  onescalate(w: Warning): void {
    if (w.dispute === null) return;
    api.dispute(w.dispute).then(
      (view) => forms.open({ form: "escalate-dispute", dispute: view.dispute, ladders: view.ladders }),
      (e: unknown) => toasts.show(asCommandError(e).message, "error"),
    );
  },
  onoutcome(w: Warning): void {
    const child = childOf(w);
    if (child === null) return;
    void forms.openWithChild(child.id, (view) => {
      const m = findMeeting(view, w.meeting);
      return m === undefined ? null : { form: "outcome", child, meeting: m };
    });
  },
};
