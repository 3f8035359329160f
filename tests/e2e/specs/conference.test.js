// Issue 10 in the real window: an initial conference is recorded with its outcome, so the child
// protection chain never vanishes. The form asks whether a plan was made; a plan needs its
// category (Rust says so beside the field); once recorded, the first review conference is due
// three months on.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, submit, dialogClosed, firstRun } from "../lib/app.js";

let browser;

before(async () => {
  const dir = tempDir("conference");
  ({ browser } = await launch(["--db", join(dir, "store.sqlite3"), "--today", "2026-11-23"]));
});

after(async () => {
  await browser?.deleteSession();
});

test("a child with a strategy discussion has an initial conference due", async () => {
  await firstRun(browser, "Test Chair");
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, tid("add-child"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-first_name", "Sample");
  await fill(browser, "field-last_name", "Conferenceton");
  await fill(browser, "field-born_on", "14/05/2019");
  await fill(browser, "field-sex", "male");
  await submit(browser);
  await dialogClosed(browser);
  // A new child's record opens at once.
  await ready(browser, "child-screen");
  await click(browser, tid("start-cp"));
  await find(browser, tid("form-dialog"));
  // Strategy discussion Mon 2 Nov 2026: the ICPC is due 15 working days on, Mon 23 Nov.
  await fill(browser, "field-strategy_on", "02/11/2026");
  await submit(browser);
  await dialogClosed(browser);
  const icpc = await find(browser, `${tid("due-item")}[data-rule="icpc"]`);
  await screenshot(browser, "child-icpc-due");
  assert.equal(await icpc.getAttribute("data-due"), "2026-11-23");
});

test("recording the ICPC asks whether it made a plan, and a plan needs its category", async () => {
  await click(browser, tid("record-meeting"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-kind", "icpc");
  await fill(browser, "field-held_on", "20/11/2026");
  await submit(browser);
  const asked = await find(browser, tid("error-plan_decision"));
  assert.match(await asked.getText(), /whether the conference made a child protection plan/);
  await fill(browser, "field-plan_decision", "plan_starts");
  await submit(browser);
  const category = await find(browser, tid("error-category"));
  assert.match(await category.getText(), /category of abuse/);
  await fill(browser, "field-category", "NEG");
  await fill(browser, "field-child_attended", "no");
  await screenshot(browser, "form-record-icpc");
  await submit(browser);
  await dialogClosed(browser);
});

test("the plan starts on the day and the chain runs on: review conference and core group", async () => {
  // Held Fri 20 Nov 2026: first review conference by Sat 20 Feb 2027, core group 10 working
  // days on (Fri 4 Dec 2026).
  const review = await find(browser, `${tid("due-item")}[data-rule="cp-first-review"]`);
  assert.equal(await review.getAttribute("data-due"), "2027-02-20");
  const coreGroup = await find(browser, `${tid("due-item")}[data-rule="core-group"]`);
  assert.equal(await coreGroup.getAttribute("data-due"), "2026-12-04");
  const held = await find(browser, `${tid("meeting-row")}[data-kind="icpc"][data-status="held"]`);
  assert.match(await held.getText(), /plan made · NEG/);
  await screenshot(browser, "child-after-icpc");
});
