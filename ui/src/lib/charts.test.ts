import { describe, expect, test } from "vitest";
import { barLength, maxOf, niceAxis } from "./charts";

describe("niceAxis", () => {
  test("percentages are always 0–100 in quarters", () => {
    expect(niceAxis(37, true)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
  });

  test("counts get a round top and round steps", () => {
    expect(niceAxis(7, false)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceAxis(23, false)).toEqual({ max: 30, ticks: [0, 10, 20, 30] });
    expect(niceAxis(18, false)).toEqual({ max: 20, ticks: [0, 5, 10, 15, 20] });
    expect(niceAxis(100, false)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
  });

  test("small and empty charts still have whole-number ticks", () => {
    expect(niceAxis(1, false)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceAxis(0, false)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceAxis(3, false).ticks.every(Number.isInteger)).toBe(true);
  });
});

describe("bars", () => {
  test("the longest value of either year sets the scale", () => {
    expect(maxOf([{ label: "Apr", thisYear: 3, lastYear: 9 }, { label: "May", thisYear: null, lastYear: null }])).toBe(9);
    expect(maxOf([])).toBe(0);
  });

  test("a bar is proportional, clamped to the axis, and nothing for no value", () => {
    const axis = { max: 8, ticks: [0, 8] };
    expect(barLength(4, axis, 200)).toBe(100);
    expect(barLength(12, axis, 200)).toBe(200);
    expect(barLength(-1, axis, 200)).toBe(0);
    expect(barLength(null, axis, 200)).toBe(0);
  });
});
