// The record writer: the meeting's record as the chair types it, saved at every change (never
// on a timer), one save at a time; a change made while a save is in flight is saved as soon as
// it returns, so the last thing typed is always the next thing written. Finalising is one
// change that Rust validates; its refusals come back beside the fields.

import {
  api,
  asCommandError,
  type CommandError,
  type MeetingRecord,
  type RecordEditorView,
  type SignsOfSafety,
} from "../api";
import { placeErrors, type PlacedErrors } from "../form-errors";
import { DateReadings } from "./date-readings";

export type SaveState = "saved" | "saving" | "unsaved" | "failed";

/** A mapping with every field present (the wire lets an older draft leave some out). */
export type FullMapping = Required<SignsOfSafety>;

/** A record with every field present, as the form binds into it. */
export type FullRecord = Required<Omit<MeetingRecord, "signs_of_safety">> & { signs_of_safety: FullMapping | null };

export function emptyMapping(): FullMapping {
  return { harm: "", danger_statements: "", complicating_factors: "", working_well: "", safety_goals: "", next_steps: "", scaling: [] };
}

/** Fills what a stored record left out with empty values. */
export function fullRecord(r: MeetingRecord): FullRecord {
  return {
    held_on: r.held_on ?? null,
    attendance: r.attendance ?? [],
    views_conveyed: r.views_conveyed ?? null,
    child_views: r.child_views ?? "",
    participation: r.participation ?? null,
    child_attended: r.child_attended ?? null,
    advocate_offered: r.advocate_offered ?? null,
    advocate_used: r.advocate_used ?? null,
    signs_of_safety: r.signs_of_safety ? { ...emptyMapping(), ...r.signs_of_safety } : null,
    plan_decision: r.plan_decision ?? null,
    category: r.category ?? null,
    care_plan_endorsed: r.care_plan_endorsed ?? null,
    concerns: r.concerns ?? "",
    decisions: r.decisions ?? [],
    next_meeting_on: r.next_meeting_on ?? null,
  };
}

/** The inputs of the writer that Rust's refusals can sit beside. */
export const RECORD_FIELDS = [
  "held_on",
  "attendance",
  "views_conveyed",
  "child_views",
  "participation",
  "child_attended",
  "advocate_offered",
  "advocate_used",
  "signs_of_safety",
  "scaling",
  "plan_decision",
  "category",
  "care_plan_endorsed",
  "concerns",
  "decisions",
  "next_meeting_on",
  "meeting",
] as const;

export class RecordWriter {
  view = $state.raw<RecordEditorView | null>(null);
  /** The record being written (deeply reactive: the form binds into it). */
  record = $state<FullRecord | null>(null);
  save = $state<SaveState>("saved");
  errors = $state.raw<PlacedErrors>({ byField: {}, general: [] });
  loadError = $state.raw<CommandError | null>(null);
  finalising = $state(false);
  /** What the record's date fields are reading. */
  readonly dates = new DateReadings();
  #saved = "";
  #inFlight = false;

  async load(meeting: number): Promise<void> {
    try {
      const view = await api.meetingRecord(meeting);
      this.view = view;
      this.record = fullRecord(view.record);
      this.#saved = JSON.stringify(this.record);
      this.save = "saved";
      this.loadError = null;
    } catch (e) {
      this.loadError = asCommandError(e);
    }
  }

  get final(): boolean {
    return this.view?.record_status === "final";
  }

  /** Called at every change of the record: saves it unless it is what was saved last. */
  changed(): void {
    if (this.record === null || this.view === null || this.final) return;
    if (JSON.stringify(this.record) === this.#saved) return;
    this.save = "unsaved";
    void this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#inFlight || this.record === null || this.view === null) return;
    const snapshot = JSON.stringify(this.record);
    if (snapshot === this.#saved) {
      this.save = "saved";
      return;
    }
    this.#inFlight = true;
    this.save = "saving";
    try {
      await api.saveDraft(this.view.meeting, JSON.parse(snapshot) as MeetingRecord);
      this.#saved = snapshot;
      this.errors = { byField: {}, general: [] };
    } catch (e) {
      this.errors = placeErrors(asCommandError(e).error, RECORD_FIELDS);
      this.save = "failed";
      return;
    } finally {
      this.#inFlight = false;
    }
    // Whatever changed while that save was in flight is saved now.
    if (JSON.stringify(this.record) !== this.#saved) void this.#flush();
    else this.save = "saved";
  }

  /** Finalises the record: true when Rust accepted it. */
  async finalise(): Promise<boolean> {
    if (this.record === null || this.view === null || this.finalising) return false;
    this.finalising = true;
    try {
      const refused = await this.dates.settled();
      if (Object.keys(refused).length > 0) {
        this.errors = { byField: refused, general: ["A date could not be read: put it right, then finalise."] };
        return false;
      }
      await api.apply([{ op: "finalise_record", meeting: this.view.meeting, record: $state.snapshot(this.record) }]);
      this.errors = { byField: {}, general: [] };
      await this.load(this.view.meeting);
      return true;
    } catch (e) {
      this.errors = placeErrors(asCommandError(e).error, RECORD_FIELDS);
      return false;
    } finally {
      this.finalising = false;
    }
  }
}
