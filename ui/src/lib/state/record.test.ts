import { describe, expect, it } from "vitest";
import { fullRecord } from "./record.svelte";

describe("fullRecord", () => {
  it("fills what an older draft left out, and keeps what it holds", () => {
    const r = fullRecord({ held_on: "2026-11-23", child_views: "I like my school", signs_of_safety: { harm: "Bruising" } });
    expect(r.held_on).toBe("2026-11-23");
    expect(r.child_views).toBe("I like my school");
    expect(r.decisions).toEqual([]);
    expect(r.attendance).toEqual([]);
    expect(r.concerns).toBe("");
    expect(r.signs_of_safety?.harm).toBe("Bruising");
    expect(r.signs_of_safety?.scaling).toEqual([]);
  });

  it("leaves a meeting with no mapping without one", () => {
    expect(fullRecord({}).signs_of_safety).toBeNull();
  });
});
