// Presence checks for the few fields whose wire type cannot be empty (a date, a code from a
// list). Everything else, and every rule about what a value may be, is Rust's to check: its
// messages appear beside the same inputs.

/** [field, value, message] → the fields that are blank, with their messages. */
export function missing(checks: ReadonlyArray<readonly [string, string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value, message] of checks) {
    if (value.trim() === "") out[field] = message;
  }
  return out;
}
