import { describe, expect, test } from "vitest";
import type { ChartView } from "./api";
import {
  chartPoints,
  dayMonthYear,
  defaultYear,
  iroFilter,
  latestYear,
  meanOnly,
  reportFileName,
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
  test("whose figures: everyone in the store, or the one IRO", () => {
    expect(iroFilter(null)).toEqual({ kind: "all" });
    expect(iroFilter(3)).toEqual({ kind: "only", iros: [3] });
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
