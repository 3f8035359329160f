// Keyboard shortcuts: "g t" / "g c" / "g w" / "g d" / "g r" / "g s" / "g a" and Alt+1…9 go to a screen, "/" searches the
// caseload, "n" adds a child, "?" shows the list. Pure (keys in, action out) so it is tested
// without a window; App.svelte feeds it keydown events.

export type GoScreen = "today" | "caseload" | "week" | "disputes" | "report" | "settings" | "audit" | "import" | "handover" | "service";

export type ShortcutAction =
  | { kind: "go"; screen: GoScreen }
  | { kind: "search" }
  | { kind: "new-child" }
  | { kind: "help" }
  | { kind: "lock" };

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The focus is in a text field, select or editable area: single letters are typing. */
  editable: boolean;
}

const AFTER_G: Record<string, GoScreen> = { t: "today", c: "caseload", w: "week", d: "disputes", r: "report", s: "settings", a: "audit", i: "import", h: "handover" };
const ALT_DIGIT: Record<string, GoScreen> = { "1": "today", "2": "caseload", "3": "week", "4": "disputes", "5": "report", "6": "settings", "7": "audit", "8": "import", "9": "handover", "0": "service" };
const SEQUENCE_MS = 1500;

export const SHORTCUT_HELP: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ["g", "t"], what: "Today (or Alt+1)" },
  { keys: ["g", "c"], what: "Caseload (or Alt+2)" },
  { keys: ["g", "w"], what: "Week (or Alt+3)" },
  { keys: ["g", "d"], what: "Disputes (or Alt+4)" },
  { keys: ["g", "r"], what: "Annual report (or Alt+5)" },
  { keys: ["g", "s"], what: "Settings (or Alt+6)" },
  { keys: ["g", "a"], what: "Audit trail (or Alt+7)" },
  { keys: ["g", "i"], what: "Import children (or Alt+8)" },
  { keys: ["g", "h"], what: "Handover and cover packs (or Alt+9)" },
  { keys: ["Alt+0"], what: "Service report" },
  { keys: ["/"], what: "Search the caseload" },
  { keys: ["n"], what: "Add a new child" },
  { keys: ["?"], what: "Show these shortcuts" },
  { keys: ["Ctrl", "L"], what: "Lock now (an encrypted caseload)" },
  { keys: ["Esc"], what: "Close a dialog (nothing is saved)" },
  { keys: ["Enter"], what: "Save the form in a dialog" },
];

export class KeySequence {
  /** When "g" was pressed, while waiting for the second key. */
  #pendingG: number | null = null;

  /** The action for this key press, if any. `now` is a millisecond clock (performance.now()). */
  handle(press: KeyPress, now: number): ShortcutAction | null {
    // Ctrl+L (Cmd+L): lock now. Any other Ctrl/Cmd combination belongs to the system.
    if (press.ctrlKey || press.metaKey) return press.key.toLowerCase() === "l" && !press.altKey ? { kind: "lock" } : null;
    if (press.altKey) {
      const screen = ALT_DIGIT[press.key];
      return screen === undefined ? null : { kind: "go", screen };
    }
    if (press.editable) return null;
    const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
    const pending = this.#pendingG;
    this.#pendingG = null;
    if (pending !== null && now - pending <= SEQUENCE_MS) {
      const screen = AFTER_G[key];
      if (screen !== undefined) return { kind: "go", screen };
    }
    switch (press.key) {
      case "g":
        this.#pendingG = now;
        return null;
      case "/":
        return { kind: "search" };
      case "n":
        return { kind: "new-child" };
      case "?":
        return { kind: "help" };
      default:
        return null;
    }
  }
}

/** Whether keys typed at this element are text (so single-letter shortcuts must not fire). */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
}
