// Moving about a date picker's page with the keyboard. A page is Rust's: weeks of consecutive
// days, Monday first. Moving is counting places on the page (or on the page next to it, which
// meets or overlaps it): no date arithmetic here.

import type { PickerDay } from "./api";

export type PickerMove = { days: number } | { months: -1 | 1 } | { edge: "start" | "end" };

/** What a key does in the grid: arrows move a day or a week, Home and End to the week's ends,
 * Page Up and Page Down a month. */
export function pickerMove(key: string): PickerMove | null {
  switch (key) {
    case "ArrowLeft":
      return { days: -1 };
    case "ArrowRight":
      return { days: 1 };
    case "ArrowUp":
      return { days: -7 };
    case "ArrowDown":
      return { days: 7 };
    case "Home":
      return { edge: "start" };
    case "End":
      return { edge: "end" };
    case "PageUp":
      return { months: -1 };
    case "PageDown":
      return { months: 1 };
    default:
      return null;
  }
}

/** The page's days, first to last. */
export function daysOf(weeks: readonly PickerDay[][]): PickerDay[] {
  return weeks.flat();
}

/** The date `delta` days from `from` if it is on the same page; null if it is off the page. */
export function dayOnPage(days: readonly PickerDay[], from: string, delta: number): string | null {
  const i = days.findIndex((d) => d.date === from);
  if (i < 0) return null;
  return days[i + delta]?.date ?? null;
}

/** The first or last day of the week `from` is in. */
export function weekEdge(days: readonly PickerDay[], from: string, edge: "start" | "end"): string | null {
  const i = days.findIndex((d) => d.date === from);
  if (i < 0) return null;
  const monday = i - (i % 7);
  return days[edge === "start" ? monday : monday + 6]?.date ?? null;
}

/** The date `delta` days from `from` (a day on `current`), found on `next`: the page before
 * (delta < 0) or after (delta > 0). */
export function dayAcross(current: readonly PickerDay[], next: readonly PickerDay[], from: string, delta: number): string | null {
  const i = current.findIndex((d) => d.date === from);
  if (i < 0 || current.length === 0) return null;
  if (delta > 0) {
    const last = current[current.length - 1]!.date;
    const beyond = i + delta - (current.length - 1);
    const k = next.findIndex((d) => d.date === last);
    return next[k + beyond]?.date ?? null;
  }
  const first = current[0]!.date;
  const before = -(i + delta);
  const k = next.findIndex((d) => d.date === first);
  return next[(k >= 0 ? k : next.length) - before]?.date ?? null;
}

/** The day of the month `dayOfMonth` on a page, or its last day when the month is shorter. */
export function sameDayOfMonth(days: readonly PickerDay[], dayOfMonth: number): string | null {
  const inMonth = days.filter((d) => d.in_month);
  return (inMonth.find((d) => d.day === dayOfMonth) ?? inMonth[inMonth.length - 1])?.date ?? null;
}
