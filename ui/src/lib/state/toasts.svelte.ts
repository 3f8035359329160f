// Short messages at the bottom of the window: what was saved, or what went wrong.

export type ToastTone = "info" | "success" | "error";

export interface ToastMessage {
  id: number;
  text: string;
  tone: ToastTone;
}

class Toasts {
  current = $state.raw<ToastMessage | null>(null);
  #next = 1;
  #timer: ReturnType<typeof setTimeout> | null = null;

  show(text: string, tone: ToastTone = "info", ms = tone === "error" ? 15_000 : 5_000): void {
    this.current = { id: this.#next++, text, tone };
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.dismiss(), ms);
  }

  dismiss(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.current = null;
  }
}

export const toasts = new Toasts();
