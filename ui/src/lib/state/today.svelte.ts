// The Today screen: the TodayView for the selected IRO, exactly as sent.

import { api, type IroId, type TodayGroup, type TodayView } from "../api";
import { Loaded } from "./loaded.svelte";

/** A group this long or shorter is shown whole. */
export const WHOLE_GROUP_UP_TO = 50;
/** How many rows of a longer group are shown until the IRO asks for the rest: a screenful or
 * two, so a manager's Today over every IRO opens as fast as one IRO's. */
export const FIRST_ROWS = 30;

export class TodayState extends Loaded<TodayView> {
  /** The groups the IRO asked to see whole, by key; kept while the app is open. */
  private whole = $state<string[]>([]);

  load(iro: IroId | null): Promise<void> {
    return this.run(() => api.today(iro));
  }

  /** Groups with rows to act on, in Rust's order (empty groups are hidden; the meetings
   * booked in time are `onTrack`, shown as one line). */
  get shownGroups(): TodayGroup[] {
    return this.view?.groups.filter((g) => g.rows.length > 0 && g.key !== "on_track") ?? [];
  }

  /** The meetings due soon and booked in time, if any. */
  get onTrack(): TodayGroup | null {
    return this.view?.groups.find((g) => g.key === "on_track" && g.rows.length > 0) ?? null;
  }

  get isEmpty(): boolean {
    return this.view !== null && this.shownGroups.length === 0 && this.onTrack === null;
  }

  /** The rows of `group` on screen: all of a short group, the first of a long one. */
  rowsOf(group: TodayGroup): TodayGroup["rows"] {
    if (group.rows.length <= WHOLE_GROUP_UP_TO || this.whole.includes(group.key)) return group.rows;
    return group.rows.slice(0, FIRST_ROWS);
  }

  /** How many rows of `group` wait behind its "Show all" button. */
  hiddenIn(group: TodayGroup): number {
    return group.rows.length - this.rowsOf(group).length;
  }

  showWhole(group: TodayGroup): void {
    if (!this.whole.includes(group.key)) this.whole = [...this.whole, group.key];
  }

  /** For the nav badge: overdue plus red, as Rust counted them. */
  get urgent(): number {
    const c = this.view?.counts;
    return c === undefined ? 0 : c.overdue + c.red;
  }
}

/** One instance: the nav badge and the Today screen read the same view. */
export const today = new TodayState();
