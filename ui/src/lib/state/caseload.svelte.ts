// The Caseload screen: the CaseloadView as sent, plus what the user typed and picked to narrow it.

import { api, type CaseloadRow, type CaseloadView, type IroId } from "../api";
import { countBy, visibleRows, type CaseFilter, type CaseSort, type SortKey } from "../caseload-rows";
import { Loaded } from "./loaded.svelte";

export class CaseloadState extends Loaded<CaseloadView> {
  query = $state("");
  filter = $state<CaseFilter>("all");
  sort = $state<CaseSort>({ key: "next_due", descending: false });

  load(iro: IroId | null): Promise<void> {
    return this.run(() => api.caseload(iro));
  }

  /** The rows shown: worked out again only when the view, the query, the filter or the sort
   * changes, however often the screen reads them. */
  readonly rows: CaseloadRow[] = $derived(visibleRows(this.view?.rows ?? [], this.query, this.filter, this.sort));

  count(filter: CaseFilter): number {
    return countBy(this.view?.rows ?? [], filter);
  }

  sortBy(key: SortKey): void {
    this.sort = this.sort.key === key ? { key, descending: !this.sort.descending } : { key, descending: false };
  }
}
