// An encrypted caseload in the real window: the first run sets a passphrase; a relaunch asks for
// it; a wrong one is refused and changes nothing; "Lock now" and the idle lock hide the caseload;
// a backup is taken from Settings.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, createCaseload, unlockCaseload, TEST_PASSPHRASE } from "../lib/app.js";
import { axeViolations, describe, split } from "../lib/axe.js";

/** No serious or critical accessibility violation on the page as it is. */
async function accessible(name) {
  const { grave } = split(await axeViolations(browser));
  assert.equal(grave.length, 0, `${name}:\n${describe(grave)}`);
}

const AS_OF = "2026-11-23";
const NAME = "Test IRO Security";
const dir = tempDir("security");
const db = join(dir, "store.sqlite3");
const backups = tempDir("backups");
let browser;

async function start(extra = []) {
  await browser?.deleteSession();
  ({ browser } = await launch(["--db", db, "--today", AS_OF, "--backup-dir", backups, ...extra]));
}

after(async () => {
  await browser?.deleteSession();
});

test("the first run sets a passphrase (too short or typed differently is refused), then the caseload opens", async () => {
  await start();
  await find(browser, `${tid("lock-screen")}[data-state="new"]`, 30_000);
  await screenshot(browser, "lock-new");
  await fill(browser, "field-passphrase", "short");
  await fill(browser, "field-confirm", "short");
  await click(browser, tid("lock-submit"));
  assert.match(await (await find(browser, tid("error-passphrase"))).getText(), /at least 8 characters/);
  await fill(browser, "field-passphrase", TEST_PASSPHRASE);
  await fill(browser, "field-confirm", `${TEST_PASSPHRASE}!`);
  await click(browser, tid("lock-submit"));
  assert.match(await (await find(browser, tid("error-confirm"))).getText(), /differ/);
  await accessible("the first run's passphrase, with its errors");
  await createCaseload(browser);
  await find(browser, tid("onboarding"), 30_000);
  await accessible("the IRO's profile on first run");
  await fill(browser, "field-name", NAME);
  await click(browser, tid("form-submit"));
  await ready(browser, "today-screen");
  // The name is in the store, and the file does not show it.
  assert.ok(!readFileSync(db).includes(Buffer.from(NAME)), "the store file is encrypted");
});

test("a relaunch asks for the passphrase; a wrong one is refused and changes nothing", async () => {
  await start();
  await find(browser, `${tid("lock-screen")}[data-state="locked"]`, 30_000);
  await screenshot(browser, "lock-locked");
  const files = readdirSync(dir).sort();
  await fill(browser, "field-passphrase", "not the passphrase");
  await click(browser, tid("lock-submit"));
  assert.match(await (await find(browser, tid("error-passphrase"))).getText(), /passphrase is wrong/);
  await accessible("the lock screen, with a wrong passphrase");
  assert.equal((await browser.$$(tid("today-screen"))).length, 0);
  // No partial or extra file; the right passphrase still opens the caseload as it was.
  assert.deepEqual(readdirSync(dir).sort(), files);
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
  assert.ok((await browser.getPageSource()).includes(NAME));
});

test("Settings backs up now, and Lock now hides the caseload until the passphrase is given again", async () => {
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  const state = await find(browser, tid("security-state"));
  assert.equal(await state.getAttribute("data-encrypted"), "true");
  assert.match(await (await find(browser, tid("backup-dir"))).getText(), new RegExp(backups.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await click(browser, tid("backup-now"));
  await find(browser, tid("backup-row"));
  const backup = await (await browser.$(tid("backup-row"))).getAttribute("data-path");
  assert.ok(backup.startsWith(backups), backup);
  assert.ok(!readFileSync(backup).includes(Buffer.from(NAME)), "the backup is encrypted");
  await screenshot(browser, "settings-security");
  await click(browser, tid("lock-now"));
  await find(browser, `${tid("lock-screen")}[data-state="locked"]`, 30_000);
  assert.equal((await browser.$$(tid("settings-screen"))).length, 0);
  assert.ok(!(await browser.getPageSource()).includes(NAME), "nothing of the caseload is on the page");
  // Unlocked again, the window is back where it was.
  await unlockCaseload(browser);
  await ready(browser, "settings-screen");
});

test("left idle, the caseload locks itself and the window shows nothing of it", async () => {
  await start(["--auto-lock-seconds", "6"]);
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
  assert.ok((await browser.getPageSource()).includes(NAME));
  // No input from here on: six seconds later the lock screen replaces the caseload (a margin
  // for a slow machine to show Today first).
  await find(browser, `${tid("lock-screen")}[data-state="locked"]`, 20_000);
  assert.equal((await browser.$$(tid("today-screen"))).length, 0);
  assert.ok(!(await browser.getPageSource()).includes(NAME), "nothing of the caseload is on the page");
  await screenshot(browser, "lock-idle");
});
