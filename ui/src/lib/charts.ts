// Layout for the report's charts: the scale of an axis and the geometry of bars. Pure and
// tested; the figures themselves come from Rust (each point's value, already computed).

/** One point: a month or a category, with this year's and last year's value (null = none). */
export interface SeriesPoint {
  label: string;
  thisYear: number | null;
  lastYear: number | null;
}

/** A point with each year's value as Rust wrote it ("12 of 15 (80%)", "—"), for labels and tooltips. */
export interface TextedPoint extends SeriesPoint {
  thisText: string;
  lastText: string;
}

/** A "nice" axis from 0: its top and the ticks on it (0 included). */
export interface Axis {
  max: number;
  ticks: number[];
}

/**
 * An axis from 0 that holds `max` with about `target` ticks at round steps (1, 2, 2.5, 5 × 10ⁿ).
 * A percentage axis is always 0–100. An empty chart still gets an axis 0–1.
 */
export function niceAxis(max: number, percent: boolean, target = 4): Axis {
  if (percent) return { max: 100, ticks: [0, 25, 50, 75, 100] };
  const top = Math.max(max, 1);
  const raw = top / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const whole = Number.isInteger(step) ? step : Math.max(1, Math.ceil(step));
  const axisMax = Math.ceil(top / whole) * whole;
  const ticks: number[] = [];
  for (let t = 0; t <= axisMax + whole / 2; t += whole) ticks.push(t);
  return { max: axisMax, ticks };
}

/** The largest value of the points (0 for none). */
export function maxOf(points: readonly SeriesPoint[]): number {
  return points.reduce((m, p) => Math.max(m, p.thisYear ?? 0, p.lastYear ?? 0), 0);
}

/** The length of a bar for `value` on an axis, in the same units as `extent`; 0 for none. */
export function barLength(value: number | null, axis: Axis, extent: number): number {
  if (value === null || axis.max <= 0) return 0;
  return (Math.min(Math.max(value, 0), axis.max) / axis.max) * extent;
}
