// The Today screen: the TodayView for the selected IRO, exactly as sent.

import { api, type IroId, type TodayGroup, type TodayView } from "../api";
import { Loaded } from "./loaded.svelte";

export class TodayState extends Loaded<TodayView> {
  load(iro: IroId | null): Promise<void> {
    return this.run(() => api.today(iro));
  }

  /** Groups with rows, in Rust's order (empty groups are hidden). */
  get shownGroups(): TodayGroup[] {
    return this.view?.groups.filter((g) => g.rows.length > 0) ?? [];
  }

  get isEmpty(): boolean {
    return this.view !== null && this.shownGroups.length === 0;
  }

  /** For the nav badge: overdue plus red, as Rust counted them. */
  get urgent(): number {
    const c = this.view?.counts;
    return c === undefined ? 0 : c.overdue + c.red;
  }
}

/** One instance: the nav badge and the Today screen read the same view. */
export const today = new TodayState();
