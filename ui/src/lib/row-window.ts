// Which rows of a long list to put in the page: the rows in view and a margin either side, with
// the height of the rows left out kept as space above and below so the scroll bar and the
// scroll position stay true. Presentation only; a short list is rendered whole.

/** Lists up to this long are rendered whole: nothing to gain, and find-in-page sees them all. */
export const RENDER_WHOLE_UP_TO = 120;
/** Rows rendered beyond each edge of the view, so scrolling and tabbing never meet a gap. */
export const OVERSCAN = 12;

export interface RowWindow {
  /** Index of the first row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** Space standing in for the rows before `start`, in pixels. */
  before: number;
  /** Space standing in for the rows from `end` on, in pixels. */
  after: number;
}

export interface Viewport {
  /** How far the list's first row starts above the top of the scrolling area (negative when
   * the list starts lower down the screen), in pixels. */
  top: number;
  /** The scrolling area's visible height, in pixels. */
  height: number;
}

/** Every row: a short list, or before anything has been measured. */
export function wholeList(count: number): RowWindow {
  return { start: 0, end: count, before: 0, after: 0 };
}

/**
 * The rows to render of `count` rows of about `rowHeight` pixels each, seen through `view`.
 * When the view is past the end (the list just got shorter and the scroll position has not
 * caught up), the last screenful is rendered rather than nothing.
 */
export function rowWindow(count: number, rowHeight: number, view: Viewport, overscan = OVERSCAN): RowWindow {
  if (count <= RENDER_WHOLE_UP_TO || !(rowHeight > 0)) return wholeList(count);
  const onScreen = Math.ceil(Math.max(view.height, 0) / rowHeight) + 1;
  let first = Math.floor(Math.max(view.top, 0) / rowHeight);
  if (first >= count) first = Math.max(count - onScreen, 0);
  const start = Math.max(first - overscan, 0);
  const end = Math.min(first + onScreen + overscan, count);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}
