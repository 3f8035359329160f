// The report screen's small pure helpers: which period to open on, the years, quarters and
// months the period picker offers (as the numbers Rust's PeriodRequest takes: Rust works out
// every date), whose figures (the IroFilter) and how they are counted (the ReportOptions) as the
// request takes them, a chart's points as the chart components take them, and the names of the
// files. Every figure and its text comes from Rust; nothing here counts, averages, makes a
// percentage or does date arithmetic.

import type {
  BandPosition,
  ChartView,
  DisputeKind,
  IcpcBase,
  IroFilter,
  IroId,
  IroRef,
  PeriodRequest,
  ReportFormat,
  ReportOptions,
  ReportPeriod,
  ReportRequest,
  ReportScope,
  ReportView,
} from "./api";
import type { TextedPoint } from "./charts";
import { parseIsoDate } from "./format/dates";

/** How many reporting years back from the current one the year picker offers. */
export const YEARS_OFFERED = 10;

/** The reporting year (by its 1 April) that `today` ("YYYY-MM-DD") falls in; null if not a date. */
export function yearContaining(today: string): number | null {
  const d = parseIsoDate(today);
  if (d === null) return null;
  return d.month >= 4 ? d.year : d.year - 1;
}

/**
 * The year a report opens on: the latest reporting year that has ended (on 23 Nov 2026 that is
 * 2025, 1 April 2025 – 31 March 2026; on 31 March 2026, still 2024).
 */
export function defaultYear(today: string): number {
  const current = yearContaining(today);
  return current === null ? 2025 : current - 1;
}

/** "2025–26" for 2025: the label Rust gives a reporting year, for years not yet loaded. */
export function yearLabel(year: number): string {
  return `${year}–${String((year + 1) % 100).padStart(2, "0")}`;
}

export interface YearChoice {
  year: number;
  label: string;
}

/**
 * The years the picker offers, newest first: the current one (marked "so far") and the
 * YEARS_OFFERED before it, plus `selected` wherever it is if it falls outside them.
 */
export function yearChoices(today: string, selected: number): YearChoice[] {
  const current = yearContaining(today) ?? selected;
  const years: number[] = [];
  for (let y = current; y >= current - YEARS_OFFERED; y--) years.push(y);
  if (!years.includes(selected)) {
    years.push(selected);
    years.sort((a, b) => b - a);
  }
  return years.map((year) => ({ year, label: year === current ? `${yearLabel(year)} (so far)` : yearLabel(year) }));
}

/** The latest year the "next year" button reaches: the one today is in. */
export function latestYear(today: string): number {
  return yearContaining(today) ?? defaultYear(today) + 1;
}

const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** "2025-04-01" → "1 April 2025" (the input unchanged if it is not a date). */
export function dayMonthYear(iso: string): string {
  const d = parseIsoDate(iso);
  return d === null ? iso : `${d.day} ${MONTHS_LONG[d.month - 1]} ${d.year}`;
}

/** "2025–26 (1 April 2025 – 31 March 2026)", "October–December 2025 (1 October 2025 – 31 December 2025)". */
export function periodHeading(p: ReportPeriod): string {
  return `${p.label} (${dayMonthYear(p.starts_on)} – ${dayMonthYear(p.ends_on)})`;
}

/** What the period picker offers. */
export type PeriodKind = PeriodRequest["kind"];

export const PERIOD_KINDS: [PeriodKind, string][] = [
  ["year", "Reporting year"],
  ["quarter", "Quarter"],
  ["month", "Month"],
  ["dates", "Dates"],
];

/** A year and month (1–12) as whole numbers. */
interface YearMonth {
  year: number;
  month: number;
}

