// The Week screen: the WeekView for a date and the selected IRO, exactly as sent.

import { api, type IroId, type WeekDay, type WeekView } from "../api";
import { Loaded } from "./loaded.svelte";

export class WeekState extends Loaded<WeekView> {
  load(on: string | null, iro: IroId | null): Promise<void> {
    return this.run(() => api.week(on, iro));
  }

  get days(): WeekDay[] {
    return this.view?.days ?? [];
  }

  get meetingCount(): number {
    return this.days.reduce((n, d) => n + d.meetings.length, 0);
  }

  get deadlineCount(): number {
    return this.days.reduce((n, d) => n + d.deadlines.length, 0);
  }
}
