// The About screen: this build and the caseload's files (AboutView), and the third-party
// licences (LicencesView), exactly as sent, loaded together; and what the user typed to narrow
// the licence list.

import { api, type AboutView, type LicencesView } from "../api";
import { findable, matching, type FindableGroup, type ShownLicences } from "../licences";
import { Loaded } from "./loaded.svelte";

export interface AboutPage {
  about: AboutView;
  licences: LicencesView;
}

export class AboutState extends Loaded<AboutPage> {
  query = $state("");
  #findable = $derived<FindableGroup[]>(this.view === null ? [] : findable(this.view.licences));

  /** The licence groups and packages that match the query. */
  get shown(): ShownLicences {
    return matching(this.#findable, this.query);
  }

  load(): Promise<void> {
    return this.run(async () => {
      const [about, licences] = await Promise.all([api.about(), api.licences()]);
      return { about, licences };
    });
  }
}