/** The month `n` months after `ym` (before, for a negative `n`): counting months, not days. */
export function monthsAfter(ym: YearMonth, n: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function todayMonth(today: string): YearMonth {
  const d = parseIsoDate(today);
  return d === null ? { year: 2026, month: 4 } : { year: d.year, month: d.month };
}

/** The calendar quarter (by its first month) a month falls in. */
function quarterOf(ym: YearMonth): YearMonth {
  return { year: ym.year, month: ym.month - ((ym.month - 1) % 3) };
}

/** "October 2025". */
export function monthName(ym: YearMonth): string {
  return `${MONTHS_LONG[ym.month - 1]} ${ym.year}`;
}

/** "October–December 2025", "November 2025 – January 2026". */
export function quarterName(first: YearMonth): string {
  const last = monthsAfter(first, 2);
  return last.year === first.year
    ? `${MONTHS_LONG[first.month - 1]}–${MONTHS_LONG[last.month - 1]} ${first.year}`
    : `${monthName(first)} – ${monthName(last)}`;
}

export interface PeriodOption {
  /** A key for the list ("2025-10"). */
  key: string;
  label: string;
  period: PeriodRequest;
}

/** How many quarters and months back the picker offers. */
export const QUARTERS_OFFERED = 8;
export const MONTHS_OFFERED = 24;

function key(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, "0")}`;
}

/** The quarters the picker offers, newest first: the current one ("so far") and those before. */
export function quarterChoices(today: string): PeriodOption[] {
  const current = quarterOf(todayMonth(today));
  return Array.from({ length: QUARTERS_OFFERED + 1 }, (_, i) => {
    const q = monthsAfter(current, -3 * i);
    return {
      key: key(q),
      label: i === 0 ? `${quarterName(q)} (so far)` : quarterName(q),
      period: { kind: "quarter", year: q.year, first_month: q.month },
    };
  });
}

/** The months the picker offers, newest first: the current one ("so far") and those before. */
export function monthChoices(today: string): PeriodOption[] {
  const current = todayMonth(today);
  return Array.from({ length: MONTHS_OFFERED + 1 }, (_, i) => {
    const m = monthsAfter(current, -i);
    return {
      key: key(m),
      label: i === 0 ? `${monthName(m)} (so far)` : monthName(m),
      period: { kind: "month", year: m.year, month: m.month },
    };
  });
}

/**
 * The period a kind opens on: the latest year, quarter or month that has ended; for dates, the
 * dates of the report on screen (else the latest year's).
 */
export function defaultPeriod(kind: PeriodKind, today: string, shown: ReportPeriod | null): PeriodRequest {
  switch (kind) {
    case "year":
      return { kind, start_year: defaultYear(today) };
    case "quarter": {
      const q = monthsAfter(quarterOf(todayMonth(today)), -3);
      return { kind, year: q.year, first_month: q.month };
    }
    case "month": {
      const m = monthsAfter(todayMonth(today), -1);
      return { kind, year: m.year, month: m.month };
    }
    case "dates": {
      const y = defaultYear(today);
      return shown === null ? { kind, from: `${y}-04-01`, to: `${y + 1}-03-31` } : { kind, from: shown.starts_on, to: shown.ends_on };
    }
  }
}

/** The year, quarter or month before (`-1`) or after (`1`); dates have no step (null). */
export function stepPeriod(p: PeriodRequest, dir: 1 | -1): PeriodRequest | null {
  switch (p.kind) {
    case "year":
      return { kind: "year", start_year: p.start_year + dir };
    case "quarter": {
      const q = monthsAfter({ year: p.year, month: p.first_month }, 3 * dir);
      return { kind: "quarter", year: q.year, first_month: q.month };
    }
    case "month": {
      const m = monthsAfter({ year: p.year, month: p.month }, dir);
      return { kind: "month", year: m.year, month: m.month };
    }
    case "dates":
      return null;
  }
}

/** Is `p` after the period today is in (nothing to report yet)? */
export function isFuture(p: PeriodRequest, today: string): boolean {
  const now = todayMonth(today);
  switch (p.kind) {
    case "year":
      return p.start_year > latestYear(today);
    case "quarter":
      return p.year * 12 + p.first_month > quarterOf(now).year * 12 + quarterOf(now).month;
    case "month":
      return p.year * 12 + p.month > now.year * 12 + now.month;
    case "dates":
      return false;
  }
}

/** The first day a period request names, as Rust will work it out (only 1sts of months). */
function firstDay(p: PeriodRequest): string {
  switch (p.kind) {
    case "year":
      return `${p.start_year}-04-01`;
    case "quarter":
      return `${key({ year: p.year, month: p.first_month })}-01`;
    case "month":
      return `${key(p)}-01`;
    case "dates":
      return p.from;
  }
}

/** Is `view`'s period the one `p` asks for? */
export function periodMatches(view: ReportPeriod, p: PeriodRequest): boolean {
  if (view.starts_on !== firstDay(p)) return false;
  switch (p.kind) {
    case "year":
      return view.kind === "year";
    case "quarter":
      return view.kind === "quarter";
    case "month":
      return view.kind === "month";
    case "dates":
      return view.ends_on === p.to;
  }
}

/** The legend of a monthly chart: the twelve months to the period's end, and a year earlier. */
export function monthLegend(view: ReportView): [string, string] {
  if (view.period.kind === "year") return [view.period.label, view.previous_period.label];
  const end = parseIsoDate(view.period.ends_on);
  return [end === null ? "12 months" : `12 months to ${monthName(end)}`, "A year earlier"];
}

/** "30 Apr" for a month end the caseloads are counted on. */
export function shortDay(iso: string): string {
  const d = parseIsoDate(iso);
  return d === null ? iso : `${d.day} ${(MONTHS_LONG[d.month - 1] ?? "").slice(0, 3)}`;
}

/**
 * Whose figures, as the report request takes them: null (or no IRO) is everyone in the store;
 * otherwise these IROs, each once, in id order (so the same choice is always the same request).
 */
export function iroFilter(iros: readonly IroId[] | null): IroFilter {
  const ids = chosenIros(iros);
  return ids === null ? { kind: "all" } : { kind: "only", iros: ids };
}

/** A choice of IROs tidied: each once, in id order; none is null (everyone in the store). */
export function chosenIros(iros: readonly IroId[] | null): IroId[] | null {
  if (iros === null) return null;
  const ids = [...new Set(iros)].sort((a, b) => a - b);
  return ids.length === 0 ? null : ids;
}

/**
 * An IRO ticked or unticked in the "Figures for" list. Ticking one while "All IROs" is chosen
 * starts a list with just that IRO; unticking the last goes back to all of them.
 */
export function toggleIro(chosen: readonly IroId[] | null, id: IroId, on: boolean): IroId[] | null {
  const now = chosen ?? [];
  return chosenIros(on ? [...now, id] : now.filter((i) => i !== id));
}

/** What the "Figures for" button says: "All IROs", "Ada Quill", "Ada Quill, Ben Inkwell", "3 IROs". */
export function iroSummary(chosen: readonly IroId[] | null, iros: readonly IroRef[]): string {
  const ids = chosenIros(chosen);
  if (ids === null) return "All IROs";
  if (ids.length > 2) return `${ids.length} IROs`;
  return ids.map((id) => iros.find((i) => i.id === id)?.name ?? `IRO ${id}`).join(", ");
}

/** Every counting choice filled in, as a request sends them once one has been changed. */
export type CountingChoices = Required<ReportOptions>;

/**
 * Rust's ReportOptions::DEFAULTS, only to fill a choice a view left out (Rust always sends them
 * all). The report itself starts from `options: null`: Rust's defaults with the store's
 * counting convention.
 */
export const DEFAULT_CHOICES: CountingChoices = {
  convention: "event_day_is_day_zero",
  ended_on_31_march_counts: false,
  pn4_counts_as_participation: true,
  icpc_base: "strategy_discussion",
  scope: "both",
  dispute_kind: null,
  short_breaks: "apart",
};

/** Every choice of `options`, a missing one from the defaults. */
export function countingChoices(options: ReportOptions): CountingChoices {
  return {
    convention: options.convention ?? DEFAULT_CHOICES.convention,
    ended_on_31_march_counts: options.ended_on_31_march_counts ?? DEFAULT_CHOICES.ended_on_31_march_counts,
    pn4_counts_as_participation: options.pn4_counts_as_participation ?? DEFAULT_CHOICES.pn4_counts_as_participation,
    icpc_base: options.icpc_base ?? DEFAULT_CHOICES.icpc_base,
    scope: options.scope ?? DEFAULT_CHOICES.scope,
    dispute_kind: options.dispute_kind === undefined ? DEFAULT_CHOICES.dispute_kind : options.dispute_kind,
    short_breaks: options.short_breaks ?? DEFAULT_CHOICES.short_breaks,
  };
}

/** Which plans a report is about, in the controls' words. */
export const SCOPES: Record<ReportScope, string> = {
  both: "Looked-after children and child protection",
  lac: "Looked-after children only",
  cp: "Child protection only",
};

/** Which disputes, in the controls' words ("both" stands for null). */
export const DISPUTE_KINDS: [DisputeKind | "both", string][] = [
  ["both", "Both kinds"],
  ["drp", "Dispute Resolution Process only"],
  ["macp", "Multi-agency challenges only"],
];

/** One choice changed: the whole set, the others as `current` has them. */
export function withChoice<K extends keyof CountingChoices>(current: ReportOptions, key: K, value: CountingChoices[K]): CountingChoices {
  return { ...countingChoices(current), [key]: value };
}

/** What an initial conference's 15 working days can be timed from, in the controls' words. */
export const ICPC_BASE: Record<IcpcBase, string> = {
  strategy_discussion: "the strategy discussion",
  s47_start: "the start of the s47 enquiry",
};

/** The request for a period, whose figures and how counted (null: Rust's defaults). */
export function reportRequest(period: PeriodRequest, iros: readonly IroId[] | null, options: ReportOptions | null): ReportRequest {
  return { period, iros: iroFilter(iros), options: options === null ? null : countingChoices(options) };
}

/** A chart's points with each period's number (what a bar draws) and text (what a label says). */
export function chartPoints(chart: ChartView): TextedPoint[] {
  return chart.points.map((p) => ({
    label: p.label,
    thisYear: p.this_period.number,
    lastYear: p.previous_period.number,
    thisText: p.this_period.text,
    lastText: p.previous_period.text,
  }));
}

/** A report file's format as the toolbar and its messages name it. */
export const REPORT_FORMAT_NAMES: Record<ReportFormat, string> = {
  pdf: "PDF",
  docx: "Word",
  xlsx: "XLSX",
  csv: "CSV",
};

/** The name a saved report is offered under; the same as Rust's name in an export folder. */
export function reportFileName(label: string, format: ReportFormat): string {
  return `iro-annual-report-${label.replace(/[/ –]/g, "-")}.${format}`;
}

export const BAND_WORDS: Record<BandPosition, string> = {
  below: "Below the band",
  within: "Within the band",
  above: "Above the band",
};

/** Is `view` the report `req` asked for (same period, same IROs, counted as asked)? */
export function viewMatches(view: ReportView, req: ReportRequest): boolean {
  if (!periodMatches(view.period, req.period)) return false;
  if (req.options != null) {
    const asked = countingChoices(req.options);
    const used = countingChoices(view.options);
    if ((Object.keys(asked) as (keyof CountingChoices)[]).some((k) => asked[k] !== used[k])) return false;
  }
  if (req.iros.kind === "all") return view.all_iros;
  const asked = [...req.iros.iros].sort((a, b) => a - b);
  const shown = view.iros.map((i) => i.id).sort((a, b) => a - b);
  return !view.all_iros && asked.length === shown.length && asked.every((id, i) => id === shown[i]);
}

/** A mean's text without its "(mean of 12)" (for a table whose heading says so): "10.3". */
export function meanOnly(text: string): string {
  return text.replace(/ \(mean of \d+\)$/, "");
}
