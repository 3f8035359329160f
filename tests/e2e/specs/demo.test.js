// On the synthetic demo store: the Today screen shows exactly what `caseload warnings --json`
// says for the same as-of date; a newcomer's task works end to end; every screen is
// photographed; cold start and memory are reported.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, clickExport, screenshot, attrs, submit, dialogClosed } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;
let db;
let exportDir;

function rss() {
  const out = execFileSync("ps", ["-eo", "rss,comm"], { encoding: "utf8" });
  const rows = out.split("\n").slice(1).map((l) => l.trim().split(/\s+/));
  const sum = (pattern) =>
    rows.filter(([, comm]) => comm && comm.includes(pattern)).reduce((kb, [r]) => kb + Number(r), 0);
  return { app: sum("caseload-deskto"), web: sum("WebKitWebProces"), network: sum("WebKitNetworkPr") };
}

before(async () => {
  db = join(tempDir("demo"), "demo.sqlite3");
  exportDir = tempDir("demo-export");
  const { browser: b, started } = await launch(["--demo", "--db", db, "--today", AS_OF, "--export-dir", exportDir]);
  browser = b;
  await ready(browser, "today-screen", 60_000);
  const ms = Date.now() - started;
  const kb = rss();
  console.log(
    `cold start to an interactive Today screen: ${ms} ms; resident memory: app ${Math.round(kb.app / 1024)} MB, ` +
      `WebKit web ${Math.round(kb.web / 1024)} MB, WebKit network ${Math.round(kb.network / 1024)} MB`,
  );
});

after(async () => {
  await browser?.deleteSession();
});

test("the Today screen shows the same warnings as `caseload warnings --json`", async () => {
  await screenshot(browser, "today");
  // The meetings booked in time are one line until opened.
  const onTrack = await find(browser, tid("on-track-toggle"));
  assert.equal(await onTrack.getAttribute("aria-expanded"), "false");
  assert.equal(await browser.$$(`${tid("group-on_track")} ${tid("warning-row")}`).length, 0);
  await onTrack.click();
  await find(browser, `${tid("group-on_track")} ${tid("warning-row")}`);
  // A long group shows its first rows and a button for the rest.
  const showAll = await browser.$$('[data-testid^="show-all-"]');
  assert.ok(showAll.length >= 1, "the demo's on-track meetings are a long group");
  await showAll[0].scrollIntoView({ block: "center" });
  await screenshot(browser, "today-long-group");
  for (const button of showAll) await button.click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid^="show-all-"]').length) === 0);
  const cli = JSON.parse(
    execFileSync(process.env.CASELOAD_BIN, ["--db", db, "warnings", "--as-of", AS_OF, "--json"], { encoding: "utf8" }),
  );
  const key = (w) => [w.child ?? "", w.kind, w.rule ?? "", w.due ?? ""].join("|");
  const expected = cli.warnings.map((w) => key(w)).sort();
  const shown = (await attrs(browser, tid("warning-row"), ["data-child-id", "data-kind", "data-rule", "data-due"]))
    .map((a) => [a["data-child-id"] ?? "", a["data-kind"], a["data-rule"] ?? "", a["data-due"] ?? ""].join("|"))
    .sort();
  assert.ok(expected.length > 10, "the demo Monday has plenty to show");
  assert.deepEqual(shown, expected);
  const banner = await find(browser, tid("demo-banner"));
  assert.match(await banner.getText(), /DEMO/);
  await screenshot(browser, "today-on-track-open");
  await onTrack.click();
});

