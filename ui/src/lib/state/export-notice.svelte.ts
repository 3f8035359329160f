// The one-time notice before the first export: an exported file (a .docx, a PDF, a calendar, a
// workbook) is not encrypted, unlike the caseload. Said once; Rust remembers it was read.

import { api } from "../api";
import { session } from "./session.svelte";

class ExportNotice {
  /** True while the notice is on screen. */
  open = $state(false);
  #answer: ((go: boolean) => void) | null = null;

  /** Resolves true when the export may go ahead: at once once the notice was read. */
  ensureRead(): Promise<boolean> {
    if (session.info?.plaintext_exports_acknowledged ?? false) return Promise.resolve(true);
    this.open = true;
    return new Promise((resolve) => (this.#answer = resolve));
  }

  async accept(): Promise<void> {
    await api.acknowledgePlaintextExports();
    await session.load();
    this.#close(true);
  }

  cancel(): void {
    this.#close(false);
  }

  #close(go: boolean): void {
    this.open = false;
    this.#answer?.(go);
    this.#answer = null;
  }
}

export const exportNotice = new ExportNotice();
