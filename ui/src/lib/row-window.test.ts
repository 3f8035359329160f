import { describe, expect, test } from "vitest";
import { OVERSCAN, RENDER_WHOLE_UP_TO, rowWindow } from "./row-window";

const ROW = 50;
const view = (top: number, height = 500) => ({ top, height });

describe("the rows of a long list put in the page", () => {
  test("a short list is rendered whole, wherever it is scrolled", () => {
    expect(rowWindow(RENDER_WHOLE_UP_TO, ROW, view(3000))).toEqual({ start: 0, end: RENDER_WHOLE_UP_TO, before: 0, after: 0 });
  });

  test("at the top: the rows in view and the margin below, the rest kept as space", () => {
    const w = rowWindow(2000, ROW, view(0));
    expect(w.start).toBe(0);
    expect(w.end).toBe(11 + OVERSCAN);
    expect(w.before).toBe(0);
    expect(w.after).toBe((2000 - w.end) * ROW);
  });

  test("a list lower down the screen counts from its own top", () => {
    expect(rowWindow(2000, ROW, view(-300)).start).toBe(0);
    expect(rowWindow(2000, ROW, view(-300)).end).toBe(11 + OVERSCAN);
  });

  test("scrolled into the middle: a margin either side of the rows in view", () => {
    const w = rowWindow(2000, ROW, view(1000 * ROW + 20));
    expect(w.start).toBe(1000 - OVERSCAN);
    expect(w.end).toBe(1000 + 11 + OVERSCAN);
    expect(w.before + (w.end - w.start) * ROW + w.after).toBe(2000 * ROW);
  });

  test("at the end: the last row is rendered and no space is left after it", () => {
    const w = rowWindow(2000, ROW, view(2000 * ROW - 500));
    expect(w.end).toBe(2000);
    expect(w.after).toBe(0);
  });

  test("a view past the end (the list just got shorter) shows the last screenful, not nothing", () => {
    const w = rowWindow(300, ROW, view(1500 * ROW));
    expect(w.end).toBe(300);
    expect(w.start).toBe(300 - 11 - OVERSCAN);
  });

  test("before the rows are measured, every row is rendered", () => {
    expect(rowWindow(2000, 0, view(0))).toEqual({ start: 0, end: 2000, before: 0, after: 0 });
  });
});
