// The session: what the app was told at start (AppInfo) and the IRO whose caseload is shown.
// Default selection: the store's owner if onboarding named one, else every IRO.

import { api, asCommandError, type AppInfo, type CommandError, type IroId } from "../api";

export type IroChoice = IroId | "all";

export class Session {
  info = $state.raw<AppInfo | null>(null);
  error = $state.raw<CommandError | null>(null);
  selected = $state<IroChoice>("all");
  #chosen = false;

  /** The selected IRO as the commands take it (null = all). */
  get iro(): IroId | null {
    return this.selected === "all" ? null : this.selected;
  }

  /** First run: no owner, no IRO profiles, and not the demo. */
  get needsOnboarding(): boolean {
    const info = this.info;
    return info !== null && !info.demo && info.owner === null && info.iros.length === 0;
  }

  get today(): string | null {
    return this.info?.today ?? null;
  }

  async load(): Promise<void> {
    try {
      const info = await api.appInfo();
      this.info = info;
      this.error = null;
      if (!this.#chosen) {
        this.selected = info.owner?.id ?? "all";
      } else if (this.selected !== "all" && !info.iros.some((i) => i.id === this.selected)) {
        this.selected = "all";
      }
    } catch (e) {
      this.error = asCommandError(e);
    }
  }

  select(choice: IroChoice): void {
    this.#chosen = true;
    this.selected = choice;
  }

  /** "all" or a number, from a <select> value. */
  static parseChoice(value: string): IroChoice {
    const id = Number(value);
    return value === "all" || !Number.isInteger(id) ? "all" : id;
  }
}

export const session = new Session();
