// The child record: the ChildView exactly as sent.

import { api, type ChildId, type ChildView, type CpEpisode, type Meeting, type PeriodOfCare } from "../api";
import { Loaded } from "./loaded.svelte";

export class ChildState extends Loaded<ChildView> {
  id = $state<ChildId | null>(null);

  load(id: ChildId): Promise<void> {
    if (this.id !== id) {
      this.id = id;
      this.view = null;
      this.error = null;
    }
    return this.run(() => api.child(id));
  }

  /** The period of care with no end recorded, if any (the one "End period of care" ends). */
  get openCarePeriod(): PeriodOfCare | null {
    const periods = this.view?.care_periods ?? [];
    return [...periods].reverse().find((p) => p.ended_on === null || p.ended_on === undefined) ?? null;
  }

  /** The most recent CP episode, which "Update CP episode" edits. */
  get latestCpEpisode(): CpEpisode | null {
    const episodes = this.view?.cp_episodes ?? [];
    return episodes[episodes.length - 1] ?? null;
  }

  meeting(id: number): Meeting | null {
    return this.view?.meetings.find((m) => m.id === id) ?? null;
  }
}
