// The annual report screen's small pure helpers: which reporting year to open on, the years the
// picker offers, whose figures (the IroFilter) and how they are counted (the ReportOptions) as
// the request takes them, a chart's points as the chart components take them, and the names of
// the files. Every figure and its text comes from Rust; nothing here counts, averages or makes a
// percentage.

import type {
  BandPosition,
  ChartView,
  IcpcBase,
  IroFilter,
  IroId,
  IroRef,
  ReportFormat,
  ReportingYear,
  ReportOptions,
  ReportRequest,
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

/** "2025–26 (1 April 2025 – 31 March 2026)". */
export function yearHeading(y: ReportingYear): string {
  return `${y.label} (${dayMonthYear(y.starts_on)} – ${dayMonthYear(y.ends_on)})`;
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
 * Rust's ReportOptions::DEFAULTS, only to fill a choice a view left out (Rust always sends all
 * four). The report itself starts from `options: null`: Rust's defaults with the store's
 * counting convention.
 */
export const DEFAULT_CHOICES: CountingChoices = {
  convention: "event_day_is_day_zero",
  ended_on_31_march_counts: false,
  pn4_counts_as_participation: true,
  icpc_base: "strategy_discussion",
};

/** Every choice of `options`, a missing one from the defaults. */
export function countingChoices(options: ReportOptions): CountingChoices {
  return {
    convention: options.convention ?? DEFAULT_CHOICES.convention,
    ended_on_31_march_counts: options.ended_on_31_march_counts ?? DEFAULT_CHOICES.ended_on_31_march_counts,
    pn4_counts_as_participation: options.pn4_counts_as_participation ?? DEFAULT_CHOICES.pn4_counts_as_participation,
    icpc_base: options.icpc_base ?? DEFAULT_CHOICES.icpc_base,
  };
}

/** One choice changed: the whole set, the others as `current` has them. */
export function withChoice<K extends keyof CountingChoices>(current: ReportOptions, key: K, value: CountingChoices[K]): CountingChoices {
  return { ...countingChoices(current), [key]: value };
}

/** What an initial conference's 15 working days can be timed from, in the controls' words. */
export const ICPC_BASE: Record<IcpcBase, string> = {
  strategy_discussion: "the strategy discussion",
  s47_start: "the start of the s47 enquiry",
};

/** The request for a year, whose figures and how counted (null: Rust's defaults). */
export function reportRequest(year: number, iros: readonly IroId[] | null, options: ReportOptions | null): ReportRequest {
  return { year, iros: iroFilter(iros), options: options === null ? null : countingChoices(options) };
}

/** A chart's points with each year's number (what a bar draws) and text (what a label says). */
export function chartPoints(chart: ChartView): TextedPoint[] {
  return chart.points.map((p) => ({
    label: p.label,
    thisYear: p.this_year.number,
    lastYear: p.last_year.number,
    thisText: p.this_year.text,
    lastText: p.last_year.text,
  }));
}

/** The name a saved report is offered under; the same as Rust's name in an export folder. */
export function reportFileName(label: string, format: ReportFormat): string {
  return `iro-annual-report-${label.replace(/[/ –]/g, "-")}.${format}`;
}

export const BAND_WORDS: Record<BandPosition, string> = {
  below: "Below the band",
  within: "Within the band",
  above: "Above the band",
};

/** Is `view` the report `req` asked for (same year, same IROs, counted as asked)? */
export function viewMatches(view: ReportView, req: ReportRequest): boolean {
  if (view.year.start_year !== req.year) return false;
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
