// One dispute's record. There is no command for a single dispute: this loads every dispute
// (any IRO, open and closed) and keeps the one asked for, with the ladders the forms need.

import { api, type DisputeId, type DisputeLadders, type DisputeRow, type DisputesView } from "../api";
import { Loaded } from "./loaded.svelte";

export class DisputeState extends Loaded<DisputesView> {
  id = $state<DisputeId | null>(null);

  load(id: DisputeId): Promise<void> {
    if (this.id !== id) {
      this.id = id;
      this.error = null;
    }
    return this.run(() => api.disputes("all", null));
  }

  /** The dispute asked for, or null if it is not in the store (or not loaded yet). */
  get row(): DisputeRow | null {
    return this.view?.disputes.find((d) => d.id === this.id) ?? null;
  }

  get ladders(): DisputeLadders | null {
    return this.view?.ladders ?? null;
  }

  /** Loaded, and the dispute asked for is not there. */
  get missing(): boolean {
    return this.view !== null && !this.loading && this.row === null;
  }
}
