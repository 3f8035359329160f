import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { WhyKey } from "../api";
import { explanation, warning } from "../test-fixtures";
import { WhyDisclosure } from "./why.svelte";

afterEach(() => clearMocks());

const key = warning().why as WhyKey;

describe("WhyDisclosure", () => {
  test("opens and shuts; the explanation is asked of Rust once for a key", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return explanation;
    });
    const why = new WhyDisclosure();
    expect(why.open).toBe(false);
    why.toggle();
    expect(why.open).toBe(true);
    await why.load(key);
    expect(calls).toEqual([["explain_warning", { req: key }]]);
    expect(why.explanation).toEqual(explanation);
    why.toggle();
    why.toggle();
    await why.load({ ...key });
    expect(calls).toHaveLength(1);
  });

  test("a row whose date changed asks again, and only the answer for its key is kept", async () => {
    const later = { ...key, due: "2026-12-01" };
    const answers = new Map([
      [key.due, { ...explanation, due: key.due }],
      [later.due, { ...explanation, due: later.due }],
    ]);
    // The first answer arrives after the second: it is for a key the row no longer has.
    mockIPC(async (_cmd, args) => {
      const due = (args as { req: WhyKey }).req.due;
      if (due === key.due) await new Promise((resolve) => setTimeout(resolve, 20));
      return answers.get(due);
    });
    const why = new WhyDisclosure();
    const first = why.load(key);
    const second = why.load(later);
    await Promise.all([first, second]);
    expect(why.explanation?.due).toBe("2026-12-01");
  });

  test("a refusal is kept as a sentence, with no explanation", async () => {
    mockIPC(() => {
      throw { kind: "not_found", what: "the due date of this warning for child 12" };
    });
    const why = new WhyDisclosure();
    await why.load(key);
    expect(why.explanation).toBeNull();
    expect(why.error).toBe("Not found: the due date of this warning for child 12.");
  });
});
