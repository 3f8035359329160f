// After the first paint: tell the shell the page is up (as the app does once Today is painted).
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("page_painted")),
);
