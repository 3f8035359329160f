import { api } from "./api";

let told = false;

/**
 * Tells Rust, once per window, that the first screen has painted: after the frame that shows
 * it (two animation frames). With `--trace-startup` the shell prints the time since it started;
 * otherwise the call does nothing.
 */
export function firstScreenPainted(): void {
  if (told) return;
  told = true;
  requestAnimationFrame(() => requestAnimationFrame(() => void api.startupPainted()));
}
