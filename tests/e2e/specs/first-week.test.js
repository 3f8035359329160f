// On a fresh store, the first week with real-looking children (issue 13): a child in care since
// 2021 entered with their history raises no false alarm; a child whose history is not known is
// asked about on Today, not counted from 2021.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, attrs, submit, dialogClosed, optionValues, firstRun } from "../lib/app.js";

let browser;

before(async () => {
  const dir = tempDir("first-week");
  ({ browser } = await launch(["--db", join(dir, "store.sqlite3"), "--today", "2026-12-03"]));
  await firstRun(browser, "Test IRO One");
});

after(async () => {
  await browser?.deleteSession();
});

/** Opens Add child and types a child in care since 15 March 2021. */
async function addChildInCareSince2021(first) {
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, tid("add-child"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-first_name", first);
  await fill(browser, "field-last_name", "Historyfield");
  await fill(browser, "field-born_on", "02/02/2012");
  await fill(browser, "field-sex", "female");
  await fill(browser, "field-care_started_on", "15/03/2021");
}

/** Picks a participation code once Rust has offered the codes for the child's age. */
async function pickParticipation(code) {
  await browser.waitUntil(async () => (await optionValues(browser, "field-participation")).includes(code));
  await fill(browser, "field-participation", code);
}

/** The Today rows about one child: kind, group and severity. */
async function rowsOf(childId) {
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  return attrs(browser, `${tid("warning-row")}[data-child-id="${childId}"]`, ["data-kind", "data-group", "data-severity"]);
}

test("a child in care since 2021 with nine reviews is entered with their history and raises no overdue warning", async () => {
  await addChildInCareSince2021("Nina");
  // The history is asked for, not guessed: saving without it names the field.
  await submit(browser);
  const error = await find(browser, tid("error-reviews_held"));
  assert.match(await error.getText(), /how many reviews/);
  await fill(browser, "field-reviews_held", "two_or_more");
  await fill(browser, "field-reviews_count", "9");
  await fill(browser, "field-last_review_on", "10/09/2026");
  await pickParticipation("PN1");
  await fill(browser, "field-decisions_sent_on", "15/09/2026");
  await fill(browser, "field-record_sent_on", "25/09/2026");
  await screenshot(browser, "form-add-child-history");
  await submit(browser);
  await dialogClosed(browser);
  const child = await ready(browser, "child-screen");
  const id = await child.getAttribute("data-child-id");
  // The next review, the tenth, is due six months after the last: Wed 10 Mar 2027.
  const text = await child.getText();
  assert.match(text, /Wed 10 Mar 2027/);
  const rows = await rowsOf(id);
  for (const r of rows) {
    assert.notEqual(r["data-severity"], "overdue", JSON.stringify(rows));
    assert.notEqual(r["data-severity"], "red", JSON.stringify(rows));
  }
  await screenshot(browser, "first-week-today-history");
});

test("a child whose history is not known yet is asked about on Today, and the answer dates the next review", async () => {
  await addChildInCareSince2021("Uma");
  await fill(browser, "field-reviews_held", "unknown");
  await find(browser, tid("history-unknown-note"));
  await submit(browser);
  await dialogClosed(browser);
  const child = await ready(browser, "child-screen");
  const id = await child.getAttribute("data-child-id");
  const rows = await rowsOf(id);
  assert.deepEqual(rows, [{ "data-kind": "history_incomplete", "data-group": "my_work", "data-severity": "amber" }]);
  const row = await find(browser, `${tid("warning-row")}[data-child-id="${id}"]`);
  assert.doesNotMatch(await row.getText(), /overdue/i);
  await (await row.$(tid("row-history"))).click();
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-reviews_held", "one");
  await fill(browser, "field-last_review_on", "01/10/2026");
  await pickParticipation("PN1");
  await fill(browser, "field-decisions_sent_on", "06/10/2026");
  await fill(browser, "field-record_sent_on", "20/10/2026");
  await submit(browser);
  await dialogClosed(browser);
  // One review held (the first, 1 Oct 2026): the second is due 3 months on, Fri 1 Jan 2027 —
  // within the amber window and not booked.
  let now = [];
  await browser
    .waitUntil(async () => {
      now = await attrs(browser, `${tid("warning-row")}[data-child-id="${id}"]`, ["data-kind"]);
      return now.length === 1 && now[0]["data-kind"] === "not_booked";
    })
    .catch(() => assert.fail(`rows after the history: ${JSON.stringify(now)}`));
  const next = await find(browser, `${tid("warning-row")}[data-child-id="${id}"]`);
  assert.equal(await next.getAttribute("data-due"), "2027-01-01");
});

test("booking after the due date is warned before saving, with the due and plan-by dates shown", async () => {
  // Uma's second review is due Fri 1 Jan 2027 (a bank holiday: plan by Thu 31 Dec 2026).
  const row = await find(browser, `${tid("warning-row")}[data-kind="not_booked"][data-due="2027-01-01"]`);
  await (await row.$(tid("row-book"))).click();
  await find(browser, tid("form-dialog"));
  const due = await find(browser, tid("booking-due"));
  assert.match(await due.getText(), /Due Fri 1 Jan 2027 · plan by Thu 31 Dec 2026/);
  await fill(browser, "field-on", "6/1/27");
  const late = await find(browser, tid("booking-late"));
  assert.match(await late.getText(), /Wed 6 Jan 2027 is after the due date, Fri 1 Jan 2027: the meeting would be late\. Book it on or before Thu 31 Dec 2026\./);
  await screenshot(browser, "form-book-late");
  await fill(browser, "field-on", "30/12/2026");
  await browser.waitUntil(async () => !(await browser.$(tid("booking-late")).isExisting()));
  await fill(browser, "field-at", "10:00");
  await fill(browser, "field-venue", "Family Centre");
  await submit(browser);
  await dialogClosed(browser);
});

/** Adds a child who came into care on Mon 16 Nov 2026, in sibling group SG-7. */
async function addSibling(first) {
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, tid("add-child"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-first_name", first);
  await fill(browser, "field-last_name", "Siblingly");
  await fill(browser, "field-born_on", "05/05/2017");
  await fill(browser, "field-sex", "male");
  await fill(browser, "field-sibling_group", "SG-7");
  await fill(browser, "field-care_started_on", "16/11/2026");
  await fill(browser, "field-reviews_held", "none");
  await submit(browser);
  await dialogClosed(browser);
  const child = await ready(browser, "child-screen");
  return child.getAttribute("data-child-id");
}

test("a sibling group is booked as one meeting: one time and venue, each child their own booking", async () => {
  const first = await addSibling("Ari");
  const second = await addSibling("Bo");
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  const row = await find(browser, `${tid("warning-row")}[data-child-id="${first}"][data-kind="not_booked"]`);
  await (await row.$(tid("row-book"))).click();
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-on", "10/12/2026");
  await fill(browser, "field-at", "14:00");
  await fill(browser, "field-venue", "Foster home");
  const sibling = await find(browser, tid(`sibling-${second}`));
  await sibling.click();
  await screenshot(browser, "form-book-siblings");
  await submit(browser);
  await dialogClosed(browser);
  await click(browser, tid("nav-week"));
  await ready(browser, "week-screen");
  await click(browser, tid("week-next"));
  await browser.waitUntil(async () => (await attrs(browser, `${tid("week-day")}[data-date="2026-12-10"] ${tid("week-meeting")}`, ["data-meeting-id"])).length === 2);
  const day = await find(browser, `${tid("week-day")}[data-date="2026-12-10"]`);
  const text = await day.getText();
  assert.match(text, /Ari Siblingly/);
  assert.match(text, /Bo Siblingly/);
  await screenshot(browser, "first-week-siblings-week");
});

test("booking the same IRO into an overlapping time is warned as a clash", async () => {
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, `${tid("caseload-row")}`);
  const child = await ready(browser, "child-screen");
  await click(browser, tid("book-meeting"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-kind", "lac_review");
  await fill(browser, "field-on", "10/12/2026");
  await fill(browser, "field-at", "15:00");
  const clash = await find(browser, tid("booking-clash"));
  assert.match(await clash.getText(), /You already have .* Siblingly's LAC review, 14:00–15:30 at Foster home\./);
  const childId = await child.getAttribute("data-child-id");
  await click(browser, tid("form-cancel"));
  await dialogClosed(browser);

  // Reviews set to last an hour in Settings: 14:00–15:00 no longer reaches 15:00.
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await fill(browser, "field-meeting_minutes.lac_review", "60");
  await click(browser, tid("save-meeting-lengths"));
  await find(browser, tid("toast"));
  await screenshot(browser, "settings-meeting-lengths");
  await browser.execute((id) => (location.hash = `#/child/${id}`), childId);
  await ready(browser, "child-screen");
  await click(browser, tid("book-meeting"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-kind", "lac_review");
  await fill(browser, "field-on", "10/12/2026");
  await fill(browser, "field-at", "15:00");
  await find(browser, tid("booking-due"));
  await browser.pause(500);
  assert.equal(await browser.$(tid("booking-clash")).isExisting(), false);
  await click(browser, tid("form-cancel"));
});

test("an authority that says CLA reads CLA on Today, in the forms and on the caseload", async () => {
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await fill(browser, "field-terminology", "cla");
  await click(browser, tid("save-words"));
  await find(browser, tid("toast"));
  // The timescale rules are named in the same words.
  await browser.waitUntil(async () => /First CLA review/.test(await (await find(browser, tid("settings-screen"))).getText()));
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  await browser.waitUntil(async () => /CLA review/.test(await (await find(browser, tid("today-screen"))).getText()));
  const today = await (await find(browser, tid("today-screen"))).getText();
  assert.doesNotMatch(today, /\bLAC\b/);
  await screenshot(browser, "first-week-today-cla");
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  const caseload = await (await find(browser, tid("caseload-screen"))).getText();
  assert.match(caseload, /\bCLA\b/);
  assert.doesNotMatch(caseload, /\bLAC\b/);
});
