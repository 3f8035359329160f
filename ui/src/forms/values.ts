// Turning what is typed into what the wire takes: trimmed text or null, "HH:MM" times.

export function orNull(value: string): string | null {
  const t = value.trim();
  return t === "" ? null : t;
}

/** "10:00:00" → "10:00" for an <input type="time">; "" for null. */
export function timeInput(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const m = /^(\d{2}):(\d{2})/.exec(value);
  return m === null ? value : `${m[1]}:${m[2]}`;
}

/** A number typed into a field, or null if blank or not a number. */
export function numberOrNull(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const t = value.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
