// A warning row's "Why?": open or shut, and the explanation Rust writes for it. A row carries only
// the key of its explanation; the explanation is asked for when the disclosure is first open for
// that key (a reload that changes the row's date asks again).

import { api, asCommandError, type Explanation, type WhyKey } from "../api";

export class WhyDisclosure {
  open = $state(false);
  explanation = $state<Explanation | null>(null);
  error = $state<string | null>(null);
  /** The key the explanation (or the error) is for, or on its way for. */
  #for = "";

  toggle(): void {
    this.open = !this.open;
  }

  /** Asks Rust for `key`'s explanation, unless it is here already or on its way. */
  async load(key: WhyKey): Promise<void> {
    const id = JSON.stringify(key);
    if (id === this.#for) return;
    this.#for = id;
    this.explanation = null;
    this.error = null;
    try {
      const explanation = await api.explainWarning(key);
      if (this.#for === id) this.explanation = explanation;
    } catch (e) {
      if (this.#for === id) this.error = asCommandError(e).message;
    }
  }
}