test("the demo Monday's Today has no repeated deadline, and the unbooked ICPC once, under Not booked", async () => {
  const rows = await attrs(browser, tid("warning-row"), ["data-child-id", "data-rule", "data-due", "data-dispute-id", "data-group", "data-kind"]);
  const deadline = (a) => [a["data-child-id"], a["data-rule"], a["data-due"], a["data-dispute-id"]].join("|");
  const seen = new Set(rows.map(deadline));
  assert.equal(seen.size, rows.length, "each child's deadline is one row");
  const icpcs = rows.filter((a) => a["data-rule"] === "icpc" && a["data-kind"] === "icpc_at_risk");
  assert.ok(icpcs.length >= 1, "an ICPC due soon and not booked");
  for (const a of icpcs) assert.equal(a["data-group"], "not_booked");
  // The groups come in the order an IRO acts, and nothing red is filed under information.
  const order = (await attrs(browser, `${tid("today-screen")} section.group`, ["data-testid"])).map((a) => a["data-testid"]);
  assert.deepEqual(order, ["group-overdue", "group-not_booked", "group-booked_after_due", "group-my_work", "group-others", "group-information", "group-on_track"]);
  const info = await attrs(browser, `${tid("group-information")} ${tid("warning-row")}`, ["data-severity"]);
  assert.ok(info.every((a) => a["data-severity"] === "info"));
});

test("a newcomer finds the most overdue review, sees why, books it and exports the week", async () => {
  // The most overdue meeting to book: the first overdue row that offers "Book" (a late record
  // or a dispute response is overdue too, but is not booked).
  await find(browser, `${tid("group-overdue")} ${tid("warning-row")}`);
  let overdue = null;
  for (const row of await browser.$$(`${tid("group-overdue")} ${tid("warning-row")}`)) {
    if (await row.$(tid("row-book")).isExisting()) {
      overdue = row;
      break;
    }
  }
  assert.ok(overdue, "an overdue review or conference to book");
  const child = await overdue.getAttribute("data-child-id");
  await (await overdue.$(tid("why-toggle"))).click();
  const why = await overdue.$(tid("explanation"));
  await why.waitForDisplayed();
  assert.match(await why.getText(), /Rule lac-|Rule cp-/);
  await screenshot(browser, "today-why");
  await (await overdue.$(tid("row-book"))).click();
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-on", "25/11/2026");
  await fill(browser, "field-at", "11:00");
  await fill(browser, "field-venue", "Family Centre");
  await screenshot(browser, "form-book");
  await submit(browser);
  await dialogClosed(browser);
  await click(browser, tid("nav-week"));
  await ready(browser, "week-screen");
  const booked = await attrs(browser, `${tid("week-day")}[data-date="2026-11-25"] ${tid("week-meeting")}`, ["data-meeting-id"]);
  assert.ok(booked.length >= 1);
  await screenshot(browser, "week");
  await clickExport(browser, tid("export-week"));
  await browser.waitUntil(async () => readdirSync(exportDir).length > 0, { timeout: 10_000 });
  assert.ok(child);
});

test("every screen renders: caseload, a child record, settings", async () => {
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  const listed = () =>
    browser.execute(() => Number(document.querySelector('[data-testid="caseload-screen"] table')?.getAttribute("aria-rowcount") ?? 1) - 1);
  const children = await listed();
  assert.ok(children >= 300, `the demo has 320 children, got ${children}`);
  // A long list puts the rows in view in the page, and the rest as they are scrolled to.
  const rows = await attrs(browser, tid("caseload-row"), ["data-child-id"]);
  assert.ok(rows.length >= 10 && rows.length < children, `${rows.length} of ${children} rows in the page`);
  await screenshot(browser, "caseload");
  await browser.execute(() => {
    const main = document.querySelector("main");
    main.scrollTop = main.scrollHeight;
  });
  await find(browser, `${tid("caseload-row")}[aria-rowindex="${children + 1}"]`);
  await screenshot(browser, "caseload-end");
  const surname = (await (await find(browser, `${tid("caseload-row")} th a`)).getText()).split(" ").pop();
  await fill(browser, "search", surname);
  await browser.waitUntil(async () => (await listed()) < children);
  await screenshot(browser, "caseload-search");
  await find(browser, `${tid("caseload-row")}[aria-rowindex="2"]`);
  await fill(browser, "search", "");
  await browser.waitUntil(async () => (await listed()) === children);
  await browser.execute(() => document.querySelector("main").scrollTo(0, 0));
  await click(browser, `${tid("caseload-row")}[data-child-id="${rows[0]["data-child-id"]}"]`);
  await ready(browser, "child-screen");
  await screenshot(browser, "child");
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await screenshot(browser, "settings");
});
