// Once the page is up (laid out, free to take input): tell the shell, as the app does once its
// Today screen is up. The same signal as the app's `ui/src/lib/startup.ts`.
setTimeout(() => {
  document.body.getBoundingClientRect();
  window.__TAURI_INTERNALS__.invoke("page_painted");
}, 0);
