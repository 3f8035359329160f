// Focus helpers for dialogs: what can take focus inside an element, and a Tab trap.

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
}

/** Keeps Tab and Shift+Tab inside `root`. Returns true if it moved the focus. */
export function trapTab(root: HTMLElement, event: KeyboardEvent): boolean {
  if (event.key !== "Tab") return false;
  const items = focusables(root);
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) {
    event.preventDefault();
    root.focus();
    return true;
  }
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !root.contains(active))) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (active === last || !root.contains(active))) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}

/** The first field of a form (input, select, textarea), else the first focusable thing. */
export function firstField(root: HTMLElement): HTMLElement | null {
  const field = root.querySelector<HTMLElement>("[data-autofocus], .body input:not([type=hidden]), .body select, .body textarea");
  return field ?? focusables(root)[0] ?? null;
}

/** How long after a dialog closes the screen may still reload what it changed. */
const SETTLING_MS = 3000;

/**
 * Gives the focus back to what opened a dialog once the frame behind it is live again (it is
 * inert while the dialog is open). When the opener has gone, or goes as the screen reloads what
 * the dialog changed (a row's Book button becomes Record held), the screen's heading takes the
 * focus, so the keyboard never lands on nothing. The watch ends at the user's next key or click.
 */
export function returnFocus(opener: HTMLElement | null): void {
  const heading = (): HTMLElement | null => document.querySelector<HTMLElement>("main h1");
  setTimeout(() => {
    (opener?.isConnected ? opener : heading())?.focus();
    const lost = (): boolean => document.activeElement === null || document.activeElement === document.body;
    const watch = new MutationObserver(() => {
      if (lost()) heading()?.focus();
    });
    const stop = (): void => {
      watch.disconnect();
      removeEventListener("pointerdown", stop, true);
      removeEventListener("keydown", stop, true);
    };
    watch.observe(document.body, { childList: true, subtree: true });
    addEventListener("pointerdown", stop, true);
    addEventListener("keydown", stop, true);
    setTimeout(stop, SETTLING_MS);
  }, 0);
}
