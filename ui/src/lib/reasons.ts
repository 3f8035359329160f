// Editing a store's dispute reason categories: the rows of the form and the code a new category
// gets. What is accepted (well-formed, distinct codes and labels; a code in use kept) is Rust's
// rule, checked when the list is saved; this only proposes a code and builds the change.

import type { ReasonCategory, ReasonInUse } from "./api";

/** One row of the form: an existing category (code fixed) or a new one (code from its label). */
export interface ReasonDraft {
  /** The stored code, or null for a category added in this form. */
  code: string | null;
  label: string;
  /** Disputes recorded with it: a category in use may be relabelled, never removed. */
  disputes: number;
}

export function draftsOf(reasons: readonly ReasonInUse[]): ReasonDraft[] {
  return reasons.map((r) => ({ code: r.code, label: r.label, disputes: r.disputes }));
}

/**
 * A code for a new category: its label in lower case with runs of other characters as "_"
 * ("Education (PEP)" → "education_pep"), a letter first, at most 40 characters, and a number
 * added when the code is taken ("education_2").
 */
export function codeFor(label: string, taken: ReadonlySet<string>): string {
  const words = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const base = (/^[a-z]/.test(words) ? words : `reason_${words}`).replace(/_+$/, "").slice(0, 36).replace(/_+$/, "");
  let code = base;
  for (let n = 2; taken.has(code); n += 1) code = `${base}_${n}`;
  return code;
}

/** The list to save, in the form's order: existing codes kept, new ones given a code. */
export function categoriesOf(drafts: readonly ReasonDraft[]): ReasonCategory[] {
  const taken = new Set(drafts.flatMap((d) => (d.code === null ? [] : [d.code])));
  return drafts.map((d) => {
    if (d.code !== null) return { code: d.code, label: d.label.trim() };
    const code = codeFor(d.label, taken);
    taken.add(code);
    return { code, label: d.label.trim() };
  });
}

/** The drafts with row `i` moved by `by` (−1 up, +1 down); unchanged at either end. */
export function moved<T>(rows: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= rows.length) return [...rows];
  const next = [...rows];
  [next[i], next[j]] = [next[j] as T, next[i] as T];
  return next;
}
