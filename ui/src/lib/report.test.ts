import { describe, expect, test } from "vitest";
import type { ChartView, ReportRequest, ReportView } from "./api";
import {
  chartPoints,
  chosenIros,
  countingChoices,
  dayMonthYear,
  defaultYear,
  iroFilter,
  iroSummary,
  latestYear,
  meanOnly,
  reportFileName,
  reportRequest,
  toggleIro,
  viewMatches,
  withChoice,
  yearChoices,
  yearContaining,
  periodHeading,
  yearLabel,
  quarterChoices,
  monthChoices,
  defaultPeriod,
  stepPeriod,
  isFuture,
  periodMatches,
  monthLegend,
  shortDay,
  monthsAfter,
} from "./report";

const YEAR = { kind: "year", start_year: 2025 } as const;

describe("reporting years", () => {
  test("a date in April to December is in the year starting that April; January to March, the April before", () => {
    expect(yearContaining("2026-11-23")).toBe(2026);
    expect(yearContaining("2026-04-01")).toBe(2026);
    expect(yearContaining("2026-03-31")).toBe(2025);
    expect(yearContaining("2026-01-01")).toBe(2025);
    expect(yearContaining("not a date")).toBeNull();
  });

  test("the report opens on the latest year that has ended", () => {
    expect(defaultYear("2026-11-23")).toBe(2025);
    expect(defaultYear("2026-04-01")).toBe(2025);
    // 2025–26 has not ended on its last day.
    expect(defaultYear("2026-03-31")).toBe(2024);
  });

  test("labels are written as Rust writes them, across a century", () => {
    expect(yearLabel(2025)).toBe("2025–26");
    expect(yearLabel(2009)).toBe("2009–10");
    expect(yearLabel(2099)).toBe("2099–00");
  });

  test("the picker offers the current year (so far) and ten before it, newest first", () => {
    const choices = yearChoices("2026-11-23", 2025);
    expect(choices[0]).toEqual({ year: 2026, label: "2026–27 (so far)" });
    expect(choices[1]).toEqual({ year: 2025, label: "2025–26" });
    expect(choices.at(-1)?.year).toBe(2016);
    expect(choices).toHaveLength(11);
    expect(latestYear("2026-11-23")).toBe(2026);
  });

  test("a year chosen outside the usual range (from the address) is still offered, in order", () => {
    const years = yearChoices("2026-11-23", 2009).map((c) => c.year);
    expect(years.at(-1)).toBe(2009);
    expect(years).toHaveLength(12);
    expect(yearChoices("2026-11-23", 2030).map((c) => c.year)[0]).toBe(2030);
  });

  test("a period's heading gives its dates in words", () => {
    expect(dayMonthYear("2025-04-01")).toBe("1 April 2025");
    expect(periodHeading({ kind: "year", starts_on: "2025-04-01", ends_on: "2026-03-31", label: "2025–26" })).toBe(
      "2025–26 (1 April 2025 – 31 March 2026)",
    );
    expect(periodHeading({ kind: "quarter", starts_on: "2025-10-01", ends_on: "2025-12-31", label: "October–December 2025" })).toBe(
      "October–December 2025 (1 October 2025 – 31 December 2025)",
    );
  });
});

