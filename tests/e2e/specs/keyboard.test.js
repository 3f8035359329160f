// Keyboard only, on the demo Monday: from Today, book the most overdue review, record it held and
// open the Why of the clock it starts, with no mouse. Every stop of the focus is visibly marked, and
// a dialog keeps the focus inside it until it closes, then gives it back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, tempDir, tid, ready, screenshot } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;

before(async () => {
  ({ browser } = await launch(["--demo", "--db", join(tempDir("keyboard"), "demo.sqlite3"), "--today", AS_OF]));
  await ready(browser, "today-screen", 60_000);
});

after(async () => {
  await browser?.deleteSession();
});

/** What has the focus: its testid, whether it is in a modal dialog, and whether the focus is
 * drawn (an outline or a ring) where the keyboard put it. */
function focused() {
  return browser.execute(() => {
    const el = document.activeElement;
    if (el === null || el === document.body) return { testid: null, inDialog: false, visible: false, tag: "body" };
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    return {
      testid: el.dataset.testid ?? null,
      inDialog: el.closest('[role="dialog"][aria-modal="true"]') !== null,
      visible: el.matches(":focus-visible") && ring,
      why: `focus-visible ${el.matches(":focus-visible")}, outline ${style.outlineStyle} ${style.outlineWidth}, shadow ${style.boxShadow}`,
      tag: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} ${el.textContent?.trim().slice(0, 30) ?? ""}`,
    };
  });
}

/** Presses Tab until `selector` has the focus, checking that every stop on the way shows it. */
async function tabTo(selector, { max = 250, within = false } = {}) {
  for (let i = 0; i < max; i++) {
    await browser.keys(["Tab"]);
    const f = await focused();
    assert.ok(f.visible, `the focus on ${f.tag} is not visible (${f.why})`);
    if (within) assert.ok(f.inDialog, `Tab left the dialog for ${f.tag}`);
    if (await browser.execute((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`${selector} never took the focus in ${max} presses of Tab`);
}

async function type(text) {
  await browser.keys(text.split(""));
}

async function dialogOpen() {
  await browser.waitUntil(async () => (await browser.$$('[role="dialog"][aria-modal="true"]')).length === 1);
}

async function dialogGone() {
  await browser.waitUntil(async () => (await browser.$$('[role="dialog"][aria-modal="true"]')).length === 0, {
    timeoutMsg: "the dialog did not close",
  });
}

test("book the most overdue review, record it held and open its Why, without a mouse", async () => {
  // The first overdue review on Today that is not booked.
  const child = await browser.execute(() => {
    const rows = document.querySelectorAll('[data-testid="group-overdue"] [data-testid="warning-row"]');
    for (const row of rows) {
      if (/review/.test(row.dataset.rule ?? "") && row.querySelector('[data-testid="row-book"]')) return row.dataset.childId;
    }
    return null;
  });
  assert.ok(child, "an overdue review to book");
  const row = `[data-testid="warning-row"][data-child-id="${child}"]`;

  // Book it: the dialog takes the focus and keeps it.
  await tabTo(`[data-testid="group-overdue"] ${row} [data-testid="row-book"]`);
  await browser.keys(["Enter"]);
  await dialogOpen();
  assert.ok((await focused()).inDialog, "the dialog took the focus");
  await tabTo(tid("field-on"), { within: true });
  await type("today");
  for (let i = 0; i < 12; i++) {
    await browser.keys(["Tab"]);
    assert.ok((await focused()).inDialog, "Tab stays inside the dialog");
  }
  await tabTo(tid("field-on"), { within: true });
  await screenshot(browser, "keyboard-book");
  await browser.keys(["Enter"]);
  await dialogGone();
  // The Book button has gone (the row now offers Move): the focus is on the screen's heading,
  // not lost.
  await browser.waitUntil(async () => (await browser.$$(`${row} [data-testid="row-move"]`)).length > 0);
  const back = await focused();
  assert.notEqual(back.tag, "body", "the focus came back to the screen");

  // Record it held today: the form is filled from the booking.
  await tabTo(`${row} [data-testid="row-record"]`);
  await browser.keys(["Enter"]);
  await dialogOpen();
  await tabTo(tid("field-participation"), { within: true });
  // Typing picks the first code Rust offers for the child's age (PN0 for a child under 4).
  await type("P");
  const code = await browser.execute(() => document.querySelector('[data-testid="field-participation"]').value);
  assert.match(code, /^PN[0-7]$/);
  await tabTo(tid("form-submit"), { within: true });
  await screenshot(browser, "keyboard-record");
  await browser.keys(["Enter"]);
  await dialogGone();

  // The review held starts its clocks: the decisions are due to be sent. Why then?
  const next = `${row}[data-kind="decisions_due"]`;
  await browser.waitUntil(async () => (await browser.$$(next)).length > 0, { timeoutMsg: "the review's decisions are on Today" });
  await tabTo(`${next} [data-testid="why-toggle"]`);
  await browser.keys(["Enter"]);
  const expanded = await browser.execute((s) => document.querySelector(s)?.getAttribute("aria-expanded"), `${next} [data-testid="why-toggle"]`);
  assert.equal(expanded, "true");
  // Rust writes the explanation when the Why is opened.
  const whyText = () => browser.execute((s) => document.querySelector(s)?.textContent ?? "", `${next} [data-testid="explanation"]`);
  await browser.waitUntil(async () => (await whyText()) !== "", { timeoutMsg: "the explanation is shown" });
  assert.match(await whyText(), /Mon 23 Nov 2026/);
  await screenshot(browser, "keyboard-why");
});
