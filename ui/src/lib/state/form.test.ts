import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import { api } from "../api";
import { revision } from "../revision.svelte";
import { FormState } from "./form.svelte";

afterEach(() => clearMocks());

const booking = { op: "book_meeting", child: 12, kind: "lac_review", on: "2016-03-01" } as const;

describe("FormState with apply_changes", () => {
  test("a refused change puts each message beside its input, or at the top, and saves nothing", async () => {
    mockIPC(() => {
      throw {
        kind: "validation",
        changes: [
          {
            index: 0,
            op: "book_meeting",
            fields: [
              { field: "on", code: "before_birth", message: "The meeting date is before the child's date of birth (Tue 12 Apr 2016)." },
              { field: "id", code: "conflict", message: "Only a booked meeting can be moved." },
            ],
          },
        ],
      };
    });
    const before = revision.value;
    const form = new FormState(() => ["kind", "on", "at", "venue"]);
    const ok = await form.submit(async () => {
      await api.apply([booking]);
    });
    expect(ok).toBe(false);
    expect(form.error("on")).toMatch(/before the child's date of birth/);
    expect(form.general).toEqual(["Only a booked meeting can be moved."]);
    expect(revision.value).toBe(before);
    expect(form.submitting).toBe(false);
  });

  test("success bumps the revision (screens reload) and clears old errors", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      sent.push([cmd, args]);
      return [{ index: 0, op: "book_meeting", id: 301 }];
    });
    const before = revision.value;
    const form = new FormState(() => ["on"]);
    form.fail([], { on: "Enter the date of the meeting." });
    const ok = await form.submit(async () => {
      const applied = await api.apply([booking]);
      expect(applied[0]?.id).toBe(301);
    });
    expect(ok).toBe(true);
    expect(sent).toEqual([["apply_changes", { req: { changes: [booking] } }]]);
    expect(revision.value).toBe(before + 1);
    expect(form.errors).toEqual({});
  });

  test("a field can be renamed for this form (start_care's started_on is care_started_on)", async () => {
    mockIPC(() => {
      throw {
        kind: "validation",
        changes: [{ index: 0, op: "start_care", fields: [{ field: "started_on", code: "in_future", message: "In the future." }] }],
      };
    });
    const form = new FormState(
      () => ["first_name", "care_started_on"],
      (field, op) => (op === "start_care" && field === "started_on" ? "care_started_on" : field),
    );
    await form.submit(async () => {
      await api.apply([]);
    });
    expect(form.error("care_started_on")).toBe("In the future.");
  });

  test("errors that are not about a field are shown at the top", async () => {
    mockIPC(() => {
      throw { kind: "storage", message: "The store could not be written." };
    });
    const form = new FormState(() => ["on"]);
    await form.submit(async () => {
      await api.apply([]);
    });
    expect(form.general).toEqual(["The store could not be written."]);
  });
});
