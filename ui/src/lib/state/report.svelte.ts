// The annual report screen: the ReportView for a reporting year, whose figures and how they are
// counted, exactly as sent. The choice of IROs and the counting choices live here, local to the
// report (the screen starts the IROs from the "Caseload of" selection); the request last made is
// kept, so an export writes the report on screen.

import { api, type IroId, type ReportRequest, type ReportView } from "../api";
import { chosenIros, countingChoices, reportRequest, viewMatches, withChoice, type CountingChoices } from "../report";
import { Loaded } from "./loaded.svelte";

export class ReportState extends Loaded<ReportView> {
  /** The request of the latest load (what an export writes). */
  request = $state.raw<ReportRequest | null>(null);
  /** Whose figures: null is everyone in the store; otherwise these IROs (id order, each once). */
  iros = $state.raw<IroId[] | null>(null);
  /** How to count: null asks for Rust's defaults until a choice is changed; then all four. */
  options = $state.raw<CountingChoices | null>(null);

  constructor(iros: readonly IroId[] | null = null) {
    super();
    this.iros = chosenIros(iros);
  }

  /** Loads `year` with the IROs and counting choices chosen now. */
  load(year: number): Promise<void> {
    const req = reportRequest(year, this.iros, this.options);
    this.request = req;
    return this.run(() => api.report(req));
  }

  /** Whose figures (null or none: everyone in the store). The screen reloads. */
  chooseIros(iros: readonly IroId[] | null): void {
    this.iros = chosenIros(iros);
  }

  /**
   * One counting choice changed. The others stay as the report on screen was counted (Rust's
   * defaults on the first change), and from now on the request sends all four.
   */
  choose<K extends keyof CountingChoices>(key: K, value: CountingChoices[K]): void {
    this.options = withChoice(this.options ?? this.view?.options ?? {}, key, value);
  }

  /** Back to Rust's defaults (`options: null`). */
  resetOptions(): void {
    this.options = null;
  }

  /** The choices the controls show: those asked for, else those the report on screen used. */
  get counting(): CountingChoices | null {
    if (this.options !== null) return this.options;
    return this.view === null ? null : countingChoices(this.view.options);
  }

  /** True while the report shown is another year's, IRO's or counting's than the one asked for (a load is on its way). */
  get stale(): boolean {
    const view = this.view;
    return view !== null && this.request !== null && !viewMatches(view, this.request);
  }
}
