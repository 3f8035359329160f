import { describe, expect, test } from "vitest";
import type { PickerDay } from "./api";
import { dayAcross, dayOnPage, pickerMove, sameDayOfMonth, weekEdge } from "./picker-grid";

/** A run of days as Rust sends a page: `first` (a Monday) on, `weeks` weeks, `month` in it. */
function page(first: string, weeks: number, month: number): PickerDay[] {
  const start = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, Number(first.slice(8, 10)));
  return Array.from({ length: weeks * 7 }, (_, i) => {
    const d = new Date(start + i * 86_400_000);
    const date = d.toISOString().slice(0, 10);
    return {
      date,
      day: d.getUTCDate(),
      in_month: d.getUTCMonth() + 1 === month,
      weekend: i % 7 >= 5,
      holiday: null,
      today: false,
      label: date,
    };
  });
}

// November 2026: Mon 26 Oct to Sun 6 Dec. December 2026: Mon 30 Nov to Sun 3 Jan.
const november = page("2026-10-26", 6, 11);
const december = page("2026-11-30", 5, 12);
const october = page("2026-09-28", 5, 10);

describe("the date picker's keys", () => {
  test("arrows move a day or a week; Home and End the week's ends; Page keys a month", () => {
    expect(pickerMove("ArrowDown")).toEqual({ days: 7 });
    expect(pickerMove("ArrowLeft")).toEqual({ days: -1 });
    expect(pickerMove("End")).toEqual({ edge: "end" });
    expect(pickerMove("PageUp")).toEqual({ months: -1 });
    expect(pickerMove("a")).toBeNull();
  });

  test("a move within the page", () => {
    expect(dayOnPage(november, "2026-11-23", 7)).toBe("2026-11-30");
    expect(dayOnPage(november, "2026-11-23", -1)).toBe("2026-11-22");
    expect(dayOnPage(november, "2026-12-03", 7)).toBeNull();
    expect(weekEdge(november, "2026-11-25", "start")).toBe("2026-11-23");
    expect(weekEdge(november, "2026-11-25", "end")).toBe("2026-11-29");
  });

  test("a move off the page lands on the right day of the page next to it, overlapping or not", () => {
    // Down from Thu 3 Dec (the last row of November's page) is Thu 10 Dec.
    expect(dayAcross(november, december, "2026-12-03", 7)).toBe("2026-12-10");
    // Right from Sun 6 Dec is Mon 7 Dec.
    expect(dayAcross(november, december, "2026-12-06", 1)).toBe("2026-12-07");
    // Up from Tue 27 Oct is Tue 20 Oct, on October's page (which ends on Sun 1 Nov).
    expect(dayAcross(november, october, "2026-10-27", -7)).toBe("2026-10-20");
    // Left from Mon 30 Nov on December's page (November's page overlaps it) is Sun 29 Nov.
    expect(dayAcross(december, november, "2026-11-30", -1)).toBe("2026-11-29");
  });

  test("a month on keeps the day of the month, or the month's last day", () => {
    expect(sameDayOfMonth(december, 23)).toBe("2026-12-23");
    expect(sameDayOfMonth(page("2027-02-01", 4, 2), 31)).toBe("2027-02-28");
  });
});
