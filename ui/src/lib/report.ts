// The annual report screen's small pure helpers: which reporting year to open on, the years the
// picker offers, whose figures (the IroFilter), a chart's points as the chart components take
// them, and the names of the files. Every figure and its text comes from Rust; nothing here
// counts, averages or makes a percentage.

import type { BandPosition, ChartView, IroFilter, IroId, ReportFormat, ReportingYear, ReportRequest, ReportView } from "./api";
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

/** Whose figures, as the report request takes them: null is everyone in the store. */
export function iroFilter(iro: IroId | null): IroFilter {
  return iro === null ? { kind: "all" } : { kind: "only", iros: [iro] };
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

/** Is `view` the report `req` asked for (same year, same IROs)? */
export function viewMatches(view: ReportView, req: ReportRequest): boolean {
  if (view.year.start_year !== req.year) return false;
  if (req.iros.kind === "all") return view.all_iros;
  const asked = [...req.iros.iros].sort((a, b) => a - b);
  const shown = view.iros.map((i) => i.id).sort((a, b) => a - b);
  return !view.all_iros && asked.length === shown.length && asked.every((id, i) => id === shown[i]);
}

/** A mean's text without its "(mean of 12)" (for a table whose heading says so): "10.3". */
export function meanOnly(text: string): string {
  return text.replace(/ \(mean of \d+\)$/, "");
}
