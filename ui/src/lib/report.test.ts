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
  yearHeading,
  yearLabel,
} from "./report";

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

  test("a year's heading gives its dates in words", () => {
    expect(dayMonthYear("2025-04-01")).toBe("1 April 2025");
    expect(yearHeading({ start_year: 2025, starts_on: "2025-04-01", ends_on: "2026-03-31", label: "2025–26" })).toBe(
      "2025–26 (1 April 2025 – 31 March 2026)",
    );
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

  test("the request sends options null until a choice is changed, then all four", () => {
    expect(reportRequest(2025, null, null)).toEqual({ year: 2025, iros: { kind: "all" }, options: null });
    const pn4Off = withChoice({ convention: "event_day_is_day_one" }, "pn4_counts_as_participation", false);
    expect(pn4Off).toEqual({
      convention: "event_day_is_day_one",
      ended_on_31_march_counts: false,
      pn4_counts_as_participation: false,
      icpc_base: "strategy_discussion",
    });
    const req: ReportRequest = reportRequest(2024, [2, 1], pn4Off);
    expect(req).toEqual({
      year: 2024,
      iros: { kind: "only", iros: [1, 2] },
      options: {
        convention: "event_day_is_day_one",
        ended_on_31_march_counts: false,
        pn4_counts_as_participation: false,
        icpc_base: "strategy_discussion",
      },
    });
    expect(countingChoices({})).toEqual({
      convention: "event_day_is_day_zero",
      ended_on_31_march_counts: false,
      pn4_counts_as_participation: true,
      icpc_base: "strategy_discussion",
    });
  });

  test("a report on screen matches the request only for the same year, IROs and counting", () => {
    const view = {
      year: { start_year: 2025, starts_on: "2025-04-01", ends_on: "2026-03-31", label: "2025–26" },
      all_iros: false,
      iros: [
        { id: 2, name: "Ben Inkwell", fte: 1 },
        { id: 1, name: "Ada Quill", fte: 1 },
      ],
      options: countingChoices({}),
    } as unknown as ReportView;
    expect(viewMatches(view, reportRequest(2025, [1, 2], null))).toBe(true);
    expect(viewMatches(view, reportRequest(2025, [1, 2], countingChoices({})))).toBe(true);
    expect(viewMatches(view, reportRequest(2025, [1], null))).toBe(false);
    expect(viewMatches(view, reportRequest(2025, null, null))).toBe(false);
    expect(viewMatches(view, reportRequest(2024, [1, 2], null))).toBe(false);
    expect(viewMatches(view, reportRequest(2025, [1, 2], { ...countingChoices({}), icpc_base: "s47_start" }))).toBe(false);
  });

  test("the file name is the one Rust uses in an export folder", () => {
    expect(reportFileName("2025–26", "xlsx")).toBe("iro-annual-report-2025-26.xlsx");
    expect(reportFileName("2024–25", "csv")).toBe("iro-annual-report-2024-25.csv");
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
          this_year: { value: { kind: "percent", numerator: 2, denominator: 3 }, text: "2 of 3 (67%)", number: 66.66666666666667 },
          last_year: { value: { kind: "percent", numerator: 0, denominator: 0 }, text: "—", number: null },
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
