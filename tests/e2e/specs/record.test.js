// Issue 11 in the real window: the chair writes a review's record while it happens. Every
// change is saved as it is made, so a SIGKILL loses nothing typed; finalising records the
// review held and puts the decisions and record clocks on Today.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, unlockCaseload, draftSaved, fieldValue, TEST_PASSPHRASE } from "../lib/app.js";

let browser;
let db;

/** A child in care since 1 October 2026 whose first review is booked for Mon 23 Nov (meeting 31). */
function seed(path) {
  const changes = join(tempDir("record-seed"), "changes.json");
  writeFileSync(
    changes,
    JSON.stringify([
      { op: "add_iro", id: 1, name: "Test Chair" },
      { op: "set_settings", settings: { owner: 1 } },
      { op: "add_child", id: 10, first_name: "Sample", last_name: "Recordsworth", born_on: "2014-03-09",
        sex: "female", iro: 1, allocated_on: "2026-10-01" },
      { op: "start_care", id: 20, child: 10, started_on: "2026-10-01", legal_status: "C1", regime: "full_care" },
      { op: "book_meeting", id: 31, child: 10, kind: "lac_review", on: "2026-11-23", at: "10:00" },
    ]),
  );
  execFileSync(process.env.CASELOAD_BIN, ["--db", path, "apply", changes, "--as-of", "2026-11-23"], {
    env: { ...process.env, CASELOAD_PASSPHRASE: TEST_PASSPHRASE },
  });
}

async function openRecord() {
  await browser.execute(() => (location.hash = "#/meeting/31"));
  await ready(browser, "record-screen");
}

const saved = () => draftSaved(browser);
const value = (id) => fieldValue(browser, id);

before(async () => {
  db = join(tempDir("record"), "store.sqlite3");
  seed(db);
  ({ browser } = await launch(["--db", db, "--today", "2026-11-23"]));
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("the chair writes the record and every change is saved as it is made", async () => {
  await openRecord();
  // The preparation pack sits above the record: before a LAC review, the child seen, the
  // social worker's contact and the reports, none recorded here.
  await find(browser, tid("pack"));
  const steps = await browser.$$(tid("pack-step"));
  assert.equal(steps.length, 3);
  assert.equal(await value("field-held_on"), "23/11/2026");
  await click(browser, tid("add-attendee"));
  await fill(browser, "field-attendee-0-name", "Priya Shah");
  await fill(browser, "field-attendee-0-role", "Social worker");
  await fill(browser, "field-views_conveyed", "spoke_for_themself");
  await fill(browser, "field-child_views", "I want to stay with my carers and see my brother every week.");
  await fill(browser, "field-care_plan_endorsed", "yes");
  await click(browser, tid("add-decision"));
  await fill(browser, "field-decision-0-text", "Arrange weekly contact with her brother");
  await fill(browser, "field-decision-0-owner", "Priya Shah");
  await fill(browser, "field-decision-0-due", "18/12/2026");
  await click(browser, tid("add-decision"));
  await fill(browser, "field-decision-1-text", "Update the PEP with the new school");
  await fill(browser, "field-decision-1-owner", "Virtual School");
  await click(browser, tid("field-decision-1-next-review"));
  await saved();
  await screenshot(browser, "record-pack");
  // The participation code comes from Rust: a 12-year-old who spoke for herself is PN1.
  assert.match(await (await find(browser, tid("participation-code"))).getText(), /PN1/);
  await screenshot(browser, "record-writer");
});

test("killed with SIGKILL and started again, every field typed is still there", async () => {
  // The app's own process: the one started with this store.
  execFileSync("pkill", ["-KILL", "-f", db]);
  await browser.deleteSession().catch(() => {});
  ({ browser } = await launch(["--db", db, "--today", "2026-11-23"]));
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
  await openRecord();
  assert.equal(await value("field-attendee-0-name"), "Priya Shah");
  assert.equal(await value("field-views_conveyed"), "spoke_for_themself");
  assert.equal(await value("field-child_views"), "I want to stay with my carers and see my brother every week.");
  assert.equal(await value("field-decision-0-text"), "Arrange weekly contact with her brother");
  assert.equal(await value("field-decision-0-due"), "18/12/2026");
  assert.equal(await (await find(browser, tid("field-decision-1-next-review"))).isSelected(), true);
});

test("finalising records the review held and puts the decisions and record clocks on Today", async () => {
  await click(browser, tid("finalise-record"));
  await find(browser, `${tid("record-screen")}[data-status="final"]`);
  await screenshot(browser, "record-final");
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  // Held Mon 23 Nov 2026: decisions by Mon 30 Nov (5 working days), record by Mon 21 Dec (20).
  const decisions = await find(browser, `${tid("warning-row")}[data-kind="decisions_due"]`);
  assert.equal(await decisions.getAttribute("data-due"), "2026-11-30");
  const record = await find(browser, `${tid("warning-row")}[data-kind="record_due"]`);
  assert.equal(await record.getAttribute("data-due"), "2026-12-21");
  await screenshot(browser, "record-today");
});
