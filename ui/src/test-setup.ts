// Vitest runs in Node: give @tauri-apps/api/mocks the `window` it patches.
const g = globalThis as unknown as { window?: unknown };
g.window ??= globalThis;
