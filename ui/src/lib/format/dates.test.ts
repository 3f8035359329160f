import { describe, expect, test, vi } from "vitest";
import {
  fieldDate,
  isIsoDate,
  londonDateTime,
  ukDateTime,
  parseIsoDate,
  ukDate,
  ukDateCompact,
  ukDateLong,
  ukDateDayMonthYear,
  ukDateShort,
  ukTime,
  workingDaysLeft,
  yearOf,
} from "./dates";

describe("ukDate", () => {
  test.each([
    ["2026-11-23", "Mon 23 Nov 2026"],
    ["2027-01-20", "Wed 20 Jan 2027"],
    ["2026-02-28", "Sat 28 Feb 2026"],
    ["2024-02-29", "Thu 29 Feb 2024"],
    ["2026-09-01", "Tue 1 Sep 2026"],
    ["2025-12-25", "Thu 25 Dec 2025"],
  ])("%s → %s", (iso, text) => {
    expect(ukDate(iso)).toBe(text);
  });

  test("is a civil date in every time zone (never shifted by a day)", () => {
    // Built from parts and read in UTC: the process time zone cannot move it.
    for (const tz of ["America/Los_Angeles", "Pacific/Kiritimati", "Europe/London", "UTC"]) {
      vi.stubEnv("TZ", tz);
      expect(ukDate("2026-03-29")).toBe("Sun 29 Mar 2026");
      expect(ukDate("2026-10-25")).toBe("Sun 25 Oct 2026");
    }
    vi.unstubAllEnvs();
  });

  test("empty for null, unchanged for what is not a date", () => {
    expect(ukDate(null)).toBe("");
    expect(ukDate(undefined)).toBe("");
    expect(ukDate("")).toBe("");
    expect(ukDate("2026-02-30")).toBe("2026-02-30");
    expect(ukDate("23/11/2026")).toBe("23/11/2026");
  });

  test("other widths", () => {
    expect(ukDateLong("2026-11-23")).toBe("Monday 23 November 2026");
    expect(ukDateDayMonthYear("2026-12-04")).toBe("4 December 2026");
    expect(ukDateDayMonthYear("2027-01-31")).toBe("31 January 2027");
    expect(ukDateShort("2026-11-23")).toBe("Mon 23 Nov");
    expect(ukDateCompact("2026-11-23")).toBe("23 Nov 2026");
  });
});

describe("parseIsoDate", () => {
  test("real dates only", () => {
    expect(parseIsoDate("2026-11-23")).toEqual({ year: 2026, month: 11, day: 23 });
    expect(parseIsoDate("2025-02-29")).toBeNull();
    expect(parseIsoDate("2026-13-01")).toBeNull();
    expect(parseIsoDate("2026-1-1")).toBeNull();
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("")).toBe(false);
    expect(yearOf("2026-11-23")).toBe(2026);
    expect(yearOf(null)).toBeNull();
  });
});

describe("ukTime", () => {
  test.each([
    ["10:00:00", "10:00"],
    ["09:30", "09:30"],
    ["9:05:00", "09:05"],
    ["13:30:15", "13:30"],
  ])("%s → %s", (t, text) => {
    expect(ukTime(t)).toBe(text);
  });
  test("empty for null", () => {
    expect(ukTime(null)).toBe("");
  });
});

describe("workingDaysLeft", () => {
  test.each([
    [5, "5 working days left"],
    [1, "1 working day left"],
    [0, "due today"],
    [-1, "1 working day overdue"],
    [-3, "3 working days overdue"],
  ])("%i → %s", (n, text) => {
    expect(workingDaysLeft(n)).toBe(text);
  });
  test("empty when Rust sent none", () => {
    expect(workingDaysLeft(null)).toBe("");
  });
});


describe("ukDateTime", () => {
  test("shows a local date and time to the minute", () => {
    expect(ukDateTime("2026-11-24T09:30:00")).toBe("Tue 24 Nov 2026, 09:30");
  });
});

describe("londonDateTime", () => {
  test("shows a UTC instant on the clock of England and Wales, BST in summer", () => {
    expect(londonDateTime("2026-07-01T08:05:00Z")).toBe("Wed 1 Jul 2026, 09:05");
    expect(londonDateTime("2026-11-23T08:05:00Z")).toBe("Mon 23 Nov 2026, 08:05");
    // Late evening UTC in summer is already the next day in London.
    expect(londonDateTime("2026-06-30T23:30:00.123456Z")).toBe("Wed 1 Jul 2026, 00:30");
  });

  test("is null for what is not an instant", () => {
    expect(londonDateTime("yesterday")).toBeNull();
  });
});

describe("fieldDate", () => {
  test("writes a date as a date field shows it, day first", () => {
    expect(fieldDate("2026-11-03")).toBe("03/11/2026");
    expect(fieldDate("2027-04-12")).toBe("12/04/2027");
    expect(fieldDate("")).toBe("");
    expect(fieldDate(null)).toBe("");
  });
});
