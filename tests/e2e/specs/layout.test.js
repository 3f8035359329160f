// The layout at a small window (1024×640) and at 200% zoom: no screen needs scrolling sideways
// or loses content. Screenshots of each go to $SCREENSHOTS, to be looked at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, tempDir, ready, screenshot } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;
let db;

before(async () => {
  db = join(tempDir("layout"), "demo.sqlite3");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF]));
  await ready(browser, "today-screen", 60_000);
});

after(async () => {
  await browser?.deleteSession();
});

function screens() {
  const warnings = JSON.parse(execFileSync(process.env.CASELOAD_BIN, ["--db", db, "warnings", "--as-of", AS_OF, "--json"], { encoding: "utf8" })).warnings;
  const child = warnings.find((w) => w.child !== null && w.meeting !== null);
  const dispute = warnings.find((w) => w.dispute !== null && w.dispute !== undefined);
  return [
    ["#/today", "today-screen"],
    ["#/caseload", "caseload-screen"],
    [`#/child/${child.child}`, "child-screen"],
    ["#/week", "week-screen"],
    ["#/disputes", "disputes-screen"],
    [`#/dispute/${dispute.dispute}`, "dispute-screen"],
    [`#/meeting/${child.meeting}`, "record-screen"],
    ["#/report", "report-screen"],
    ["#/settings", "settings-screen"],
    ["#/about", "about-screen"],
    ["#/audit", "audit-screen"],
    ["#/import", "import-screen"],
    ["#/handover", "handover-screen"],
  ];
}

/** What sticks out sideways: the page, the main area, and the widest element past main's edge. */
function overflow() {
  return browser.execute(() => {
    const main = document.querySelector("main");
    const doc = document.documentElement;
    const edge = main.getBoundingClientRect().right;
    let worst = null;
    for (const el of main.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (el.closest(".visually-hidden, [aria-hidden='true']")) continue;
      // Inside a region that scrolls on its own (a wide table), sticking out is that region's business.
      const scroller = el.parentElement?.closest("[data-scrolls]");
      if (scroller) continue;
      const past = r.right - edge;
      if (past > 1 && (worst === null || past > worst.past)) worst = { past: Math.round(past), what: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${el.dataset.testid ?? ""}` };
    }
    return { page: doc.scrollWidth - doc.clientWidth, main: main.scrollWidth - main.clientWidth, worst };
  });
}

async function walk(label) {
  const problems = [];
  for (const [hash, screen] of screens()) {
    await browser.execute((h) => (location.hash = h), hash);
    await ready(browser, screen, 30_000);
    await browser.execute(() => document.querySelector("main").scrollTo(0, 0));
    const o = await overflow();
    await screenshot(browser, `${label}-${screen}`);
    await browser.execute(() => document.querySelector("main").scrollBy(0, innerHeight * 0.8));
    await screenshot(browser, `${label}-${screen}-lower`);
    if (o.page > 0 || o.main > 0 || o.worst !== null) problems.push(`${hash}: page +${o.page}px, main +${o.main}px, ${o.worst ? `${o.worst.what} +${o.worst.past}px` : ""}`);
  }
  return problems;
}

test("at 1024×640, no screen scrolls sideways", async () => {
  await browser.setWindowSize(1024, 640);
  const problems = await walk("small");
  assert.deepEqual(problems, []);
});

/** The page zoom an IRO sets with Ctrl and = (the window's own zoom, as the hotkeys set it). */
function zoom(value) {
  return browser.execute((v) => window.__TAURI_INTERNALS__.invoke("plugin:webview|set_webview_zoom", { value: v }), value);
}

test("at 200% zoom, no screen scrolls sideways", async () => {
  await browser.setWindowSize(1280, 800);
  await zoom(2);
  await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) <= 700, { timeoutMsg: "the page did not zoom" });
  const problems = await walk("zoom200");
  // The screens fold behind Menu; it opens, and a screen chosen closes it.
  assert.equal(await (await browser.$('[data-testid="nav-caseload"]')).isDisplayed(), false);
  // (From the keyboard: WebDriver's pointer misses under a page zoom.)
  await browser.execute(() => document.querySelector('[data-testid="nav-menu"]').focus());
  await browser.keys(["Enter"]);
  await browser.waitUntil(async () => (await browser.$('[data-testid="nav-caseload"]')).isDisplayed());
  await screenshot(browser, "zoom200-menu");
  await browser.execute(() => document.querySelector('[data-testid="nav-caseload"]').focus());
  await browser.keys(["Enter"]);
  await ready(browser, "caseload-screen");
  assert.equal(await (await browser.$('[data-testid="nav-menu"]')).getAttribute("aria-expanded"), "false");
  await zoom(1);
  assert.deepEqual(problems, []);
});
