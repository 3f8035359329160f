// Where each refused field's message goes: beside the input named by the wire field, or in the
// general line at the top of the form when the form has no such input. Switches on `kind`.

import type { WireCommandError } from "./api";

export interface PlacedErrors {
  /** Wire field name → message(s) to show beside that input. */
  byField: Record<string, string>;
  /** Messages with no input to sit beside, or errors that are not about a field. */
  general: string[];
}

/** Renames a wire field for this form (e.g. start_care's started_on is care_started_on here). */
export type FieldRename = (field: string, op: string) => string;

export function placeErrors(error: WireCommandError, inputs: readonly string[], rename?: FieldRename): PlacedErrors {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  switch (error.kind) {
    case "validation":
      for (const change of error.changes) {
        for (const f of change.fields) {
          const field = rename === undefined ? f.field : rename(f.field, change.op);
          if (inputs.includes(field)) {
            byField[field] = byField[field] === undefined ? f.message : `${byField[field]} ${f.message}`;
          } else {
            general.push(f.message);
          }
        }
      }
      if (general.length === 0 && Object.keys(byField).length === 0) {
        general.push("Some details need correcting. Nothing was saved.");
      }
      break;
    case "bad_input":
    case "storage":
      general.push(error.message);
      break;
    case "not_found":
      general.push(`Not found: ${error.what}.`);
      break;
  }
  return { byField, general };
}
