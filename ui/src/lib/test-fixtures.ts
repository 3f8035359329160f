// Small, typed view models for tests (typed against the generated bindings, so they break when
// the wire contract changes). Synthetic names only.

import type {
  CaseloadRow,
  CaseloadView,
  ChildView,
  DisputeLadders,
  DisputeReasons,
  DisputeRow,
  DisputesView,
  Explanation,
  StageStatus,
  TodayView,
  Warning,
} from "./api";

export const explanation: Explanation = {
  rule: "lac-first-review",
  reference: "L2",
  title: "First LAC review",
  source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(1)",
  value: 20,
  default: 20,
  base: { label: "the child became looked after", on: "2026-11-02" },
  counting: { kind: "working_days", convention: "event_day_is_day_zero", skipped: [], backward: false },
  due: "2026-11-30",
  plan_by: "2026-11-30",
  provisional: false,
  provisional_years: [],
  notes: [],
  text: [
    "First LAC review due Mon 30 Nov 2026: 20 working days after the child became looked after (Mon 2 Nov 2026).",
    "Rule lac-first-review (L2): Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(1).",
  ],
};

export function warning(overrides: Partial<Warning> = {}): Warning {
  return {
    child: 12,
    child_name: "Sample Testwood",
    iro: 1,
    kind: "not_booked",
    severity: "amber",
    title: "First LAC review",
    message: "First LAC review due Mon 30 Nov 2026 (5 working days left). Not booked: book it by Mon 30 Nov 2026.",
    flags: [
      {
        kind: "not_booked",
        severity: "amber",
        label: "Not booked",
        message: "Not booked: book it by Mon 30 Nov 2026.",
      },
    ],
    rule: "lac-first-review",
    meeting_kind: "lac_review",
    due: "2026-11-30",
    plan_by: "2026-11-30",
    working_days_left: 5,
    booked_on: null,
    meeting: null,
    dispute: null,
    decision: null,
    why: {
      child: 12,
      as_of: "2026-11-23",
      rule: "lac-first-review",
      due: "2026-11-30",
      meeting: null,
      dispute: null,
    },
    ...overrides,
  };
}

export function todayView(rows: Warning[] = [warning()], onTrack: Warning[] = []): TodayView {
  return {
    as_of: "2026-11-23",
    iro: null,
    counts: { overdue: 0, red: 0, amber: rows.length, info: onTrack.length },
    needs_attention: false,
    groups: [
      { key: "overdue", title: "Overdue", rows: [] },
      { key: "not_booked", title: "Not booked", rows },
      { key: "booked_after_due", title: "Booked after the due date", rows: [] },
      { key: "my_work", title: "Your write-ups and preparation", rows: [] },
      { key: "others", title: "Waiting on others", rows: [] },
      { key: "information", title: "For information", rows: [] },
      { key: "on_track", title: "On track: booked in time", rows: onTrack },
    ],
  };
}

export function caseloadRow(id: number, name: string, overrides: Partial<CaseloadRow> = {}): CaseloadRow {
  return {
    id,
    name,
    age: 10,
    expected_birth_on: null,
    status: "lac",
    local_ref: `DEMO-${String(id).padStart(5, "0")}`,
    sibling_group: null,
    iro: { id: 1, name: "Test IRO One" },
    next_due: null,
    worst: null,
    warning_count: 0,
    ...overrides,
  };
}

export function caseloadView(rows: CaseloadRow[]): CaseloadView {
  return { as_of: "2026-11-23", iro: null, rows, loads: [] };
}

export function childView(overrides: Partial<ChildView> = {}): ChildView {
  return {
    as_of: "2026-11-23",
    child: { id: 12, first_name: "Sample", last_name: "Testwood", born_on: "2016-04-12", sex: "female" },
    name: "Sample Testwood",
    age: 10,
    iro: { id: 1, name: "Test IRO One" },
    allocations: [],
    siblings: [],
    care_periods: [],
    cp_episodes: [],
    meetings: [],
    due: [],
    disputes: [],
    warnings: [],
    participation: [],
    recorded_meetings: [],
    transferred_out: null,
    ...overrides,
  };
}

/** A store's own reason list (not the defaults: the UI must not assume any). */
export const reasons: DisputeReasons = [
  { code: "planning", label: "Care planning" },
  { code: "education", label: "Education (PEP)" },
];

export const ladders: DisputeLadders = {
  drp: [
    { stage: 0, label: "Informal challenge", target: "Social Worker / Team Manager", response: "rule", formal: false },
    { stage: 1, label: "Stage 1", target: "Team Manager", response: "rule", formal: true },
    { stage: 2, label: "Stage 2", target: "Service Manager", response: "rule", formal: true },
    { stage: 3, label: "Stage 3", target: "Head of Service / Strategic Manager", response: "rule", formal: true },
    { stage: 4, label: "Stage 4", target: "Director of Children's Services", response: "rule", formal: true },
  ],
  macp: [
    { stage: 1, label: "Step 1", target: "Practitioner to practitioner", response: { working_days: 2 }, formal: true },
    { stage: 2, label: "Step 2", target: "Line managers", response: { working_days: 5 }, formal: true },
  ],
};

export function stageStatus(stage: number, label: string, overrides: Partial<StageStatus> = {}): StageStatus {
  return {
    stage,
    label,
    target: "Team Manager",
    formal: stage > 0,
    raised_on: "2026-11-10",
    sent_to: "Team Manager",
    response_due: { rule: "drp-stage-response", due: "2026-11-17", plan_by: "2026-11-17", provisional: false, explanation },
    responded_on: null,
    response_summary: null,
    superseded: false,
    ...overrides,
  };
}

export function disputeRow(id: number, overrides: Partial<DisputeRow> = {}): DisputeRow {
  return {
    id,
    child: { id: 12, name: "Sample Testwood" },
    iro: { id: 1, name: "Test IRO One" },
    kind: "drp",
    kind_label: "Dispute resolution (DRP)",
    concerns: "lac_plan",
    concerns_label: "the care plan",
    reason: "planning",
    reason_label: "Planning",
    sibling_group: null,
    partner_agency: null,
    raised_on: "2026-11-10",
    open: true,
    current_stage: 1,
    current_stage_label: "Stage 1",
    stages: [stageStatus(1, "Stage 1")],
    response_due: null,
    response_working_days_left: null,
    formal: null,
    last_activity_on: "2026-11-10",
    last_activity: "Stage 1 raised",
    working_days_since_activity: 9,
    cafcass_referred_on: null,
    awaiting_cafcass_since: null,
    outcome: null,
    outcome_label: null,
    closed_on: null,
    overdue: false,
    warnings: [],
    ...overrides,
  };
}

export function disputesView(rows: DisputeRow[], overrides: Partial<DisputesView> = {}): DisputesView {
  return {
    as_of: "2026-11-23",
    iro: null,
    filter: "open",
    counts: {
      open: rows.filter((r) => r.open).length,
      overdue: rows.filter((r) => r.overdue).length,
      closed: rows.filter((r) => !r.open).length,
    },
    disputes: rows,
    ladders,
    reasons,
    ...overrides,
  };
}
