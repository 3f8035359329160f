// Words for the codes Rust sends, for display and for <select> options. Presentation only: the
// meaning of a code in a rule (which legal status is a short break, which participation code
// fits an age) is decided in Rust; these are just names. Records keyed by the generated union
// types, so a new variant in Rust fails `npm run check` until it is named here.

import { session } from "../state/session.svelte";
import type {
  AbuseCategory,
  Attendance,
  CaseStatus,
  Concerns,
  Convention,
  DisputeKind,
  DisputeOutcome,
  Ethnicity,
  HolidayOrigin,
  LegalStatus,
  Measure,
  MeetingKind,
  MeetingStatus,
  PlanDecision,
  Regime,
  Severity,
  Sex,
} from "../api";

/** "LAC" or "CLA": what the authority calls a child in care, as Rust's settings say. */
export function lacWord(): string {
  return session.info?.lac_word ?? "LAC";
}

export const MEETING_KIND: Record<MeetingKind, string> = {
  get lac_review(): string {
    return `${lacWord()} review`;
  },
  icpc: "Initial child protection conference",
  cp_review: "CP review conference",
  transfer_in_conference: "Transfer-in conference",
  core_group: "Core group",
};

export const MEETING_STATUS: Record<MeetingStatus, string> = {
  booked: "Booked",
  held: "Held",
  cancelled: "Cancelled",
  adjourned: "Adjourned",
};

export const CASE_STATUS: Record<CaseStatus, string> = {
  lac: "Looked after",
  cp: "Child protection",
  both: "Looked after + CP",
  closed: "Closed",
};

/** Short forms for dense tables. */
export const CASE_STATUS_SHORT: Record<CaseStatus, string> = {
  get lac(): string {
    return lacWord();
  },
  cp: "CP",
  get both(): string {
    return `${lacWord()} + CP`;
  },
  closed: "Closed",
};

export const DISPUTE_KIND: Record<DisputeKind, string> = {
  drp: "Dispute resolution (DRP)",
  macp: "Multi-agency challenge",
};

/** Short forms for dense tables. */
export const DISPUTE_KIND_SHORT: Record<DisputeKind, string> = {
  drp: "DRP",
  macp: "MACP",
};

export const CONCERNS: Record<Concerns, string> = {
  lac_plan: "The care plan",
  cp_plan: "The child protection plan",
};

/** Short forms for dense tables. */
export const CONCERNS_SHORT: Record<Concerns, string> = {
  lac_plan: "Care plan",
  cp_plan: "CP plan",
};

export const DISPUTE_OUTCOME: Record<DisputeOutcome, string> = {
  resolved: "Resolved",
  withdrawn: "Withdrawn",
  referred_to_cafcass: "Referred to Cafcass",
};

export const SEVERITY: Record<Severity, string> = {
  overdue: "Overdue",
  red: "Red",
  amber: "Amber",
  info: "Info",
};

export const SEX: Record<Sex, string> = {
  male: "Male",
  female: "Female",
  unknown: "Not yet known",
};

export const REGIME: Record<Regime, string> = {
  full_care: "Full care (CPPCR reg 33)",
  short_breaks: "Short breaks (CPPCR reg 48)",
};

export const LEGAL_STATUS: Record<LegalStatus, string> = {
  C1: "C1 — Interim care order",
  C2: "C2 — Full care order",
  D1: "D1 — Freeing order granted",
  E1: "E1 — Placement order granted",
  J1: "J1 — Remanded to LA or youth detention accommodation",
  J2: "J2 — Placed in LA accommodation under PACE",
  J3: "J3 — Sentenced to a supervision order with residence requirement",
  L1: "L1 — Police protection, in LA accommodation",
  L2: "L2 — Emergency protection order",
  L3: "L3 — Child assessment order, in LA accommodation",
  V2: "V2 — Single period of accommodation under s20",
  V3: "V3 — Short breaks, individual episodes recorded",
  V4: "V4 — Short breaks, agreements recorded",
};

export const ABUSE_CATEGORY: Record<AbuseCategory, string> = {
  NEG: "NEG — Neglect",
  PHY: "PHY — Physical abuse",
  SAB: "SAB — Sexual abuse",
  EMO: "EMO — Emotional abuse",
  MUL: "MUL — Multiple / not recommended",
};

export const ATTENDANCE: Record<Attendance, string> = {
  present: "Present",
  apologies: "Apologies",
  report_only: "Report only",
};

export const PLAN_DECISION: Record<PlanDecision, string> = {
  plan_starts: "A child protection plan was made",
  no_plan: "No plan: the child is not made subject to a plan",
  plan_continues: "The plan continues",
  plan_ends: "The plan ends",
};

/** Short forms for dense tables. */
export const PLAN_DECISION_SHORT: Record<PlanDecision, string> = {
  plan_starts: "plan made",
  no_plan: "no plan",
  plan_continues: "plan continues",
  plan_ends: "plan ended",
};

/**
 * The decisions offered for each kind of conference (the choices of a <select>; Rust's
 * `PlanDecision::allowed_for` decides what is accepted and says so beside the field).
 */
export const PLAN_DECISIONS_OF: Record<MeetingKind, PlanDecision[]> = {
  icpc: ["plan_starts", "no_plan"],
  transfer_in_conference: ["plan_starts", "no_plan"],
  cp_review: ["plan_continues", "plan_ends"],
  lac_review: [],
  core_group: [],
};

export const ETHNICITY: Record<Ethnicity, string> = {
  WBRI: "WBRI — White British",
  WIRI: "WIRI — White Irish",
  WIRT: "WIRT — Traveller of Irish heritage",
  WOTH: "WOTH — Any other White background",
  WROM: "WROM — Gypsy/Roma",
  MWBC: "MWBC — White and Black Caribbean",
  MWBA: "MWBA — White and Black African",
  MWAS: "MWAS — White and Asian",
  MOTH: "MOTH — Any other mixed background",
  AIND: "AIND — Indian",
  APKN: "APKN — Pakistani",
  ABAN: "ABAN — Bangladeshi",
  AOTH: "AOTH — Any other Asian background",
  BCRB: "BCRB — Caribbean",
  BAFR: "BAFR — African",
  BOTH: "BOTH — Any other Black background",
  CHNE: "CHNE — Chinese",
  OOTH: "OOTH — Any other ethnic group",
  REFU: "REFU — Refused",
  NOBT: "NOBT — Information not yet obtained",
};

export const HOLIDAY_ORIGIN: Record<HolidayOrigin, string> = {
  bundled: "Bundled",
  imported: "Imported",
  computed: "Computed (provisional)",
};

export const CONVENTION: Record<Convention, string> = {
  event_day_is_day_zero: "From the day after the event (the default)",
  event_day_is_day_one: "Including the event's own day (as DfE validators count)",
};

export const MEASURE_UNIT: Record<Measure, string> = {
  working_days_after: "working days after",
  working_days_before: "working days before",
  months_after: "months after",
  weeks_before: "weeks before",
  children: "children",
};

/** [value, label] pairs in declaration order, for <select> options. */
export function optionsOf<K extends string>(labels: Record<K, string>): Array<[K, string]> {
  return Object.entries(labels) as Array<[K, string]>;
}

/** "a yes/no/not recorded" value as words. */
export function yesNo(value: boolean | null | undefined): string {
  if (value === true) return "Yes";
  if (value === false) return "No";
  return "—";
}

