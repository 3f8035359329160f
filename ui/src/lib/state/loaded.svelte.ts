// The shape every screen's state shares: exactly the view model Rust sent, the error if the
// load failed, and whether a load is under way. A newer load wins over an older one that
// finishes late (switching IRO quickly must not show the previous IRO's list).

import { asCommandError, type CommandError } from "../api";

export class Loaded<T> {
  view = $state.raw<T | null>(null);
  error = $state.raw<CommandError | null>(null);
  loading = $state(false);
  #ticket = 0;

  /** True once something (data or an error) is on screen and nothing is loading. */
  get ready(): boolean {
    return !this.loading && (this.view !== null || this.error !== null);
  }

  protected async run(fetch: () => Promise<T>): Promise<void> {
    const ticket = ++this.#ticket;
    this.loading = true;
    try {
      const view = await fetch();
      if (ticket === this.#ticket) {
        this.view = view;
        this.error = null;
      }
    } catch (e) {
      if (ticket === this.#ticket) this.error = asCommandError(e);
    } finally {
      if (ticket === this.#ticket) this.loading = false;
    }
  }
}
