// Launching the real app through tauri-driver, and small helpers that select only by data-testid.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { remote } from "webdriverio";
import { newSession } from "./driver.js";

export const APP = process.env.APP_BIN;
export const SCREENSHOTS = process.env.SCREENSHOTS ?? tmpdir();

/** A fresh temporary folder. */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `caseload-e2e-${prefix}-`));
}

/** Starts the app with these arguments; resolves when the first screen is ready. */
export async function launch(args) {
  const started = Date.now();
  const browser = await newSession((port) =>
    remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "warn",
      connectionRetryCount: 0,
      capabilities: {
        "wdio:enforceWebDriverClassic": true,
        "tauri:options": { application: APP, args },
      },
    }),
  );
  return { browser, started };
}

export const tid = (id) => `[data-testid="${id}"]`;

/** Waits until an element with this testid exists (and is displayed). */
export async function find(browser, selector, timeout = 15_000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout });
  return el;
}

/** Waits for a screen root to be loaded (`data-ready="true"`). */
export async function ready(browser, screen, timeout = 20_000) {
  const el = await browser.$(`${tid(screen)}[data-ready="true"]`);
  await el.waitForExist({ timeout });
  return el;
}

/** Sets an input or select by testid, firing the events Svelte listens to. */
export async function fill(browser, id, value) {
  const el = await find(browser, tid(id));
  await browser.execute(
    (node, v) => {
      if (node.type === "checkbox") {
        node.checked = Boolean(v);
      } else {
        node.value = v;
      }
      node.dispatchEvent(new Event("input", { bubbles: true }));
      node.dispatchEvent(new Event("change", { bubbles: true }));
    },
    el,
    value,
  );
}

export async function click(browser, selector) {
  const el = await find(browser, selector);
  await el.scrollIntoView({ block: "center" });
  await el.click();
}

/**
 * Clicks an export button. The first export of a run says, once, that an exported file is not
 * encrypted (Rust remembers it was read, for later specs of the same run): read and accept it.
 */
export async function clickExport(browser, selector) {
  await click(browser, selector);
  const notice = await browser.$(tid("plaintext-notice"));
  const shown = await notice.waitForDisplayed({ timeout: 2_000 }).then(() => true, () => false);
  if (shown) {
    await click(browser, tid("plaintext-accept"));
    await notice.waitForDisplayed({ reverse: true, timeout: 5_000 });
  }
  return shown;
}

/** Waits until the record writer says every change is saved. */
export async function draftSaved(browser) {
  await browser.waitUntil(
    async () => (await (await browser.$(tid("save-state"))).getAttribute("data-state")) === "saved",
    { timeout: 10_000, timeoutMsg: "the draft was not saved" },
  );
}

/** The value of a form field, by its testid. */
export async function fieldValue(browser, id) {
  return (await find(browser, tid(id))).getValue();
}

/** Saves a screenshot of the window (not committed; looked at by people). */
export async function screenshot(browser, name) {
  // Let WebKit paint what is already in the DOM before taking the picture.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await browser.saveScreenshot(join(SCREENSHOTS, `${name}.png`));
}

/** Attribute values of every element matching a selector. */
export async function attrs(browser, selector, names) {
  return browser.execute(
    (sel, keys) =>
      Array.from(document.querySelectorAll(sel)).map((el) =>
        Object.fromEntries(keys.map((k) => [k, el.getAttribute(k)])),
      ),
    selector,
    names,
  );
}

/** Submits the open form. */
export async function submit(browser) {
  await click(browser, tid("form-submit"));
}

/** Waits until the form dialog has closed (the change was saved). */
export async function dialogClosed(browser) {
  await (await browser.$(tid("form-dialog"))).waitForExist({ reverse: true, timeout: 10_000 });
}

/** The option values of a select, by testid (empty if it is not there yet). */
export async function optionValues(browser, id) {
  return browser.execute(
    (sel) => Array.from(document.querySelector(sel)?.options ?? []).map((o) => o.value),
    tid(id),
  );
}

/** The passphrase the specs give a new encrypted caseload (synthetic, for tests only). */
export const TEST_PASSPHRASE = "correct horse battery staple";

/**
 * First run of a new store: the lock screen asks for a passphrase, typed twice; then the
 * recovery key is shown once, ticked as stored, and the app goes on. Returns the recovery key.
 */
export async function createCaseload(browser, passphrase = TEST_PASSPHRASE) {
  await find(browser, `${tid("lock-screen")}[data-state="new"]`, 30_000);
  await fill(browser, "field-passphrase", passphrase);
  await fill(browser, "field-confirm", passphrase);
  await click(browser, tid("lock-submit"));
  return storeRecoveryKey(browser);
}

/** The recovery key screen: reads the key, ticks "I have printed or written it down", continues. */
export async function storeRecoveryKey(browser) {
  const key = await (await find(browser, tid("recovery-key"), 30_000)).getAttribute("data-key");
  await click(browser, tid("recovery-key-stored"));
  await click(browser, tid("recovery-key-done"));
  await (await browser.$(tid("recovery-key-screen"))).waitForExist({ reverse: true, timeout: 10_000 });
  return key;
}

/** A locked store: type the passphrase and unlock. */
export async function unlockCaseload(browser, passphrase = TEST_PASSPHRASE) {
  await find(browser, `${tid("lock-screen")}[data-state="locked"]`, 30_000);
  await fill(browser, "field-passphrase", passphrase);
  await click(browser, tid("lock-submit"));
}

/** A first run: a new caseload under the test passphrase, the IRO's name, then Today. */
export async function firstRun(browser, name) {
  await createCaseload(browser);
  await find(browser, tid("onboarding"), 30_000);
  await fill(browser, "field-name", name);
  await submit(browser);
  await ready(browser, "today-screen");
}
