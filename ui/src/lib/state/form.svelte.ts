// A form's submission state: busy while saving, and Rust's refusals placed beside the inputs.
// Nothing closes on error: `submit` resolves false and the form stays open with the messages.

import { asCommandError } from "../api";
import { placeErrors, type FieldRename } from "../form-errors";
import { DateReadings } from "./date-readings";

export class FormState {
  submitting = $state(false);
  errors = $state.raw<Record<string, string>>({});
  general = $state.raw<string[]>([]);
  /** What the form's date fields are reading. */
  readonly dates = new DateReadings();
  readonly #inputs: () => readonly string[];
  readonly #rename: FieldRename | undefined;

  /** `inputs`: the wire names of the inputs the form shows now. */
  constructor(inputs: () => readonly string[], rename?: FieldRename) {
    this.#inputs = inputs;
    this.#rename = rename;
  }

  error(field: string): string | undefined {
    return this.errors[field];
  }

  clear(): void {
    this.errors = {};
    this.general = [];
  }

  /** Shows a problem found before anything was sent (e.g. a required choice not made). */
  fail(general: string[], byField: Record<string, string> = {}): void {
    this.general = general;
    this.errors = byField;
  }

  /** Waits for the date fields' readings; false (with why beside each field) if one of them
   * could not be read. */
  async datesRead(): Promise<boolean> {
    const refused = await this.dates.settled();
    if (Object.keys(refused).length === 0) return true;
    this.fail([], refused);
    return false;
  }

  /** Runs `action`; true if it succeeded, false (with the errors placed) if it threw. */
  async submit(action: () => Promise<void>): Promise<boolean> {
    if (this.submitting) return false;
    this.submitting = true;
    try {
      await action();
      this.clear();
      return true;
    } catch (e) {
      const placed = placeErrors(asCommandError(e).error, this.#inputs(), this.#rename);
      this.errors = placed.byField;
      this.general = placed.general;
      return false;
    } finally {
      this.submitting = false;
    }
  }
}
