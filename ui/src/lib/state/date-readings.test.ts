import { describe, expect, test } from "vitest";
import { DateReadings } from "./date-readings";

describe("DateReadings", () => {
  test("settles once every reading in flight has come back, and lists the refused fields", async () => {
    const readings = new DateReadings();
    let finish: () => void = () => {};
    let done = false;
    readings.track(
      new Promise<void>((resolve) => {
        finish = () => {
          readings.refuse("on", "31/02/2026 is not a date: February 2026 has 28 days.");
          done = true;
          resolve();
        };
      }),
    );
    const settled = readings.settled();
    finish();
    expect(await settled).toEqual({ on: "31/02/2026 is not a date: February 2026 has 28 days." });
    expect(done).toBe(true);
  });

  test("a field read again, or gone, is no longer refused; a failed reading does not hang", async () => {
    const readings = new DateReadings();
    readings.refuse("on", "no");
    readings.refuse("until", "no");
    readings.refuse("on", null);
    readings.track(Promise.reject(new Error("locked")));
    expect(await readings.settled()).toEqual({ until: "no" });
  });
});
