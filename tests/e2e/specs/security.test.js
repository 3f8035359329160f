// An encrypted caseload in the real window: the first run sets a passphrase and shows the recovery
// key once; a relaunch asks for the passphrase; a wrong one is refused and changes nothing; "Lock
// now" and the idle lock hide the caseload; a backup is taken from Settings; the passphrase
// forgotten, the recovery key opens the caseload with a new one; a new recovery key retires the
// old.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, unlockCaseload, storeRecoveryKey, TEST_PASSPHRASE } from "../lib/app.js";
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
/** The recovery key shown at first run. */
let recoveryKey = "";

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
  await fill(browser, "field-confirm", TEST_PASSPHRASE);
  await click(browser, tid("lock-submit"));
  // The recovery key, shown once: Continue waits until the IRO says it is stored.
  await find(browser, tid("recovery-key-screen"), 30_000);
  await accessible("the recovery key, shown once");
  await screenshot(browser, "recovery-key");
  assert.equal(await (await find(browser, tid("recovery-key-done"))).isEnabled(), false);
  recoveryKey = await storeRecoveryKey(browser);
  assert.match(recoveryKey, /^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}$/);
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

/** The form's general error, once shown. */
async function formError() {
  return (await find(browser, tid("form-error"))).getText();
}

test("the passphrase forgotten, the recovery key opens the caseload with a new one; a typo is named by its group", async () => {
  const NEW = "a brand new passphrase";
  await start();
  await find(browser, `${tid("lock-screen")}[data-state="locked"]`, 30_000);
  await click(browser, tid("lock-forgot"));
  await find(browser, tid("field-recovery"));
  // One character wrong in the third group.
  const typo = recoveryKey.split("");
  typo[13] = typo[13] === "A" ? "B" : "A";
  await fill(browser, "field-recovery", typo.join(""));
  await fill(browser, "field-passphrase", NEW);
  await fill(browser, "field-confirm", NEW);
  await click(browser, tid("lock-submit"));
  assert.match(await formError(), /^Group 3 /);
  await accessible("the recovery form, with a typo");
  await screenshot(browser, "lock-recovery");
  assert.equal((await browser.$$(tid("today-screen"))).length, 0);

  await fill(browser, "field-recovery", recoveryKey.toLowerCase().replaceAll("-", " "));
  await click(browser, tid("lock-submit"));
  await ready(browser, "today-screen");
  assert.ok((await browser.getPageSource()).includes(NAME));

  // The old passphrase no longer opens it; the new one does.
  await start();
  await find(browser, `${tid("lock-screen")}[data-state="locked"]`, 30_000);
  await fill(browser, "field-passphrase", TEST_PASSPHRASE);
  await click(browser, tid("lock-submit"));
  assert.match(await (await find(browser, tid("error-passphrase"))).getText(), /passphrase is wrong/);
  await unlockCaseload(browser, NEW);
  await ready(browser, "today-screen");
});

test("a new recovery key from Settings is shown once, and the old one then opens nothing", async () => {
  const NEW = "a brand new passphrase";
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await click(browser, tid("renew-recovery-key"));
  await find(browser, tid("field-passphrase"));
  await accessible("the new recovery key dialog");
  await fill(browser, "field-passphrase", NEW);
  await click(browser, tid("form-submit"));
  await find(browser, tid("recovery-key-screen"), 30_000);
  const renewed = await storeRecoveryKey(browser);
  assert.notEqual(renewed, recoveryKey);
  await ready(browser, "settings-screen");

  await click(browser, tid("lock-now"));
  await find(browser, `${tid("lock-screen")}[data-state="locked"]`, 30_000);
  await click(browser, tid("lock-forgot"));
  await fill(browser, "field-recovery", recoveryKey);
  await fill(browser, "field-passphrase", NEW);
  await fill(browser, "field-confirm", NEW);
  await click(browser, tid("lock-submit"));
  assert.match(await (await find(browser, tid("error-recovery"))).getText(), /does not open this caseload/);
  await fill(browser, "field-recovery", renewed);
  await click(browser, tid("lock-submit"));
  await ready(browser, "settings-screen");
});
