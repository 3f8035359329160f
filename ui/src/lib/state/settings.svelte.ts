// The Settings screen: the SettingsView for a year, exactly as sent.

import { api, type SettingsView } from "../api";
import { Loaded } from "./loaded.svelte";

export class SettingsState extends Loaded<SettingsView> {
  year = $state<number | null>(null);

  load(year: number | null): Promise<void> {
    return this.run(() => api.settings(year));
  }
}
