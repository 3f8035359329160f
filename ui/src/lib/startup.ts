import { api } from "./api";

let told = false;

/**
 * Tells Rust, once per window, that the first screen is up: its rows are in the page and laid
 * out, and the page is free to take input. With `--trace-startup` the shell prints the time since
 * it started; otherwise the call does nothing. (A task queued now runs after the update and its
 * layout; animation frames are not used, as WebKit under a bare X server may hold them back.)
 */
export function firstScreenPainted(): void {
  if (told) return;
  told = true;
  setTimeout(() => {
    document.body.getBoundingClientRect();
    void api.startupPainted();
  }, 0);
}
