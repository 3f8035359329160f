// The British date field, in the real window: dates typed the British way in every form it
// reads, an impossible or month-first date refused beside the field with nothing saved, a weekend
// or bank holiday named, and the calendar picker (weekends, bank holidays, today and the due date
// marked) used from the keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, submit, dialogClosed, fieldValue, firstRun } from "../lib/app.js";

let browser;

before(async () => {
  ({ browser } = await launch(["--db", join(tempDir("dates"), "store.sqlite3"), "--today", "2026-11-23"]));
  await firstRun(browser, "Test IRO Dates");
});

after(async () => {
  await browser?.deleteSession();
});

/** The words under a date field, once Rust has read what was typed. */
async function reads(name, pattern) {
  const field = await find(browser, `${tid(`field-${name}`)}`);
  const box = await field.parentElement().then((e) => e.parentElement());
  await browser.waitUntil(async () => pattern.test(await box.getText()), {
    timeout: 5_000,
    timeoutMsg: `field ${name} never read ${pattern}: ${await box.getText()}`,
  });
  return box.getText();
}

test("a child added with dates in words and short years", async () => {
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, tid("add-child"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-first_name", "Dana");
  await fill(browser, "field-last_name", "Testdate");
  await fill(browser, "field-born_on", "12th April 2016");
  await reads("born_on", /Tuesday 12 April 2016/);
  await fill(browser, "field-sex", "female");
  // Monday 2 November 2026, typed day first with a two-digit year.
  await fill(browser, "field-care_started_on", "2/11/26");
  await reads("care_started_on", /Monday 2 November 2026/);
  await fill(browser, "field-reviews_held", "none");
  await submit(browser);
  await dialogClosed(browser);
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  const row = await find(browser, `${tid("warning-row")}[data-rule="lac-first-review"][data-kind="not_booked"]`);
  assert.equal(await row.getAttribute("data-due"), "2026-11-30");
});

test("an impossible date, or one typed month first, is refused beside the field and nothing is saved", async () => {
  const row = await find(browser, `${tid("warning-row")}[data-rule="lac-first-review"][data-kind="not_booked"]`);
  await (await row.$(tid("row-book"))).click();
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-on", "31/02/2027");
  await reads("on", /February 2027 has 28 days/);
  await submit(browser);
  const error = await find(browser, tid("error-on"));
  assert.match(await error.getText(), /31\/02\/2027 is not a date: February 2027 has 28 days/);
  // Tied to the field, and read out as it appears.
  const input = await find(browser, tid("field-on"));
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  assert.ok((await input.getAttribute("aria-describedby")).split(" ").includes(await error.getAttribute("id")));
  assert.equal(await browser.execute(() => document.querySelector('[data-testid="error-on"]').closest("[aria-live]")?.getAttribute("aria-live")), "polite");
  await screenshot(browser, "date-refused");
  await fill(browser, "field-on", "11/25/2026");
  await reads("on", /There is no month 25\. Type the day first/);
  await submit(browser);
  await find(browser, tid("form-dialog"));
  // Still open, nothing booked.
  await click(browser, tid("form-cancel"));
  await dialogClosed(browser);
  await find(browser, `${tid("warning-row")}[data-rule="lac-first-review"][data-kind="not_booked"]`);
});

test("a weekend or a bank holiday is named beside the date", async () => {
  const row = await find(browser, `${tid("warning-row")}[data-rule="lac-first-review"][data-kind="not_booked"]`);
  await (await row.$(tid("row-book"))).click();
  await find(browser, tid("form-dialog"));
  // Today is Monday 23 November 2026: "sat" is the coming Saturday.
  await fill(browser, "field-on", "sat");
  await reads("on", /Saturday 28 November 2026/);
  assert.match(await (await find(browser, tid("note-on"))).getText(), /a Saturday/);
  await screenshot(browser, "date-weekend");
  await fill(browser, "field-on", "25 Dec 2026");
  await reads("on", /Friday 25 December 2026/);
  assert.match(await (await find(browser, tid("note-on"))).getText(), /Christmas Day, a bank holiday/);
  await fill(browser, "field-on", "+3");
  await reads("on", /Thursday 26 November 2026/);
  assert.equal(await (await browser.$(tid("note-on"))).isDisplayed(), false);
});

test("the calendar picker, from the keyboard: bank holidays and the due date marked, Enter picks", async () => {
  await fill(browser, "field-on", "25/12/2026");
  await reads("on", /Friday 25 December 2026/);
  await click(browser, tid("calendar-on"));
  const picker = await find(browser, tid("picker-on"));
  await browser.waitUntil(async () => /December 2026/.test(await picker.getText()));
  const christmas = await find(browser, `${tid("picker-on")} [data-date="2026-12-25"]`);
  assert.match(await christmas.getAttribute("aria-label"), /Christmas Day \(bank holiday\), chosen/);
  assert.equal(await browser.execute(() => document.activeElement?.dataset?.date), "2026-12-25");
  await screenshot(browser, "date-picker");
  // Right a day, up a month: Saturday 26 December, then 26 November.
  await browser.keys(["ArrowRight"]);
  await browser.keys(["PageUp"]);
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.dataset?.date)) === "2026-11-26");
  const due = await find(browser, `${tid("picker-on")} [data-date="2026-11-30"]`);
  assert.match(await due.getAttribute("aria-label"), /due date/);
  assert.match(await (await find(browser, `${tid("picker-on")} [data-date="2026-11-23"]`)).getAttribute("aria-label"), /today/);
  // Down a week crosses into December; Enter picks it and focus goes back to the button.
  await browser.keys(["ArrowDown"]);
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.dataset?.date)) === "2026-12-03");
  await browser.keys(["Enter"]);
  await reads("on", /Thursday 3 December 2026/);
  assert.equal(await fieldValue(browser, "field-on"), "03/12/2026");
  assert.equal(await browser.execute(() => document.activeElement?.dataset?.testid), "calendar-on");
  assert.equal((await browser.$$(tid("picker-on"))).length, 0);
  await submit(browser);
  await dialogClosed(browser);
  const booked = await find(browser, `${tid("warning-row")}[data-rule="lac-first-review"][data-kind="booked_after_due"]`);
  assert.match(await booked.getText(), /Thu 3 Dec 2026/);
});
