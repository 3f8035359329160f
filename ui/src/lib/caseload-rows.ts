// Filtering, searching and sorting the caseload list the user is looking at. Presentation only:
// Rust sends the rows already ordered by next due date; "next due" sorting keeps that order.

import type { CaseStatus, CaseloadRow } from "./api";
import { normalisedQuery, searchText, searchTextHas } from "./format/text";

export type CaseFilter = "all" | "lac" | "cp" | "both";
export type SortKey = "next_due" | "name";
export interface CaseSort {
  key: SortKey;
  descending: boolean;
}

const SHOWN: Record<CaseFilter, ReadonlySet<CaseStatus> | null> = {
  all: null,
  lac: new Set<CaseStatus>(["lac", "both"]),
  cp: new Set<CaseStatus>(["cp", "both"]),
  both: new Set<CaseStatus>(["both"]),
};

/** Each row's text to search, made the first time the row is searched (rows are as Rust sent them
 * and never change: a new view brings new rows). */
const SEARCH_TEXT = new WeakMap<CaseloadRow, string>();

function rowText(r: CaseloadRow): string {
  let text = SEARCH_TEXT.get(r);
  if (text === undefined) {
    text = searchText([r.name, r.local_ref, r.sibling_group]);
    SEARCH_TEXT.set(r, text);
  }
  return text;
}

export function visibleRows(rows: readonly CaseloadRow[], query: string, filter: CaseFilter, sort: CaseSort): CaseloadRow[] {
  const shown = SHOWN[filter];
  const q = normalisedQuery(query);
  const kept = rows.filter((r) => (shown === null || shown.has(r.status)) && searchTextHas(rowText(r), q));
  if (sort.key === "name") {
    kept.sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" }));
  }
  if (sort.descending) kept.reverse();
  return kept;
}

export function countBy(rows: readonly CaseloadRow[], filter: CaseFilter): number {
  const shown = SHOWN[filter];
  return shown === null ? rows.length : rows.filter((r) => shown.has(r.status)).length;
}
