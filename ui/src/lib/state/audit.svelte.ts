// The audit trail screen: the AuditView for the filter chosen (child, dates), exactly as sent.
// "Show more" asks Rust for a longer page; nothing here edits the trail (nothing can).

import { api, type AuditView, type ChildId } from "../api";
import { Loaded } from "./loaded.svelte";

/** Rows per page ("Show more" adds another page). */
export const AUDIT_PAGE = 200;

export class AuditState extends Loaded<AuditView> {
  child = $state<ChildId | null>(null);
  /** "YYYY-MM-DD" or "" for no bound. */
  from = $state("");
  to = $state("");
  limit = $state(AUDIT_PAGE);

  load(): Promise<void> {
    const query = {
      child: this.child,
      from_on: this.from === "" ? null : this.from,
      to_on: this.to === "" ? null : this.to,
      limit: this.limit,
    };
    return this.run(() => api.audit(query));
  }

  /** Back to the newest page of every change. */
  clear(): void {
    this.child = null;
    this.from = "";
    this.to = "";
    this.limit = AUDIT_PAGE;
  }
}
