import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { LockStatus } from "../api";
import { LockState, TOUCH_EVERY_MS } from "./lock.svelte";

afterEach(() => clearMocks());

const status = (overrides: Partial<LockStatus> = {}): LockStatus => ({
  state: "unlocked",
  encrypted: true,
  demo: false,
  store_path: "/tmp/caseload.sqlite3",
  backup_dir: "/tmp/backups",
  auto_lock_seconds: 600,
  min_passphrase_chars: 8,
  ...overrides,
});

describe("LockState", () => {
  test("an encrypted store idle past its time expires; activity restarts the clock", () => {
    const s = new LockState();
    s.status = status({ auto_lock_seconds: 60 });
    mockIPC(() => null);
    s.activity(1_000);
    expect(s.idleExpired(60_999)).toBe(false);
    expect(s.idleExpired(61_000)).toBe(true);
    s.activity(50_000);
    expect(s.idleExpired(61_000)).toBe(false);
  });

  test("a plaintext or locked store never expires", () => {
    const s = new LockState();
    s.status = status({ encrypted: false });
    s.activity(0);
    expect(s.idleExpired(10_000_000)).toBe(false);
    s.status = status({ state: "locked" });
    expect(s.idleExpired(10_000_000)).toBe(false);
  });

  test("activity is reported to Rust at most every TOUCH_EVERY_MS", () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    const s = new LockState();
    s.status = status();
    s.activity(TOUCH_EVERY_MS);
    s.activity(TOUCH_EVERY_MS + 1);
    s.activity(2 * TOUCH_EVERY_MS);
    expect(calls).toEqual(["touch", "touch"]);
  });

  test("locking tells Rust, then reloads the page even if Rust failed", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      throw { kind: "storage", message: "gone" };
    });
    const s = new LockState();
    let reloaded = 0;
    s.reload = () => (reloaded += 1);
    await s.lockNow().catch(() => undefined);
    expect(calls).toEqual(["lock"]);
    expect(reloaded).toBe(1);
  });

  test("a wrong passphrase is thrown for the form and leaves the lock as it was", async () => {
    mockIPC((cmd) => {
      if (cmd === "unlock") throw { kind: "wrong_passphrase", message: "The passphrase is wrong. Nothing was changed." };
      return status({ state: "locked" });
    });
    const s = new LockState();
    await s.load();
    await expect(s.unlock("nope")).rejects.toMatchObject({ kind: "wrong_passphrase" });
    expect(s.status?.state).toBe("locked");
  });
});
