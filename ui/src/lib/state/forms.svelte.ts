// Which form dialog is open, and what it was opened with. One at a time; any screen can open
// one (Today's "Book", the Child record's actions, the "n" shortcut for a new child).

import {
  api,
  asCommandError,
  type Child,
  type ChildId,
  type ChildView,
  type Concerns,
  type CpEpisode,
  type DisputeLadders,
  type DisputeReason,
  type DisputeRow,
  type BackupRow,
  type IroRef,
  type Iro,
  type LetterPlaceholder,
  type LetterTemplateView,
  type Meeting,
  type MeetingId,
  type MeetingKind,
  type PeriodOfCare,
  type ReasonInUse,
  type RetentionRow,
  type RuleView,
} from "../api";
import { toasts } from "./toasts.svelte";

export interface ChildRef {
  id: ChildId;
  name: string;
}

/** The child a dispute is raised for, with what the form offers from their record. */
export interface DisputeChildRef extends ChildRef {
  siblingGroup: string | null;
  /** The plan to suggest: the care plan, unless the child is only on a CP plan. */
  concerns: Concerns;
  /** The reason to suggest (raised from a decision not carried out), if on the store's list. */
  reason?: DisputeReason;
}

/** A booked meeting as the forms need it. */
export interface BookingRef {
  id: MeetingId;
  kind: MeetingKind;
  on: string | null;
  at: string | null;
  venue: string | null;
  childSeenOn: string | null;
  socialWorkerContactOn: string | null;
  reportsReceivedOn: string | null;
}

export type FormRequest =
  | { form: "add-child" }
  | { form: "edit-child"; child: Child; name: string }
  | { form: "start-care"; child: ChildRef }
  | { form: "end-care"; child: ChildRef; period: PeriodOfCare }
  | { form: "cp-episode"; child: ChildRef; episode: CpEpisode | null }
  | { form: "book"; child: ChildRef; kind: MeetingKind | null; due?: string | null }
  | { form: "move"; child: ChildRef; booking: BookingRef }
  | { form: "cancel"; child: ChildRef; booking: BookingRef; mode: "cancel" | "adjourn" }
  | { form: "record"; child: ChildRef; kind: MeetingKind | null; booking: BookingRef | null }
  | { form: "outcome"; child: ChildRef; meeting: Meeting }
  | { form: "preparation"; child: ChildRef; booking: BookingRef }
  | { form: "review-history"; child: ChildRef }
  | { form: "transfer"; child: ChildRef; current: IroRef | null }
  | { form: "subject-access"; child: ChildRef }
  | { form: "iro"; iro: Iro | null }
  | { form: "rule"; rule: RuleView }
  | { form: "reasons"; reasons: ReasonInUse[] }
  | { form: "letter"; letter: LetterTemplateView; placeholders: LetterPlaceholder[] }
  | { form: "change-passphrase" }
  | { form: "renew-recovery-key" }
  | { form: "encrypt" }
  | { form: "restore"; backup: BackupRow; encrypted: boolean }
  | { form: "erase"; rows: RetentionRow[] }
  | { form: "raise-dispute"; child: DisputeChildRef | null }
  | { form: "decision"; child: ChildRef; decision: number; title: string; mode: "done" | "dropped" }
  | { form: "escalate-dispute"; dispute: DisputeRow; ladders: DisputeLadders }
  | { form: "dispute-response"; dispute: DisputeRow }
  | { form: "dispute-cafcass"; dispute: DisputeRow }
  | { form: "resolve-dispute"; dispute: DisputeRow };

export function bookingOf(m: Meeting): BookingRef {
  return {
    id: m.id,
    kind: m.kind,
    on: m.booked_on ?? null,
    at: m.booked_at ?? null,
    venue: m.venue ?? null,
    childSeenOn: m.child_seen_on ?? null,
    socialWorkerContactOn: m.social_worker_contact_on ?? null,
    reportsReceivedOn: m.reports_received_on ?? null,
  };
}

class Forms {
  current = $state.raw<FormRequest | null>(null);

  open(request: FormRequest): void {
    this.current = request;
  }

  close(): void {
    this.current = null;
  }

  /**
   * Opens a form that needs the child's record first (e.g. moving a booking from the Today
   * screen, where only the meeting id is known).
   */
  async openWithChild(child: ChildId, build: (view: ChildView) => FormRequest | null): Promise<void> {
    try {
      const view = await api.child(child);
      const request = build(view);
      if (request === null) {
        toasts.show("That meeting is no longer in the record.", "error");
      } else {
        this.open(request);
      }
    } catch (e) {
      toasts.show(asCommandError(e).message, "error");
    }
  }
}

export const forms = new Forms();
