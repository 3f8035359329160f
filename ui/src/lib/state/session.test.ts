import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { AppInfo } from "../api";
import { Session } from "./session.svelte";

afterEach(() => clearMocks());

const info = (overrides: Partial<AppInfo> = {}): AppInfo => ({
  today: "2026-11-23",
  demo: false,
  store_path: "/tmp/store.sqlite3",
  version: "0.0.0",
  owner: null,
  iros: [],
  export_dir: null,
  plaintext_exports_acknowledged: false,
  import_files: [],
  terminology: "lac",
  lac_word: "LAC",
  calendar_privacy: "initials_and_reference",
  calendar_shows: "initials and local reference",
  ...overrides,
});

describe("Session", () => {
  test("first run (no owner, no IROs, not the demo) asks for onboarding", async () => {
    mockIPC(() => info());
    const s = new Session();
    await s.load();
    expect(s.needsOnboarding).toBe(true);
  });

  test("the demo never asks for onboarding and shows every IRO", async () => {
    mockIPC(() => info({ demo: true, iros: [{ id: 1, name: "Demo IRO Ada Quill" }] }));
    const s = new Session();
    await s.load();
    expect(s.needsOnboarding).toBe(false);
    expect(s.selected).toBe("all");
    expect(s.iro).toBeNull();
  });

  test("defaults to the owner, keeps the user's choice, falls back to all if that IRO goes", async () => {
    const me = { id: 2, name: "Test IRO Two" };
    let iros = [{ id: 1, name: "Test IRO One" }, me];
    mockIPC(() => info({ owner: me, iros }));
    const s = new Session();
    await s.load();
    expect(s.iro).toBe(2);
    s.select(1);
    await s.load();
    expect(s.iro).toBe(1);
    iros = [me];
    await s.load();
    expect(s.selected).toBe("all");
  });

  test("select values", () => {
    expect(Session.parseChoice("all")).toBe("all");
    expect(Session.parseChoice("3")).toBe(3);
  });
});
