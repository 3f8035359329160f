import { describe, expect, test } from "vitest";
import { exportedMessage } from "./files";

describe("exportedMessage", () => {
  test("says what went in, where, and what the events show of a child, as Rust sent it", () => {
    const written = { path: "/tmp/week.ics", meetings: 2, cancelled: 0, deadlines: 1, shows: "initials and local reference" };
    expect(exportedMessage(written)).toBe("Saved 2 meetings and 1 deadline to /tmp/week.ics. Events show initials and local reference.");
  });

  test("counts the meetings exported as cancelled when there are any", () => {
    const written = { path: "w.ics", meetings: 1, cancelled: 2, deadlines: 0, shows: "the full name" };
    expect(exportedMessage(written)).toBe("Saved 1 meeting, 2 cancelled and 0 deadlines to w.ics. Events show the full name.");
  });
});
