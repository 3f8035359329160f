import { describe, expect, test } from "vitest";
import { KeySequence, type KeyPress } from "./shortcuts";

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  editable: false,
  ...extra,
});

describe("keyboard shortcuts", () => {
  test("g then a letter goes to a screen", () => {
    const keys = new KeySequence();
    expect(keys.handle(press("g"), 0)).toBeNull();
    expect(keys.handle(press("c"), 100)).toEqual({ kind: "go", screen: "caseload" });
    expect(keys.handle(press("g"), 200)).toBeNull();
    expect(keys.handle(press("w"), 300)).toEqual({ kind: "go", screen: "week" });
    keys.handle(press("g"), 400);
    expect(keys.handle(press("d"), 500)).toEqual({ kind: "go", screen: "disputes" });
  });

  test("the sequence expires", () => {
    const keys = new KeySequence();
    keys.handle(press("g"), 0);
    expect(keys.handle(press("t"), 5000)).toBeNull();
  });

  test("Alt+digit works even while typing", () => {
    const keys = new KeySequence();
    expect(keys.handle(press("1", { altKey: true, editable: true }), 0)).toEqual({ kind: "go", screen: "today" });
    expect(keys.handle(press("4", { altKey: true }), 0)).toEqual({ kind: "go", screen: "disputes" });
    expect(keys.handle(press("5", { altKey: true }), 0)).toEqual({ kind: "go", screen: "report" });
    expect(keys.handle(press("6", { altKey: true }), 0)).toEqual({ kind: "go", screen: "settings" });
    expect(keys.handle(press("0", { altKey: true }), 0)).toEqual({ kind: "go", screen: "service" });
    expect(keys.handle(press("7", { altKey: true }), 0)).toEqual({ kind: "go", screen: "audit" });
    expect(keys.handle(press("9", { altKey: true }), 0)).toEqual({ kind: "go", screen: "handover" });
  });

  test("Ctrl+L (or Cmd+L) locks, even while typing; other Ctrl keys are left alone", () => {
    const keys = new KeySequence();
    expect(keys.handle(press("l", { ctrlKey: true, editable: true }), 0)).toEqual({ kind: "lock" });
    expect(keys.handle(press("L", { metaKey: true }), 0)).toEqual({ kind: "lock" });
    expect(keys.handle(press("k", { ctrlKey: true }), 0)).toBeNull();
  });

  test("g a opens the audit trail", () => {
    const keys = new KeySequence();
    keys.handle(press("g"), 0);
    expect(keys.handle(press("a"), 100)).toEqual({ kind: "go", screen: "audit" });
  });

  test("single keys", () => {
    const keys = new KeySequence();
    expect(keys.handle(press("/"), 0)).toEqual({ kind: "search" });
    expect(keys.handle(press("n"), 0)).toEqual({ kind: "new-child" });
    expect(keys.handle(press("?"), 0)).toEqual({ kind: "help" });
  });

  test("typing in a field, or Ctrl/Cmd combinations, are left alone", () => {
    const keys = new KeySequence();
    expect(keys.handle(press("n", { editable: true }), 0)).toBeNull();
    expect(keys.handle(press("/", { editable: true }), 0)).toBeNull();
    expect(keys.handle(press("n", { ctrlKey: true }), 0)).toBeNull();
    expect(keys.handle(press("g", { metaKey: true }), 0)).toBeNull();
  });
});
