import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { AppInfo } from "../api";
import { exportNotice } from "./export-notice.svelte";
import { session } from "./session.svelte";

afterEach(() => clearMocks());

const info = (acknowledged: boolean): AppInfo => ({
  today: "2026-11-23",
  demo: false,
  store_path: "/tmp/store.sqlite3",
  version: "0.0.0",
  owner: null,
  iros: [],
  export_dir: null,
  plaintext_exports_acknowledged: acknowledged,
  import_files: [],
  terminology: "lac",
  lac_word: "LAC",
  calendar_privacy: "initials_and_reference",
  calendar_shows: "initials and local reference",
});

describe("the plaintext notice before an export", () => {
  test("once read, an export goes ahead without it", async () => {
    session.info = info(true);
    await expect(exportNotice.ensureRead()).resolves.toBe(true);
    expect(exportNotice.open).toBe(false);
  });

  test("cancelled, the export does not happen and nothing is remembered", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => void calls.push(cmd));
    session.info = info(false);
    const answer = exportNotice.ensureRead();
    expect(exportNotice.open).toBe(true);
    exportNotice.cancel();
    await expect(answer).resolves.toBe(false);
    expect(exportNotice.open).toBe(false);
    expect(calls).toEqual([]);
  });

  test("accepted, Rust remembers it and the export goes ahead", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === "get_app_info" ? info(true) : null;
    });
    session.info = info(false);
    const answer = exportNotice.ensureRead();
    await exportNotice.accept();
    await expect(answer).resolves.toBe(true);
    expect(calls).toEqual(["acknowledge_plaintext_exports", "get_app_info"]);
    expect(session.info?.plaintext_exports_acknowledged).toBe(true);
  });
});
