// On a fresh store: onboarding, a child coming into care, the first-review warning, a booking
// after the due date, recording the review held, a refused date, the week, the calendar export
// (the child's initials, never her name).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, attrs, submit, dialogClosed, optionValues, createCaseload, clickExport } from "../lib/app.js";

let browser;
let exportDir;

before(async () => {
  const dir = tempDir("flow");
  exportDir = tempDir("export");
  ({ browser } = await launch([
    "--db", join(dir, "store.sqlite3"),
    "--today", "2026-11-23",
    "--export-dir", exportDir,
  ]));
});

after(async () => {
  await browser?.deleteSession();
});

test("first run asks for the IRO's name, then shows Today", async () => {
  await createCaseload(browser);
  await find(browser, tid("onboarding"), 30_000);
  await screenshot(browser, "onboarding");
  await fill(browser, "field-name", "Test IRO One");
  await submit(browser);
  await ready(browser, "today-screen");
});

test("a child who came into care gets the first-review warning with the right due date", async () => {
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, tid("add-child"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-first_name", "Sample");
  await fill(browser, "field-last_name", "Testwood");
  await fill(browser, "field-born_on", "12/04/2016");
  await fill(browser, "field-sex", "female");
  await fill(browser, "field-care_started_on", "02/11/2026");
  await fill(browser, "field-reviews_held", "none");
  await screenshot(browser, "form-add-child");
  await submit(browser);
  await dialogClosed(browser);

  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  const row = await find(browser, `${tid("warning-row")}[data-rule="lac-first-review"][data-kind="not_booked"]`);
  // Became looked after Mon 2 Nov 2026: 20 working days on is Mon 30 Nov 2026.
  assert.equal(await row.getAttribute("data-due"), "2026-11-30");
  assert.match(await row.getText(), /Mon 30 Nov 2026/);
  await (await row.$(tid("why-toggle"))).click();
  const why = await row.$(tid("explanation"));
  await why.waitForDisplayed();
  assert.match(await why.getText(), /20 working days after the child became looked after \(Mon 2 Nov 2026\)/);
  await screenshot(browser, "flow-today");
});

test("booking the review after the due date shows a breach in the diary", async () => {
  const row = await find(browser, `${tid("warning-row")}[data-rule="lac-first-review"][data-kind="not_booked"]`);
  await (await row.$(tid("row-book"))).click();
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-on", "3 Dec 2026");
  await fill(browser, "field-at", "10:00");
  await fill(browser, "field-venue", "Family Centre, Room 2");
  await submit(browser);
  await dialogClosed(browser);
  const breach = await find(browser, `${tid("warning-row")}[data-kind="booked_after_due"][data-rule="lac-first-review"]`);
  assert.equal(await breach.getAttribute("data-due"), "2026-11-30");
  assert.match(await breach.getText(), /Thu 3 Dec 2026/);
});

test("recording the review held gives the next due date three months on", async () => {
  const breach = await find(browser, `${tid("warning-row")}[data-kind="booked_after_due"]`);
  await (await breach.$(tid("child-link"))).click();
  await ready(browser, "child-screen");
  const booked = await find(browser, `${tid("meeting-row")}[data-status="booked"]`);
  await (await booked.$(tid("meeting-record"))).click();
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-held_on", "23/11/2026");
  // The child is 10: the form offers PN1–PN7 (from Rust); choose PN1.
  await browser.waitUntil(async () =>
    (await optionValues(browser, "field-participation")).includes("PN1"),
  );
  await fill(browser, "field-participation", "PN1");
  await submit(browser);
  await dialogClosed(browser);
  const next = await find(browser, `${tid("due-item")}[data-rule="lac-second-review"]`);
  assert.equal(await next.getAttribute("data-due"), "2027-02-23");
  await screenshot(browser, "flow-child");
});

test("a meeting date before the child's birth is refused beside the field and nothing is saved", async () => {
  await ready(browser, "child-screen");
  const before = await attrs(browser, tid("meeting-row"), ["data-meeting-id"]);
  await click(browser, tid("record-meeting"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-kind", "lac_review");
  await fill(browser, "field-held_on", "01/03/2016");
  await browser.waitUntil(async () =>
    (await optionValues(browser, "field-participation")).includes("PN0"),
  );
  await fill(browser, "field-participation", "PN0");
  await submit(browser);
  const error = await find(browser, tid("error-held_on"));
  assert.match(await error.getText(), /before the child's date of birth/);
  await screenshot(browser, "form-error");
  await click(browser, tid("form-cancel"));
  await dialogClosed(browser);
  const after = await attrs(browser, tid("meeting-row"), ["data-meeting-id"]);
  assert.deepEqual(after, before);
});

test("the week view shows a booked meeting, and the calendar export contains it", async () => {
  await click(browser, tid("book-meeting"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-kind", "lac_review");
  await fill(browser, "field-on", "26/11/2026");
  await fill(browser, "field-at", "14:00");
  await fill(browser, "field-venue", "Online (Teams)");
  await submit(browser);
  await dialogClosed(browser);

  await click(browser, tid("nav-week"));
  const week = await ready(browser, "week-screen");
  assert.equal(await week.getAttribute("data-monday"), "2026-11-23");
  const thursday = await find(browser, `${tid("week-day")}[data-date="2026-11-26"]`);
  const meetings = await thursday.$$(tid("week-meeting"));
  assert.equal(meetings.length, 1);
  assert.match(await meetings[0].getText(), /Sample Testwood/);
  const note = await find(browser, tid("calendar-privacy-note"));
  assert.match(await note.getText(), /Calendar events show initials and local reference · change in Settings/);
  await screenshot(browser, "flow-week");

  await clickExport(browser, tid("export-week"));
  await browser.waitUntil(async () => readdirSync(exportDir).length > 0, { timeout: 10_000 });
  const toast = await find(browser, tid("toast"));
  assert.match(await toast.getText(), /1 meeting/);
  assert.match(await toast.getText(), /Events show initials and local reference/);
  const ics = readFileSync(join(exportDir, "iro-caseload-week-2026-11-23.ics"), "utf8");
  assert.match(ics, /BEGIN:VEVENT/);
  assert.match(ics, /DTSTART;TZID=Europe\/London:20261126T140000/);
  assert.match(ics, /DTEND;TZID=Europe\/London:20261126T153000/);
  // By default an event shows the child's initials (she has no local reference), never her name.
  assert.match(ics, /SUMMARY:LAC review – S\.T\.\r\n/);
  assert.doesNotMatch(ics, /Sample|Testwood/);
  assert.match(ics, /SEQUENCE:0/);
  assert.match(ics, /LOCATION:Online \(Teams\)/);
});

test("choosing the full name in Settings is stated on the Week screen and followed by the next export", async () => {
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await fill(browser, "field-calendar_privacy", "full_name");
  await click(browser, tid("save-calendar-privacy"));
  await find(browser, tid("toast"));
  await screenshot(browser, "settings-calendar-privacy");
  await click(browser, tid("nav-week"));
  await ready(browser, "week-screen");
  await browser.waitUntil(async () => /Calendar events show the full name/.test(await (await find(browser, tid("calendar-privacy-note"))).getText()));
  await clickExport(browser, tid("export-all"));
  const file = join(exportDir, "iro-caseload-booked-from-2026-11-23.ics");
  await browser.waitUntil(async () => readdirSync(exportDir).includes("iro-caseload-booked-from-2026-11-23.ics"), { timeout: 10_000 });
  assert.match(readFileSync(file, "utf8"), /SUMMARY:LAC review – Sample Testwood\r\n/);
});
