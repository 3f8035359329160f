// One dispute's record: the DisputeView Rust sent for it (the dispute with its clocks and
// warnings, and the ladders and reasons its forms offer).

import { api, type DisputeId, type DisputeLadders, type DisputeRow, type DisputeView } from "../api";
import { Loaded } from "./loaded.svelte";

export class DisputeState extends Loaded<DisputeView> {
  id = $state<DisputeId | null>(null);

  load(id: DisputeId): Promise<void> {
    if (this.id !== id) {
      this.id = id;
      this.view = null;
      this.error = null;
    }
    return this.run(() => api.dispute(id));
  }

  /** The dispute asked for, once loaded. */
  get row(): DisputeRow | null {
    const view = this.view;
    return view !== null && view.dispute.id === this.id ? view.dispute : null;
  }

  get ladders(): DisputeLadders | null {
    return this.view?.ladders ?? null;
  }

  /** Rust says there is no such dispute. */
  get missing(): boolean {
    return !this.loading && this.error?.kind === "not_found";
  }
}
