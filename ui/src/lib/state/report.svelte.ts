// The report screen: the ReportView for a period (a reporting year, a quarter, a month or any
// dates), whose figures and how they are counted, exactly as sent. The choice of IROs, the
// counting choices and a period other than a year live here, local to the report (the screen
// starts the IROs from the "Caseload of" selection; a year comes from the route); the request
// last made is kept, so an export writes the report on screen.

import { api, type IroId, type PeriodRequest, type ReportRequest, type ReportView } from "../api";
import { chosenIros, countingChoices, reportRequest, viewMatches, withChoice, type CountingChoices } from "../report";
import { Loaded } from "./loaded.svelte";

export class ReportState extends Loaded<ReportView> {
  /** The request of the latest load (what an export writes). */
  request = $state.raw<ReportRequest | null>(null);
  /** Whose figures: null is everyone in the store; otherwise these IROs (id order, each once). */
  iros = $state.raw<IroId[] | null>(null);
  /** How to count: null asks for Rust's defaults until a choice is changed; then all of them. */
  options = $state.raw<CountingChoices | null>(null);
  /** A quarter, a month or dates chosen here; null for the reporting year of the route. */
  period = $state.raw<PeriodRequest | null>(null);

  constructor(iros: readonly IroId[] | null = null) {
    super();
    this.iros = chosenIros(iros);
  }

  /** Loads `period` with the IROs and counting choices chosen now. */
  load(period: PeriodRequest): Promise<void> {
    const req = reportRequest(period, this.iros, this.options);
    this.request = req;
    return this.run(() => api.report(req));
  }

  /** Whose figures (null or none: everyone in the store). The screen reloads. */
  chooseIros(iros: readonly IroId[] | null): void {
    this.iros = chosenIros(iros);
  }

  /** A quarter, a month or dates (null: back to the route's reporting year). The screen reloads. */
  choosePeriod(period: PeriodRequest | null): void {
    this.period = period;
  }

  /**
   * One counting choice changed. The others stay as the report on screen was counted (Rust's
   * defaults on the first change), and from now on the request sends them all.
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

  /** True while the report shown is another period's, IRO's or counting's than the one asked for (a load is on its way). */
  get stale(): boolean {
    const view = this.view;
    return view !== null && this.request !== null && !viewMatches(view, this.request);
  }
}
