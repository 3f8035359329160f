// The dates a form's fields are reading (Rust reads what was typed): the form waits for them
// before it submits, and does not submit while one of them could not be read. A field whose
// text could not be read keeps its last good date, so nothing typed before is lost; the form
// refuses to go on until the text is put right.

import { getContext, setContext } from "svelte";

export class DateReadings {
  #pending = new Set<Promise<unknown>>();
  #refused = new Map<string, string>();

  /** A field's reading in flight. */
  track(reading: Promise<unknown>): void {
    this.#pending.add(reading);
    const done = (): void => void this.#pending.delete(reading);
    reading.then(done, done);
  }

  /** Why `field`'s text could not be read, or null once it can (or the field is gone). */
  refuse(field: string, message: string | null): void {
    if (message === null) this.#refused.delete(field);
    else this.#refused.set(field, message);
  }

  /** Waits for every reading in flight; then the fields whose text could not be read, with why. */
  async settled(): Promise<Record<string, string>> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    return Object.fromEntries(this.#refused);
  }
}

const KEY = Symbol("date-readings");

/** Makes `readings` the one the date fields inside this component report to. */
export function provideDateReadings(readings: DateReadings): void {
  setContext(KEY, readings);
}

/** The readings of the form this field is in, if it is in one. */
export function dateReadings(): DateReadings | undefined {
  return getContext<DateReadings | undefined>(KEY);
}
