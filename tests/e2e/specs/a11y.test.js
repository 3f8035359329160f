// Accessibility, checked by axe-core in the real window on every screen and the dialogs opened
// from them, on the synthetic demo caseload. Goal: no serious or critical violation (WCAG 2.2
// AA); the minor and moderate ones are listed in the output.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, screenshot, fill, click } from "../lib/app.js";
import { axeViolations, split, describe } from "../lib/axe.js";

const AS_OF = "2026-11-23";
let browser;
let db;
const minorSeen = new Map();

before(async () => {
  db = join(tempDir("a11y"), "demo.sqlite3");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF]));
  await ready(browser, "today-screen", 60_000);
});

after(async () => {
  if (minorSeen.size > 0) {
    console.log(`Minor and moderate accessibility findings left (${minorSeen.size}):`);
    for (const [key, where] of minorSeen) console.log(`  ${key} — on ${[...where].join(", ")}`);
  }
  await browser?.deleteSession();
});

function cli(...args) {
  return JSON.parse(execFileSync(process.env.CASELOAD_BIN, ["--db", db, ...args, "--json"], { encoding: "utf8" }));
}

/** Checks the page (or a dialog) with axe: fails on anything serious, lists the rest. */
async function check(name, selector = null) {
  const violations = await axeViolations(browser, selector);
  const { grave, minor } = split(violations);
  for (const v of minor) {
    const key = `[${v.impact}] ${v.id}: ${v.help} (${v.targets.slice(0, 2).join("; ")})`;
    if (!minorSeen.has(key)) minorSeen.set(key, new Set());
    minorSeen.get(key).add(name);
  }
  assert.equal(grave.length, 0, `${name}: serious or critical accessibility violations:\n${describe(grave)}`);
}

async function go(hash, screen) {
  await browser.execute((h) => (location.hash = h), hash);
  await ready(browser, screen, 30_000);
}

test("every screen: no serious or critical violation", async () => {
  const warnings = cli("warnings", "--as-of", AS_OF).warnings;
  const child = warnings.find((w) => w.child !== null && w.meeting !== null);
  const dispute = warnings.find((w) => w.dispute !== null && w.dispute !== undefined);
  const screens = [
    ["#/today", "today-screen"],
    ["#/caseload", "caseload-screen"],
    [`#/child/${child.child}`, "child-screen"],
    ["#/week", "week-screen"],
    ["#/disputes", "disputes-screen"],
    ...(dispute ? [[`#/dispute/${dispute.dispute}`, "dispute-screen"]] : []),
    [`#/meeting/${child.meeting}`, "record-screen"],
    ["#/report", "report-screen"],
    ["#/settings", "settings-screen"],
    ["#/about", "about-screen"],
    ["#/audit", "audit-screen"],
    [`#/audit/${child.child}`, "audit-screen"],
    ["#/import", "import-screen"],
    ["#/handover", "handover-screen"],
  ];
  const failures = [];
  for (const [hash, screen] of screens) {
    await go(hash, screen);
    try {
      await check(hash);
    } catch (e) {
      failures.push(e.message);
    }
  }
  assert.equal(failures.length, 0, failures.join("\n\n"));
});

/** Opens a dialog with the first `opener` on the page, checks the page with it open, closes it
 * with Escape. False when the page has no such button. */
async function dialog(name, opener, failures) {
  const buttons = [];
  for (const b of await browser.$$(opener)) if (await b.isEnabled()) buttons.push(b);
  if (buttons.length === 0) return false;
  await buttons[0].scrollIntoView({ block: "center" });
  await buttons[0].click();
  await browser.waitUntil(async () => (await browser.$$('[role="dialog"][aria-modal="true"]')).length > 0, {
    timeoutMsg: `the ${name} button (${opener}) opened no dialog`,
  });
  try {
    await check(`dialog: ${name}`);
  } catch (e) {
    failures.push(e.message);
  }
  await browser.keys(["Escape"]);
  await browser.waitUntil(async () => (await browser.$$('[role="dialog"][aria-modal="true"]')).length === 0, {
    timeoutMsg: `the ${name} dialog did not close on Escape`,
  });
  return true;
}

test("every dialog: no serious or critical violation", async () => {
  const warnings = cli("warnings", "--as-of", AS_OF).warnings;
  const booked = warnings.find((w) => w.kind === "booked_in_time");
  const failures = [];
  const opened = [];
  const open = async (name, opener) => {
    if (await dialog(name, opener, failures)) opened.push(name);
  };
  await go("#/today", "today-screen");
  await open("book", tid("row-book"));
  await open("record held", tid("row-record"));
  await open("outcome", tid("row-outcome"));
  await open("decision done", tid("row-decision-done"));
  const dispute = warnings.find((w) => w.dispute !== null && w.dispute !== undefined);
  await go(`#/dispute/${dispute.dispute}`, "dispute-screen");
  await open("dispute response", tid("dispute-respond"));
  await open("escalate", tid("dispute-escalate"));
  await open("Cafcass", tid("dispute-cafcass"));
  await open("resolve", tid("dispute-resolve"));
  await go(`#/child/${booked.child}`, "child-screen");
  for (const [name, id] of [
    ["edit child", "edit-child"],
    ["move", "meeting-move"],
    ["cancel", "meeting-cancel"],
    ["adjourn", "meeting-adjourn"],
    ["preparation", "meeting-prepare"],
    ["raise dispute", "raise-dispute"],
    ["transfer", "transfer-iro"],
    ["start care", "start-care"],
    ["end care", "end-care"],
    ["start CP", "start-cp"],
    ["update CP", "update-cp"],
    ["subject access", "subject-access"],
  ]) {
    await open(name, tid(id));
  }
  await go("#/caseload", "caseload-screen");
  await open("add child", tid("add-child"));
  await go("#/settings", "settings-screen");
  await open("add IRO", tid("add-iro"));
  await open("edit rule", tid("edit-rule"));
  await open("dispute reasons", tid("edit-reasons"));
  await open("letter", `${tid("letter-row")} button`);
  // Deleting records past retention: a retention of 1 month puts a demo case past it.
  await fill(browser, "field-retention_months", "1");
  await click(browser, tid("save-retention"));
  await find(browser, `${tid("retention-row")}[data-due="true"] ${tid("retention-choose")}`);
  await click(browser, `${tid("retention-row")}[data-due="true"] ${tid("retention-choose")}`);
  await open("delete records past retention", tid("erase-chosen"));
  await go("#/today", "today-screen");
  await browser.keys(["?"]);
  await find(browser, tid("help-dialog"));
  try {
    await check("dialog: keyboard shortcuts");
  } catch (e) {
    failures.push(e.message);
  }
  await browser.keys(["Escape"]);
  for (const name of ["book", "record held", "dispute response", "escalate", "edit child", "move", "raise dispute", "transfer", "add child", "add IRO", "edit rule", "subject access", "delete records past retention"]) {
    assert.ok(opened.includes(name), `the ${name} dialog was opened and checked (opened: ${opened.join(", ")})`);
  }
  console.log(`Dialogs checked: ${opened.join(", ")}, keyboard shortcuts`);
  assert.equal(failures.length, 0, failures.join("\n\n"));
});