describe("quarters, months and dates", () => {
  test("months are counted as year and month numbers, across the new year", () => {
    expect(monthsAfter({ year: 2025, month: 11 }, 3)).toEqual({ year: 2026, month: 2 });
    expect(monthsAfter({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(monthsAfter({ year: 2026, month: 2 }, -14)).toEqual({ year: 2024, month: 12 });
  });

  test("the picker offers this quarter (so far) and eight before it, newest first, as Rust's numbers", () => {
    const q = quarterChoices("2026-11-23");
    expect(q[0]).toEqual({ key: "2026-10", label: "October–December 2026 (so far)", period: { kind: "quarter", year: 2026, first_month: 10 } });
    expect(q[1]?.label).toBe("July–September 2026");
    expect(q[3]?.label).toBe("January–March 2026");
    expect(q).toHaveLength(9);
    const m = monthChoices("2026-01-05");
    expect(m[0]).toEqual({ key: "2026-01", label: "January 2026 (so far)", period: { kind: "month", year: 2026, month: 1 } });
    expect(m[1]?.period).toEqual({ kind: "month", year: 2025, month: 12 });
    expect(m).toHaveLength(25);
  });

  test("each kind opens on the latest one that has ended", () => {
    expect(defaultPeriod("year", "2026-11-23", null)).toEqual({ kind: "year", start_year: 2025 });
    expect(defaultPeriod("quarter", "2026-11-23", null)).toEqual({ kind: "quarter", year: 2026, first_month: 7 });
    expect(defaultPeriod("quarter", "2026-02-10", null)).toEqual({ kind: "quarter", year: 2025, first_month: 10 });
    expect(defaultPeriod("month", "2026-01-05", null)).toEqual({ kind: "month", year: 2025, month: 12 });
    // Dates start from the report on screen.
    const shown = { kind: "quarter", starts_on: "2025-10-01", ends_on: "2025-12-31", label: "October–December 2025" } as const;
    expect(defaultPeriod("dates", "2026-11-23", shown)).toEqual({ kind: "dates", from: "2025-10-01", to: "2025-12-31" });
  });

  test("the one before and after; dates have none; nothing after the current one", () => {
    expect(stepPeriod(YEAR, -1)).toEqual({ kind: "year", start_year: 2024 });
    expect(stepPeriod({ kind: "quarter", year: 2026, first_month: 1 }, -1)).toEqual({ kind: "quarter", year: 2025, first_month: 10 });
    expect(stepPeriod({ kind: "month", year: 2025, month: 12 }, 1)).toEqual({ kind: "month", year: 2026, month: 1 });
    expect(stepPeriod({ kind: "dates", from: "2025-10-01", to: "2025-10-20" }, 1)).toBeNull();
    expect(isFuture({ kind: "quarter", year: 2026, first_month: 10 }, "2026-11-23")).toBe(false);
    expect(isFuture({ kind: "quarter", year: 2027, first_month: 1 }, "2026-11-23")).toBe(true);
    expect(isFuture({ kind: "month", year: 2026, month: 12 }, "2026-11-23")).toBe(true);
    expect(isFuture({ kind: "year", start_year: 2027 }, "2026-11-23")).toBe(true);
  });

  test("a period on screen matches what was asked by its first day and kind (dates: both days)", () => {
    const quarter = { kind: "quarter", starts_on: "2025-10-01", ends_on: "2025-12-31", label: "" } as const;
    expect(periodMatches(quarter, { kind: "quarter", year: 2025, first_month: 10 })).toBe(true);
    expect(periodMatches(quarter, { kind: "month", year: 2025, month: 10 })).toBe(false);
    expect(periodMatches(quarter, { kind: "dates", from: "2025-10-01", to: "2025-12-31" })).toBe(true);
    expect(periodMatches(quarter, { kind: "dates", from: "2025-10-01", to: "2025-12-30" })).toBe(false);
    expect(periodMatches({ kind: "year", starts_on: "2025-04-01", ends_on: "2026-03-31", label: "" }, YEAR)).toBe(true);
  });

  test("monthly charts' legend: a year beside the year before; otherwise the twelve months to the end", () => {
    const view = (kind: "year" | "quarter", ends_on: string) =>
      ({ period: { kind, ends_on, label: "This" }, previous_period: { label: "Before" } }) as unknown as ReportView;
    expect(monthLegend(view("year", "2026-03-31"))).toEqual(["This", "Before"]);
    expect(monthLegend(view("quarter", "2025-12-31"))).toEqual(["12 months to December 2025", "A year earlier"]);
    expect(shortDay("2025-04-30")).toBe("30 Apr");
  });
});

describe("requests and files", () => {
  test("whose figures: everyone in the store, one IRO or several (each once, in id order)", () => {
    expect(iroFilter(null)).toEqual({ kind: "all" });
    expect(iroFilter([])).toEqual({ kind: "all" });
    expect(iroFilter([3])).toEqual({ kind: "only", iros: [3] });
    expect(iroFilter([4, 1, 4])).toEqual({ kind: "only", iros: [1, 4] });
    expect(chosenIros([2, 2])).toEqual([2]);
  });

  test("ticking IROs: from all to one, then several; unticking the last is all again", () => {
    let chosen = toggleIro(null, 3, true);
    expect(chosen).toEqual([3]);
    chosen = toggleIro(chosen, 1, true);
    expect(chosen).toEqual([1, 3]);
    chosen = toggleIro(chosen, 3, false);
    expect(chosen).toEqual([1]);
    expect(toggleIro(chosen, 1, false)).toBeNull();
  });

  test("the Figures for button names one or two IROs, and counts three or more", () => {
    const iros = [
      { id: 1, name: "Ada Quill" },
      { id: 2, name: "Ben Inkwell" },
      { id: 3, name: "Cy Nib" },
    ];
    expect(iroSummary(null, iros)).toBe("All IROs");
    expect(iroSummary([2], iros)).toBe("Ben Inkwell");
    expect(iroSummary([2, 1], iros)).toBe("Ada Quill, Ben Inkwell");
    expect(iroSummary([1, 2, 3], iros)).toBe("3 IROs");
    expect(iroSummary([9], iros)).toBe("IRO 9");
  });

  test("the request sends options null until a choice is changed, then all of them", () => {
    expect(reportRequest(YEAR, null, null)).toEqual({ period: YEAR, iros: { kind: "all" }, options: null });
    const pn4Off = withChoice({ convention: "event_day_is_day_one" }, "pn4_counts_as_participation", false);
    const all = {
      convention: "event_day_is_day_one",
      ended_on_31_march_counts: false,
      pn4_counts_as_participation: false,
      icpc_base: "strategy_discussion",
      scope: "both",
      dispute_kind: null,
      short_breaks: "apart",
    };
    expect(pn4Off).toEqual(all);
    const quarter = { kind: "quarter", year: 2025, first_month: 10 } as const;
    const req: ReportRequest = reportRequest(quarter, [2, 1], pn4Off);
    expect(req).toEqual({ period: quarter, iros: { kind: "only", iros: [1, 2] }, options: all });
    expect(countingChoices({})).toEqual({ ...all, convention: "event_day_is_day_zero", pn4_counts_as_participation: true });
    // A CP-only report of DRP disputes keeps the other choices.
    expect(withChoice(withChoice({}, "scope", "cp"), "dispute_kind", "drp")).toMatchObject({ scope: "cp", dispute_kind: "drp", short_breaks: "apart" });
  });

  test("a report on screen matches the request only for the same period, IROs and counting", () => {
    const view = {
      period: { kind: "year", starts_on: "2025-04-01", ends_on: "2026-03-31", label: "2025–26" },
      all_iros: false,
      iros: [
        { id: 2, name: "Ben Inkwell", fte: 1 },
        { id: 1, name: "Ada Quill", fte: 1 },
      ],
      options: countingChoices({}),
    } as unknown as ReportView;
    expect(viewMatches(view, reportRequest(YEAR, [1, 2], null))).toBe(true);
    expect(viewMatches(view, reportRequest(YEAR, [1, 2], countingChoices({})))).toBe(true);
    expect(viewMatches(view, reportRequest(YEAR, [1], null))).toBe(false);
    expect(viewMatches(view, reportRequest(YEAR, null, null))).toBe(false);
    expect(viewMatches(view, reportRequest({ kind: "year", start_year: 2024 }, [1, 2], null))).toBe(false);
    expect(viewMatches(view, reportRequest(YEAR, [1, 2], { ...countingChoices({}), icpc_base: "s47_start" }))).toBe(false);
    expect(viewMatches(view, reportRequest(YEAR, [1, 2], { ...countingChoices({}), scope: "cp" }))).toBe(false);
  });

  test("the file name is the one Rust uses in an export folder", () => {
    expect(reportFileName("2025–26", "xlsx")).toBe("iro-annual-report-2025-26.xlsx");
    expect(reportFileName("2024–25", "csv")).toBe("iro-annual-report-2024-25.csv");
    expect(reportFileName("2025–26", "pdf")).toBe("iro-annual-report-2025-26.pdf");
    expect(reportFileName("2025–26", "docx")).toBe("iro-annual-report-2025-26.docx");
  });
});

describe("chart points", () => {
  test("each point keeps Rust's number (none stays none) and Rust's text", () => {
    const chart: ChartView = {
      id: "lac.timeliness_by_month",
      title: "LAC reviews within timescale, by month",
      definition: "…",
      shape: "by_month",
      percent: true,
      points: [
        {
          label: "Apr",
          this_period: { value: { kind: "percent", numerator: 2, denominator: 3 }, text: "2 of 3 (67%)", number: 66.66666666666667 },
          previous_period: { value: { kind: "percent", numerator: 0, denominator: 0 }, text: "—", number: null },
        },
      ],
    };
    expect(chartPoints(chart)).toEqual([
      { label: "Apr", thisYear: 66.66666666666667, lastYear: null, thisText: "2 of 3 (67%)", lastText: "—" },
    ]);
  });
});

describe("caseload table", () => {
  test("a mean's text loses only its 'mean of' note; none stays a dash", () => {
    expect(meanOnly("10.3 (mean of 12)")).toBe("10.3");
    expect(meanOnly("—")).toBe("—");
    expect(meanOnly("7")).toBe("7");
  });
});
