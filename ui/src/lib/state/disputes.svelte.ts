// The Disputes screen: the DisputesView for a filter (open, overdue, closed, all) and the selected
// IRO, exactly as sent, plus the reason and stage the user picked to narrow it. One instance: the
// nav badge (open disputes with an overdue response or formal process) reads the same view.

import { api, type DisputeFilter, type DisputeReason, type DisputeRow, type DisputesView, type IroId } from "../api";
import { visibleDisputes } from "../disputes";
import { Loaded } from "./loaded.svelte";

export class DisputesState extends Loaded<DisputesView> {
  filter = $state<DisputeFilter>("open");
  reason = $state<DisputeReason | "">("");
  /** A stage key ("drp:2"), or "" for any. */
  stage = $state("");

  load(iro: IroId | null): Promise<void> {
    const filter = this.filter;
    return this.run(() => api.disputes(filter, iro));
  }

  /** The rows sent for the filter, narrowed by reason and stage. */
  get rows(): DisputeRow[] {
    return visibleDisputes(this.view?.disputes ?? [], this.reason, this.stage);
  }

  /** Rust's counts (before filtering); "all" is open plus closed. */
  count(filter: DisputeFilter): number {
    const c = this.view?.counts;
    if (c === undefined) return 0;
    return filter === "all" ? c.open + c.closed : c[filter];
  }

  /** For the nav badge. */
  get overdue(): number {
    return this.view?.counts.overdue ?? 0;
  }

  /** True while the list shows rows of another filter than the one chosen (a reload is on its way). */
  get stale(): boolean {
    return this.view !== null && this.view.filter !== this.filter;
  }
}

export const disputes = new DisputesState();
