// The annual report screen: the ReportView for a reporting year and whose figures, exactly as
// sent. It remembers the request it last made, so an export writes the report on screen.

import { api, type IroId, type ReportRequest, type ReportView } from "../api";
import { iroFilter, viewMatches } from "../report";
import { Loaded } from "./loaded.svelte";

export class ReportState extends Loaded<ReportView> {
  /** The request of the latest load (what an export writes). */
  request = $state.raw<ReportRequest | null>(null);

  load(year: number, iro: IroId | null): Promise<void> {
    const req: ReportRequest = { year, iros: iroFilter(iro) };
    this.request = req;
    return this.run(() => api.report(req));
  }

  /** True while the report shown is another year's or IRO's than the one asked for (a load is on its way). */
  get stale(): boolean {
    const view = this.view;
    return view !== null && this.request !== null && !viewMatches(view, this.request);
  }
}
