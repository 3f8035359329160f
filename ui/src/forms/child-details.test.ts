import { describe, expect, test } from "vitest";
import { defaultAllocatedOn } from "./child-details";

describe("a new child's allocation date", () => {
  test("is the day care started when given, else today", () => {
    expect(defaultAllocatedOn("2021-03-15", "2026-11-23")).toBe("2021-03-15");
    expect(defaultAllocatedOn("", "2026-11-23")).toBe("2026-11-23");
    expect(defaultAllocatedOn("  ", null)).toBe("");
  });
});
