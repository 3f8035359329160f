// On a fresh store: a child in care, a dispute (DRP) about the care plan raised as an informal
// challenge and escalated to Stage 1, the overdue response on the Today screen, then the response
// recorded and the dispute resolved. Then, on the demo store, the Disputes screen against
// `caseload disputes --json`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, attrs, submit, dialogClosed, optionValues, firstRun } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;
let childId;
let disputeId;

before(async () => {
  const dir = tempDir("disputes");
  ({ browser } = await launch(["--db", join(dir, "store.sqlite3"), "--today", AS_OF]));
});

after(async () => {
  await browser?.deleteSession();
});

/** A screen root, loaded, that also has these attributes (e.g. the dispute shown, the filter). */
async function readyWith(screen, attributes, timeout = 20_000) {
  const extra = Object.entries(attributes).map(([k, v]) => `[${k}="${v}"]`).join("");
  const el = await browser.$(`${tid(screen)}${extra}[data-ready="true"]`);
  await el.waitForExist({ timeout });
  return el;
}

/** The dispute record, loaded, for the dispute under test. */
async function disputeRecord() {
  return readyWith("dispute-screen", { "data-dispute-id": disputeId });
}

test("a child comes into care", async () => {
  await firstRun(browser, "Test IRO One");
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, tid("add-child"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-first_name", "Dana");
  await fill(browser, "field-last_name", "Testwood");
  await fill(browser, "field-born_on", "01/06/2015");
  await fill(browser, "field-sex", "female");
  await fill(browser, "field-care_started_on", "02/11/2026");
  await fill(browser, "field-reviews_held", "none");
  await submit(browser);
  await dialogClosed(browser);
  const child = await ready(browser, "child-screen");
  childId = await child.getAttribute("data-child-id");
  assert.ok(childId);
});

test("the store's reason categories are edited in Settings and offered by the raise form", async () => {
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  const before = await attrs(browser, tid("reason-row"), ["data-code"]);
  assert.equal(before.length, 8, "the default list of domain.md §5.3");
  await click(browser, tid("edit-reasons"));
  await find(browser, tid("form-dialog"));
  // Rename the second category (Planning) and add one.
  const labels = await browser.$$(tid("reason-label"));
  await labels[1].setValue("Care planning");
  await click(browser, tid("reason-add"));
  await browser.waitUntil(async () => (await browser.$$(tid("reason-label"))).length === 9);
  const added = await browser.$$(tid("reason-label"));
  await added[8].setValue("Education (PEP)");
  await screenshot(browser, "form-reasons");
  await submit(browser);
  await dialogClosed(browser);
  await browser.waitUntil(async () => (await attrs(browser, tid("reason-row"), ["data-code"])).length === 9);
  const planning = await find(browser, `${tid("reason-row")}[data-code="planning"]`);
  assert.match(await planning.getText(), /Care planning/);
  await find(browser, `${tid("reason-row")}[data-code="education_pep"]`);
  // Back to the child's record.
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await click(browser, `${tid("caseload-row")}[data-child-id="${childId}"]`);
  await ready(browser, "child-screen");
});

test("on the child record, the IRO raises a DRP about the care plan as an informal challenge", async () => {
  const section = await find(browser, tid("raise-dispute"));
  assert.equal((await attrs(browser, tid("child-dispute"), ["data-dispute-id"])).length, 0);
  await section.scrollIntoView({ block: "center" });
  await section.click();
  await find(browser, tid("form-dialog"));
  // The stages come from the ladder in force (Rust): the informal challenge is the first.
  await browser.waitUntil(async () =>
    (await optionValues(browser, "field-stage")).includes("0"),
  );
  await fill(browser, "field-kind", "drp");
  await fill(browser, "field-concerns", "lac_plan");
  // The reasons are the store's list, in its order, new category included.
  const reasons = await optionValues(browser, "field-reason");
  assert.deepEqual(reasons.slice(-2), ["other", "education_pep"]);
  await fill(browser, "field-reason", "planning");
  await fill(browser, "field-raised_on", "09/11/2026");
  await fill(browser, "field-stage", "0");
  await fill(browser, "field-sent_to", "Social worker");
  await screenshot(browser, "form-raise-dispute");
  await submit(browser);
  await dialogClosed(browser);

  // The new dispute's record opens.
  const record = await ready(browser, "dispute-screen");
  disputeId = await record.getAttribute("data-dispute-id");
  assert.ok(disputeId);
  assert.equal(await record.getAttribute("data-open"), "true");
  // Under the store's own label for its reason.
  assert.match(await (await find(browser, tid("dispute-title"))).getText(), /Care planning/);
  const stages = await attrs(browser, tid("dispute-stage"), ["data-stage", "data-raised-on", "data-due"]);
  // Raised Mon 9 Nov 2026: 5 working days on is Mon 16 Nov 2026.
  assert.deepEqual(stages, [{ "data-stage": "0", "data-raised-on": "2026-11-09", "data-due": "2026-11-16" }]);
});

test("escalated to Stage 1: the response is due Tue 17 Nov 2026, with its explanation", async () => {
  await click(browser, tid("dispute-escalate"));
  await find(browser, tid("form-dialog"));
  const offered = await optionValues(browser, "field-stage");
  assert.ok(!offered.includes("0"), "only stages above the informal challenge are offered");
  assert.ok(offered.includes("1"));
  await fill(browser, "field-stage", "1");
  // A date before the stage reached is refused by Rust, beside the field; nothing is saved.
  await fill(browser, "field-raised_on", "05/11/2026");
  await fill(browser, "field-sent_to", "Team Manager");
  await submit(browser);
  const error = await find(browser, tid("error-raised_on"));
  assert.match(await error.getText(), /before Informal challenge was raised \(Mon 9 Nov 2026\)/);
  await fill(browser, "field-raised_on", "10/11/2026");
  await submit(browser);
  await dialogClosed(browser);

  const stage1 = await find(browser, `${tid("dispute-stage")}[data-stage="1"]`);
  assert.equal(await stage1.getAttribute("data-due"), "2026-11-17");
  assert.match(await stage1.getText(), /Team Manager/);
  const response = await find(browser, tid("clock-response"));
  assert.match(await response.getText(), /Tue 17 Nov 2026/);
  assert.match(await response.getText(), /4 working days overdue/);
  await (await response.$(tid("why-toggle"))).click();
  const why = await response.$(tid("explanation"));
  await why.waitForDisplayed();
  assert.match(await why.getText(), /5 working days after Stage 1 was raised \(Tue 10 Nov 2026\)/);
  const formal = await find(browser, `${tid("clock-formal")} ${tid("formal-clock")}`);
  assert.match(await formal.getText(), /^\d+ of 20 working days$/);
  await screenshot(browser, "dispute-record");
});

test("Today shows the overdue response for the child, and the nav counts the overdue dispute", async () => {
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  const row = await find(
    browser,
    `${tid("group-others")} ${tid("warning-row")}[data-kind="dispute_response_overdue"][data-child-id="${childId}"]`,
  );
  assert.equal(await row.getAttribute("data-due"), "2026-11-17");
  assert.equal(await row.getAttribute("data-dispute-id"), disputeId);
  assert.equal(await row.getAttribute("data-severity"), "overdue");
  // The overdue row offers Escalate directly: the form opens on the dispute as it stands.
  await (await row.$(tid("row-escalate"))).click();
  await find(browser, tid("form-dialog"));
  await screenshot(browser, "form-escalate-from-today");
  await click(browser, tid("form-cancel"));
  await dialogClosed(browser);
  const badge = await find(browser, tid("disputes-badge"));
  assert.equal(await badge.getText(), "1");
  await screenshot(browser, "disputes-today");

  await click(browser, tid("nav-disputes"));
  await ready(browser, "disputes-screen");
  await click(browser, tid("filter-overdue"));
  await readyWith("disputes-screen", { "data-filter": "overdue" });
  const listed = await attrs(browser, tid("dispute-row"), ["data-dispute-id", "data-child-id", "data-stage", "data-open"]);
  assert.deepEqual(listed, [{ "data-dispute-id": disputeId, "data-child-id": childId, "data-stage": "1", "data-open": "true" }]);
  await screenshot(browser, "disputes-overdue");

  // The Disputes screen raises for any child of the caseload (a picker).
  await click(browser, tid("raise-dispute"));
  await find(browser, tid("form-dialog"));
  await browser.waitUntil(async () =>
    (await optionValues(browser, "field-child")).includes(childId),
  );
  await screenshot(browser, "form-raise-dispute-picker");
  await click(browser, tid("form-cancel"));
  await dialogClosed(browser);
});

test("from Today, the IRO opens the dispute, records the response and resolves it", async () => {
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  const row = await find(browser, `${tid("warning-row")}[data-kind="dispute_response_overdue"][data-child-id="${childId}"]`);
  await (await row.$(tid("row-dispute"))).click();
  await disputeRecord();

  await click(browser, tid("dispute-respond"));
  await find(browser, tid("form-dialog"));
  const stage = await find(browser, tid("field-stage"));
  assert.equal(await stage.getValue(), "1", "the stage reached is answered by default");
  await fill(browser, "field-responded_on", "today");
  await fill(browser, "field-summary", "Care plan to be updated at the next review.");
  await submit(browser);
  await dialogClosed(browser);
  const answered = await find(browser, `${tid("dispute-stage")}[data-stage="1"][data-responded-on="${AS_OF}"]`);
  assert.match(await answered.getText(), /Care plan to be updated at the next review\./);

  await click(browser, tid("dispute-resolve"));
  await find(browser, tid("form-dialog"));
  await fill(browser, "field-outcome", "resolved");
  await fill(browser, "field-on", "today");
  await submit(browser);
  await dialogClosed(browser);
  await (await browser.$(`${tid("dispute-screen")}[data-open="false"]`)).waitForExist({ timeout: 10_000 });
  const outcome = await find(browser, `${tid("dispute-status")} ${tid("dispute-outcome")}`);
  assert.equal(await outcome.getText(), "Resolved at Stage 1");
  assert.equal((await attrs(browser, tid("dispute-resolve"), ["data-testid"])).length, 0, "no actions on a closed dispute");
  await screenshot(browser, "dispute-record-closed");
});

test("Today no longer warns about the dispute; the Disputes screen lists it as resolved", async () => {
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  await browser.waitUntil(async () => {
    const rows = await attrs(browser, `${tid("warning-row")}[data-child-id="${childId}"]`, ["data-kind"]);
    return rows.every((r) => !r["data-kind"].startsWith("dispute_"));
  });
  assert.equal((await attrs(browser, tid("disputes-badge"), ["data-testid"])).length, 0);

  await click(browser, tid("nav-disputes"));
  await ready(browser, "disputes-screen");
  await click(browser, tid("filter-closed"));
  await readyWith("disputes-screen", { "data-filter": "closed" });
  const row = await find(browser, `${tid("dispute-row")}[data-dispute-id="${disputeId}"]`);
  assert.equal(await row.getAttribute("data-open"), "false");
  assert.match(await (await row.$(tid("dispute-outcome"))).getText(), /^Resolved at Stage 1\s+Mon 23 Nov 2026$/);
  await screenshot(browser, "disputes-closed");

  // The child record lists it too, linking to the record.
  await click(browser, `${tid("dispute-row")}[data-dispute-id="${disputeId}"] ${tid("dispute-link")}`);
  await disputeRecord();
  await click(browser, tid("dispute-child-link"));
  await ready(browser, "child-screen");
  const listed = await attrs(browser, tid("child-dispute"), ["data-dispute-id", "data-open"]);
  assert.deepEqual(listed, [{ "data-dispute-id": disputeId, "data-open": "false" }]);
  await (await find(browser, tid("child-disputes"))).scrollIntoView({ block: "center" });
  await screenshot(browser, "child-disputes");
});

test("the child's audit trail lists every change made to them, read-only, filtered by child and date", async () => {
  await browser.execute((id) => (window.location.hash = `#/child/${id}`), childId);
  await ready(browser, "child-screen");
  await click(browser, tid("child-audit"));
  await readyWith("audit-screen", { "data-child": childId });
  const rows = await attrs(browser, tid("audit-row"), ["data-op", "data-child-id"]);
  assert.ok(rows.every((r) => r["data-child-id"] === childId), JSON.stringify(rows));
  const ops = rows.map((r) => r["data-op"]);
  // Newest first: the resolution, back to the child's creation.
  assert.equal(ops[0], "resolve_dispute");
  assert.equal(ops.at(-1), "add_child");
  for (const op of ["raise_dispute", "escalate_dispute", "record_dispute_response", "start_care"]) {
    assert.ok(ops.includes(op), `${op} in ${ops}`);
  }
  // A row opens to show what changed; nothing on the screen edits the trail.
  const first = await find(browser, `${tid("audit-row")} summary`);
  await first.click();
  const detail = await find(browser, `${tid("audit-row")} details[open] table`);
  // Fields in words, dates the British way.
  assert.match(await detail.getText(), /Outcome/);
  assert.doesNotMatch(await detail.getText(), /\d{4}-\d{2}-\d{2}/);
  // (The date filters are the only text fields: they narrow the list.)
  const editable = `${tid("audit-screen")} input[type="text"]:not([data-testid^="field-audit_"]), ${tid("audit-screen")} textarea`;
  assert.equal((await browser.$$(editable)).length, 0);
  await screenshot(browser, "audit-child");
  // Every child and setting: the reasons change is there too; a date range before any change
  // shows none.
  await fill(browser, "audit-child", "");
  await readyWith("audit-screen", { "data-child": "" });
  await browser.waitUntil(async () =>
    (await attrs(browser, tid("audit-row"), ["data-op"])).some((r) => r["data-op"] === "set_dispute_reasons"),
  );
  await fill(browser, "field-audit_to", "01/01/2001");
  await find(browser, `${tid("audit-screen")} .panel`);
  await browser.waitUntil(async () => (await browser.$$(tid("audit-row"))).length === 0);
});

test("on the demo store, the Disputes screen lists what `caseload disputes --json` lists", async () => {
  await browser.deleteSession();
  browser = undefined;
  const db = join(tempDir("disputes-demo"), "demo.sqlite3");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF]));
  await ready(browser, "today-screen", 60_000);
  const cli = (filter) =>
    JSON.parse(execFileSync(process.env.CASELOAD_BIN, ["--db", db, "disputes", "--as-of", AS_OF, `--${filter}`, "--json"], { encoding: "utf8" }));

  await click(browser, tid("nav-disputes"));
  await readyWith("disputes-screen", { "data-filter": "open" });
  const open = cli("open");
  const key = (d) => [String(d.id), String(d.child.id), String(d.current_stage ?? "")].join("|");
  const shown = async () =>
    (await attrs(browser, tid("dispute-row"), ["data-dispute-id", "data-child-id", "data-stage"])).map((a) =>
      [a["data-dispute-id"], a["data-child-id"], a["data-stage"]].join("|"),
    );
  assert.ok(open.disputes.length > 3);
  assert.deepEqual(await shown(), open.disputes.map(key));
  const badge = await find(browser, tid("disputes-badge"));
  assert.equal(await badge.getText(), String(open.counts.overdue));
  await screenshot(browser, "disputes");

  await fill(browser, "filter-reason", "permanence");
  await browser.waitUntil(async () => (await shown()).length < open.disputes.length);
  assert.deepEqual(await shown(), open.disputes.filter((d) => d.reason === "permanence").map(key));
  await fill(browser, "filter-reason", "");

  // The most urgent open dispute's record: its stages as the CLI lists them.
  const first = open.disputes[0];
  await click(browser, `${tid("dispute-row")}[data-dispute-id="${first.id}"] ${tid("dispute-link")}`);
  await readyWith("dispute-screen", { "data-dispute-id": first.id });
  const stages = await attrs(browser, tid("dispute-stage"), ["data-stage"]);
  assert.deepEqual(stages.map((s) => s["data-stage"]), first.stages.map((s) => String(s.stage)));
  await screenshot(browser, "dispute");
});
