// The lock: where the caseload stands (new, locked, unlocked) and the idle clock.
//
// Locking reloads the window: every view Rust sent is dropped from memory with the page, and the
// fresh page shows only the lock screen. Rust drops the key at the same moment (and its own
// watchdog locks an idle store even if this page is frozen or hidden).

import { api, asCommandError, whenLocked, type CommandError, type LockStatus, type RecoveryKeyView } from "../api";

/** How often the user's activity is reported to Rust (it restarts Rust's idle clock). */
export const TOUCH_EVERY_MS = 15_000;

export class LockState {
  status = $state.raw<LockStatus | null>(null);
  error = $state.raw<CommandError | null>(null);
  /** A recovery key just made, shown once in place of the app until the IRO has stored it. */
  recoveryKey = $state.raw<RecoveryKeyView | null>(null);
  #lastActivity = Date.now();
  #lastTouch = 0;
  #timer: ReturnType<typeof setInterval> | null = null;
  /** Replaced in tests. */
  reload: () => void = () => window.location.reload();

  get unlocked(): boolean {
    return this.status?.state === "unlocked";
  }

  /** Locks on idle only an encrypted store (a plaintext one has no key to drop). */
  get guarded(): boolean {
    return this.unlocked && this.status?.encrypted === true;
  }

  async load(): Promise<void> {
    try {
      this.status = await api.lockStatus();
      this.error = null;
    } catch (e) {
      this.error = asCommandError(e);
    }
  }

  /** First run: the passphrase typed twice. Throws Rust's refusal for the form to show. */
  async create(passphrase: string, confirm: string): Promise<void> {
    this.status = await api.createStore(passphrase, confirm);
    await this.opened();
  }

  /**
   * Throws Rust's refusal (wrong passphrase, damaged store) for the form to show. An older store
   * gets its recovery key on this unlock: it is shown before the app.
   */
  async unlock(passphrase: string): Promise<void> {
    this.status = await api.unlock(passphrase);
    await this.opened();
  }

  /** "Forgot your passphrase?": the recovery key and a new passphrase twice. Throws Rust's refusal. */
  async recover(recoveryKey: string, passphrase: string, confirm: string): Promise<void> {
    this.status = await api.recover(recoveryKey, passphrase, confirm);
    await this.opened();
  }

  /** After the store opened, encrypted or converted: the recovery key made, if any, to show once. */
  async opened(): Promise<void> {
    this.activity(Date.now());
    const made = await api.takeRecoveryKey();
    if (made !== null) this.recoveryKey = made;
  }

  /** "Lock now", the idle timeout, or a command that found the store locked. */
  async lockNow(): Promise<void> {
    try {
      await api.lock();
    } finally {
      this.reload();
    }
  }

  /** The user did something: restart the idle clock here, and in Rust now and then. */
  activity(now: number): void {
    this.#lastActivity = now;
    if (this.guarded && now - this.#lastTouch >= TOUCH_EVERY_MS) {
      this.#lastTouch = now;
      void api.touch();
    }
  }

  /** True when an encrypted store has been idle past its time at `now`. */
  idleExpired(now: number): boolean {
    const status = this.status;
    if (status === null || !this.guarded) return false;
    return now - this.#lastActivity >= status.auto_lock_seconds * 1000;
  }

  /** Checks the idle clock every second, and locks when a command finds the store locked. */
  start(): void {
    whenLocked.handler = () => this.reload();
    if (this.#timer !== null) return;
    this.#timer = setInterval(() => {
      if (this.idleExpired(Date.now())) void this.lockNow();
    }, 1000);
  }
}

export const lock = new LockState();
