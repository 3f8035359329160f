// The Today screen: the TodayView for the selected IRO, exactly as sent.

import { api, type IroId, type TodayGroup, type TodayView } from "../api";
import { Loaded } from "./loaded.svelte";

export class TodayState extends Loaded<TodayView> {
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

  /** For the nav badge: overdue plus red, as Rust counted them. */
  get urgent(): number {
    const c = this.view?.counts;
    return c === undefined ? 0 : c.overdue + c.red;
  }
}

/** One instance: the nav badge and the Today screen read the same view. */
export const today = new TodayState();
