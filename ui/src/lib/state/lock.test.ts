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
  recovery_key: true,
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

  test("a recovery key made by the opening is kept to show once; none leaves nothing to show", async () => {
    const shown = { key: "7KQ2M-XR4P9-00000-11111-22222-33333", store_path: "/tmp/caseload.sqlite3" };
    let made: typeof shown | null = shown;
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "take_recovery_key") {
        const answer = made;
        made = null;
        return answer;
      }
      return status();
    });
    const s = new LockState();
    await s.create("first passphrase", "first passphrase");
    expect(calls).toEqual(["create_store", "touch", "take_recovery_key"]);
    expect(s.recoveryKey).toEqual(shown);
    s.recoveryKey = null;
    await s.unlock("first passphrase");
    expect(s.recoveryKey).toBeNull();
  });

  test("recovering sends the key and the new passphrase twice, and opens", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "recover_store") sent.push(args);
      return cmd === "take_recovery_key" ? null : status();
    });
    const s = new LockState();
    await s.recover("7kq2m xr4p9", "new passphrase", "new passphrase");
    expect(sent).toEqual([{ req: { recovery_key: "7kq2m xr4p9", passphrase: "new passphrase", confirm: "new passphrase" } }]);
    expect(s.unlocked).toBe(true);
  });
});
