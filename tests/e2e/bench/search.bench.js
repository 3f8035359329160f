// scripts/bench's search-as-you-type figure: on a 2,000-child store, each keystroke in the
// Caseload screen's search box, timed in the page from the input event to the filtered list
// updated and laid out (the frame is then painted before the next keystroke). It asserts only
// that the keystrokes were timed; the figure goes to $BENCH_ROWS as one row of the table.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, ready, click } from "../lib/app.js";

const AS_OF = "2026-11-23";
const CHILDREN = 2000;
const GOAL_MS = 16;
let browser;

before(async () => {
  const db = join(tempDir("bench-search"), "bench.sqlite3");
  execFileSync(process.env.CASELOAD_BIN, ["demo", "--db", db, "--children", String(CHILDREN), "--as-of", AS_OF]);
  ({ browser } = await launch(["--db", db, "--today", AS_OF]));
  await ready(browser, "today-screen", 90_000);
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen", 60_000);
});

after(async () => {
  await browser?.deleteSession();
});

test("search as you type: a keystroke to the filtered list laid out", async () => {
  const times = await browser.executeAsync((done) => {
    const input = document.querySelector('[data-testid="search"]');
    const rows = () => document.querySelectorAll('[data-testid="caseload-row"]');
    // The list puts only the rows in view in the page; the table says how many there are.
    const listed = () => Number(document.querySelector("table[aria-rowcount]").getAttribute("aria-rowcount")) - 1;
    const table = input.closest("section");
    // A name from the list, typed a letter at a time, then deleted the same way.
    const before = listed();
    const name = rows()[Math.floor(rows().length / 2)].querySelector("th a").textContent.trim();
    const queries = [];
    for (let i = 1; i <= name.length; i++) queries.push(name.slice(0, i));
    for (let i = name.length - 1; i >= 0; i--) queries.push(name.slice(0, i));
    // A task queued after the input event runs once Svelte's update (a microtask) has run.
    const channel = new MessageChannel();
    const afterUpdate = () => new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    (async () => {
      const out = [];
      for (const q of queries) {
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        // Svelte's update is a microtask queued by the input event: two more run after it.
        await Promise.resolve();
        await Promise.resolve();
        const t1 = performance.now();
        table.getBoundingClientRect(); // style and layout of what changed
        const t2 = performance.now();
        await afterUpdate();
        table.getBoundingClientRect();
        out.push({ total: performance.now() - t0, update: t1 - t0, layout: t2 - t1 });
        await nextFrame(); // painted before the next keystroke
      }
      done({ name, times: out, before, after: listed() });
    })();
  });
  assert.ok(times.times.length > 4, `only ${times.times.length} keystrokes timed`);
  assert.ok(times.before > CHILDREN / 2, `only ${times.before} children listed`);
  assert.equal(times.after, times.before, "the whole list is back once the search is cleared");
  const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const sorted = times.times.map((t) => t.total).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const worst = sorted[sorted.length - 1];
  // Where a keystroke's time goes: the filter and Svelte's update of the rows, then WebKit's
  // style and layout of what changed.
  const update = medianOf(times.times.map((t) => t.update));
  const layout = medianOf(times.times.map((t) => t.layout));
  const row = [
    `search as you type, ${CHILDREN} children (median of ${sorted.length} keystrokes; worst ${worst.toFixed(1)} ms; ` +
      `update ${update.toFixed(1)} ms + style and layout ${layout.toFixed(1)} ms)`,
    `${median.toFixed(1)} ms`,
    "—",
    "—",
    `≤ ${GOAL_MS} ms`,
    median <= GOAL_MS ? "holds" : "MISSED",
  ].join("\t");
  if (process.env.BENCH_ROWS) appendFileSync(process.env.BENCH_ROWS, `${row}\n`);
  console.log(row);
});
