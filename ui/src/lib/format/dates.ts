// Formatting of the civil dates and times Rust sends ("YYYY-MM-DD", "HH:MM:SS").
//
// Dates are parsed from their parts and read back in UTC, never through `new Date("2026-11-23")`
// (UTC midnight, which shows as the previous day west of Greenwich). Day and month names come from
// fixed en-GB tables rather than Intl, so the UI prints "Sep" exactly as Rust's explanations do
// (newer ICU data prints "Sept").
//
// This module formats; it never computes a due date, an age, a working day or a week.

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const WEEKDAYS_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const WEEKDAYS_LONG = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
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

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-23" → { year: 2026, month: 11, day: 23 }, or null if it is not a real date. */
export function parseIsoDate(iso: string | null | undefined): CivilDate | null {
  if (iso === null || iso === undefined) return null;
  const m = ISO.exec(iso.trim());
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(value: string | null | undefined): value is string {
  return parseIsoDate(value) !== null;
}

function weekdayIndex(d: CivilDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

function format(iso: string | null | undefined, render: (d: CivilDate) => string): string {
  if (iso === null || iso === undefined || iso === "") return "";
  const d = parseIsoDate(iso);
  return d === null ? iso : render(d);
}

/** "2026-11-23" → "Mon 23 Nov 2026". Empty for null; the input unchanged if it is not a date. */
export function ukDate(iso: string | null | undefined): string {
  return format(iso, (d) => `${WEEKDAYS_SHORT[weekdayIndex(d)]} ${d.day} ${MONTHS_SHORT[d.month - 1]} ${d.year}`);
}

/** "2026-11-23" → "Monday 23 November 2026". */
export function ukDateLong(iso: string | null | undefined): string {
  return format(iso, (d) => `${WEEKDAYS_LONG[weekdayIndex(d)]} ${d.day} ${MONTHS_LONG[d.month - 1]} ${d.year}`);
}

/** "2026-12-04" → "4 December 2026" (a day named without its weekday, as in "Built 4 December 2026"). */
export function ukDateDayMonthYear(iso: string | null | undefined): string {
  return format(iso, (d) => `${d.day} ${MONTHS_LONG[d.month - 1]} ${d.year}`);
}

/** "2026-11-23" → "Mon 23 Nov" (for the week grid, where the year is in the heading). */
export function ukDateShort(iso: string | null | undefined): string {
  return format(iso, (d) => `${WEEKDAYS_SHORT[weekdayIndex(d)]} ${d.day} ${MONTHS_SHORT[d.month - 1]}`);
}

/** "2026-11-23" → "23 Nov 2026" (dense tables). */
export function ukDateCompact(iso: string | null | undefined): string {
  return format(iso, (d) => `${d.day} ${MONTHS_SHORT[d.month - 1]} ${d.year}`);
}

/** "2026-11-03" → "03/11/2026", as a date field shows it; empty for none. */
export function fieldDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "";
  return format(iso, (d) => `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${d.year}`);
}

/** "10:00:00" or "10:00" → "10:00". Empty for null. */
export function ukTime(time: string | null | undefined): string {
  if (time === null || time === undefined) return "";
  const m = /^(\d{1,2}):(\d{2})/.exec(time.trim());
  return m === null ? time : `${m[1]?.padStart(2, "0")}:${m[2]}`;
}

/** The working days Rust counted, in words: "5 working days left", "due today", "3 working days overdue". */
export function workingDaysLeft(n: number | null | undefined): string {
  if (n === null || n === undefined) return "";
  if (n === 0) return "due today";
  const abs = Math.abs(n);
  const days = abs === 1 ? "1 working day" : `${abs} working days`;
  return n > 0 ? `${days} left` : `${days} overdue`;
}

/** The year of an ISO date (for the Settings year picker's starting value). */
export function yearOf(iso: string | null | undefined): number | null {
  return parseIsoDate(iso)?.year ?? null;
}

const LONDON_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * An instant Rust sent in UTC ("2026-07-01T08:05:00Z"), on the clock of England and Wales
 * (BST in summer): "Wed 1 Jul 2026, 09:05". Null when it is not an instant.
 */
export function londonDateTime(instant: string): string | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  const parts = Object.fromEntries(LONDON_TIME.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return ukDateTime(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
}

/** A local date and time ("2026-11-24T09:30:00", as backups are named): "Tue 24 Nov 2026, 09:30". */
export function ukDateTime(local: string): string {
  const [day = "", time = ""] = local.split("T");
  return `${ukDate(day)}, ${time.slice(0, 5)}`;
}
