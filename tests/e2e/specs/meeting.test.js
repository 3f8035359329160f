// Issue 11's "done when", in the real window, on the demo caseload: the chair opens the pack for
// the demo's next review conference from the week, writes the record while it happens
// (attendance, the Signs of Safety mapping, the scaling, two decisions), the app is killed with
// SIGKILL and relaunched, every field typed is still there after unlocking; finalising holds the
// conference and puts the decisions and record clocks on Today; the record is saved as Word and
// PDF, and both files are read back by independent readers (unzip, pdftotext).
//
// The demo store is made by the CLI on its Monday (Mon 23 Nov 2026), encrypted, and opened the
// next day, the day of Oliver Fictionstead's first review conference (meeting 852, 10:00).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  launch,
  tempDir,
  tid,
  find,
  ready,
  fill,
  click,
  clickExport,
  attrs,
  submit,
  dialogClosed,
  screenshot,
  unlockCaseload,
  draftSaved,
  fieldValue,
  TEST_PASSPHRASE,
} from "../lib/app.js";

const DEMO_MONDAY = "2026-11-23";
const CONFERENCE_DAY = "2026-11-24";
const CHILD = "Oliver Fictionstead";

let browser;
let db;
let exportDir;

function start() {
  return launch(["--db", db, "--today", CONFERENCE_DAY, "--export-dir", exportDir]);
}

const saved = () => draftSaved(browser);
const value = (id) => fieldValue(browser, id);

/** The due dates of Today's rows of a kind about Oliver. */
async function dues(kind) {
  const rows = await attrs(browser, `${tid("warning-row")}[data-kind="${kind}"]`, ["data-due", "data-child-id"]);
  const oliver = await browser.execute(
    (sel, name) => Array.from(document.querySelectorAll(sel)).find((a) => a.textContent.includes(name))?.closest("[data-child-id]")?.getAttribute("data-child-id") ?? null,
    `${tid("warning-row")} ${tid("child-link")}`,
    CHILD,
  );
  return rows.filter((r) => r["data-child-id"] === oliver).map((r) => r["data-due"]);
}

/** The conference's row on the week screen. */
const conference = () => `${tid("week-day")}[data-date="${CONFERENCE_DAY}"] ${tid("week-meeting")}`;

before(async () => {
  const dir = tempDir("meeting");
  db = join(dir, "demo.sqlite3");
  exportDir = tempDir("meeting-export");
  // The demo is made plaintext (synthetic data); encrypted here so the relaunch asks to unlock.
  const env = { ...process.env, CASELOAD_PASSPHRASE: TEST_PASSPHRASE };
  execFileSync(process.env.CASELOAD_BIN, ["--db", db, "demo", "--as-of", DEMO_MONDAY], { env });
  execFileSync(process.env.CASELOAD_BIN, ["--db", db, "encrypt"], { env });
  ({ browser } = await start());
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("the pack for the next review conference opens from the week", async () => {
  await click(browser, tid("nav-week"));
  await ready(browser, "week-screen");
  // The week's meeting rows: the one with Oliver's name has the link to his pack.
  const links = await browser.execute(
    (sel, name) =>
      Array.from(document.querySelectorAll(sel))
        .filter((row) => row.textContent.includes(name))
        .map((row) => row.getAttribute("data-meeting-id")),
    conference(),
    CHILD,
  );
  assert.equal(links.length, 1, `${CHILD}'s conference is in the week`);
  await click(browser, `${conference()}[data-meeting-id="${links[0]}"] ${tid("week-pack")}`);
  await ready(browser, "record-screen");
  const packText = await (await find(browser, tid("pack"))).getText();
  assert.match(packText, /Scaling at the last conference/);
  assert.match(packText, /Initial child protection conference/, "the chronology");
  const statuses = (await attrs(browser, tid("pack-decision"), ["data-status"])).map((a) => a["data-status"]);
  assert.ok(statuses.includes("overdue"), `an overdue decision is on the pack: ${statuses}`);
  await screenshot(browser, "meeting-pack");
});

test("the chair writes the record: attendance, mapping, scaling and two decisions", async () => {
  assert.equal(await value("field-held_on"), CONFERENCE_DAY.split("-").reverse().join("/"));
  await click(browser, tid("invite-from-last"));
  const invited = (await browser.$$(tid("attendee-row"))).length;
  assert.ok(invited >= 2, "the last meeting's list");
  await click(browser, tid("add-attendee"));
  await fill(browser, `field-attendee-${invited}-name`, "Dana Examplewood");
  await fill(browser, `field-attendee-${invited}-role`, "Health visitor");
  await fill(browser, `field-attendee-${invited}-attendance`, "report_only");
  await fill(browser, "field-views_conveyed", "observed");
  await fill(browser, "field-child_attended", "no");
  await click(browser, tid("start-mapping"));
  await fill(browser, "field-harm", "Oliver was found alone in the flat twice in October.");
  await fill(browser, "field-danger_statements", "Everyone is worried Oliver will be left without an adult who can keep him safe.");
  await fill(browser, "field-working_well", "His grandmother visits daily and the nursery reports good care.");
  await fill(browser, "field-safety_goals", "Oliver always has a named adult with him who can keep him safe.");
  await click(browser, tid("add-scaling"));
  await fill(browser, "field-scaling-0-participant", "Priya Samplefield");
  await fill(browser, "field-scaling-0-role", "Social worker");
  await fill(browser, "field-scaling-0-score", "4");
  await click(browser, tid("add-scaling"));
  await fill(browser, "field-scaling-1-participant", "Amy Fictionstead");
  await fill(browser, "field-scaling-1-role", "Mother");
  await fill(browser, "field-scaling-1-score", "7");
  await fill(browser, "field-plan_decision", "plan_continues");
  await fill(browser, "field-category", "NEG");
  await click(browser, tid("add-decision"));
  await fill(browser, "field-decision-0-text", "Agree a written safety plan with the grandmother");
  await fill(browser, "field-decision-0-owner", "Priya Samplefield");
  await fill(browser, "field-decision-0-due", "04/12/2026");
  await click(browser, tid("add-decision"));
  await fill(browser, "field-decision-1-text", "Refer the mother to the parenting programme");
  await fill(browser, "field-decision-1-owner", "Family Support Team");
  await click(browser, tid("field-decision-1-next-review"));
  await saved();
  await screenshot(browser, "meeting-record");
});

test("killed with SIGKILL, relaunched and unlocked, every field typed is still there", async () => {
  execFileSync("pkill", ["-KILL", "-f", db]);
  await browser.deleteSession().catch(() => {});
  ({ browser } = await start());
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
  await browser.execute(() => (location.hash = "#/meeting/852"));
  await ready(browser, "record-screen");
  const rows = (await browser.$$(tid("attendee-row"))).length;
  assert.equal(await value(`field-attendee-${rows - 1}-name`), "Dana Examplewood");
  assert.equal(await value(`field-attendee-${rows - 1}-attendance`), "report_only");
  assert.equal(await value("field-harm"), "Oliver was found alone in the flat twice in October.");
  assert.equal(await value("field-safety_goals"), "Oliver always has a named adult with him who can keep him safe.");
  assert.equal(await value("field-scaling-1-participant"), "Amy Fictionstead");
  assert.equal(await value("field-scaling-1-score"), "7");
  assert.equal(await value("field-plan_decision"), "plan_continues");
  assert.equal(await value("field-decision-0-due"), "04/12/2026");
  assert.equal(await value("field-decision-1-owner"), "Family Support Team");
  assert.equal(await (await find(browser, tid("field-decision-1-next-review"))).isSelected(), true);
});

test("finalising holds the conference and puts its decisions and record clocks on Today", async () => {
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  assert.ok(!(await dues("record_due")).includes("2026-12-22"), "no record clock before finalising");
  await browser.execute(() => (location.hash = "#/meeting/852"));
  await ready(browser, "record-screen");
  await click(browser, tid("finalise-record"));
  await find(browser, `${tid("record-screen")}[data-status="final"]`);
  await screenshot(browser, "meeting-final");
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  // Held Tue 24 Nov 2026: decisions by Tue 1 Dec (5 working days), record by Tue 22 Dec (20).
  assert.ok((await dues("decisions_due")).includes("2026-12-01"));
  assert.ok((await dues("record_due")).includes("2026-12-22"));
  await screenshot(browser, "meeting-today");
});

test("the record is saved as Word and PDF, and both read back with its sections, name, decisions and scaling", async () => {
  await browser.execute(() => (location.hash = "#/meeting/852"));
  await find(browser, `${tid("record-screen")}[data-status="final"]`);
  await clickExport(browser, tid("export-record-docx"));
  await clickExport(browser, tid("export-record-pdf"));
  await browser.waitUntil(async () => readdirSync(exportDir).length === 2, { timeout: 15_000, timeoutMsg: "two files" });
  const files = readdirSync(exportDir).sort();
  assert.deepEqual(
    files.map((f) => f.replace(/ - 2026-11-24\.(docx|pdf)$/, ".$1")),
    [`${CHILD} - Child protection review conference record.docx`, `${CHILD} - Child protection review conference record.pdf`],
  );
  const xml = execFileSync("unzip", ["-p", join(exportDir, files[0]), "word/document.xml"], { encoding: "utf8" });
  const pdf = execFileSync("pdftotext", ["-layout", join(exportDir, files[1]), "-"], { encoding: "utf8" });
  const docxText = xml.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  const pdfText = pdf.replace(/\s+/g, " ");
  for (const [name, text] of [["docx", docxText], ["pdf", pdfText]]) {
    for (const expected of [
      CHILD,
      "Attendance",
      "Signs of Safety",
      "Danger statements",
      "Scaling",
      "Amy Fictionstead Mother 7",
      "Decisions",
      "Agree a written safety plan with the grandmother",
      "Refer the mother to the parenting programme",
    ]) {
      assert.ok(text.includes(expected), `the ${name} has "${expected}"`);
    }
  }
  assert.match(xml, /<w:pStyle w:val="Heading1" ?\/>/, "real headings in the docx");
  assert.match(xml, /<w:tbl>/, "a real table in the docx");
  assert.match(pdf, /Page 1 of \d+/, "page numbers in the PDF");
});

test("the letter to the child is the IRO's own wording, edited in Settings, with a placeholder it cannot fill refused", async () => {
  // The last export's message would cover the buttons on the right.
  await browser.execute((sel) => document.querySelector(sel)?.click(), tid("toast-dismiss"));
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await click(browser, tid("edit-letter-from8_to12"));
  await fill(browser, "field-text", "Dear {name},\n\nThank you for {meeting}, {foster_carer}.\n\n{decisions}\n\nFrom {iro_name}");
  await submit(browser);
  const error = await find(browser, tid("error-text"));
  assert.match(await error.getText(), /\{foster_carer\} is not something the letter can fill in/);
  await screenshot(browser, "settings-letter-refused");
  await fill(browser, "field-text", "Dear {name},\n\nThank you for coming to {meeting}. Here is what we agreed:\n\n{decisions}\n\nFrom {iro_name}");
  await submit(browser);
  await dialogClosed(browser);
  // The row is read again after the save: wait for it rather than read it once.
  const row = `${tid("letter-row")}[data-band="from8_to12"]`;
  await browser.waitUntil(async () => /your wording/.test(await (await find(browser, row)).getText()), {
    timeout: 10_000,
    timeoutMsg: "the 8–12 letter row never said it is the IRO's own wording",
  });
  await screenshot(browser, "settings-letters");
  // Jack Sketchworth (12) had his review on Thu 12 Nov 2026 (the demo's meeting 1447).
  await browser.execute(() => (location.hash = "#/meeting/1447"));
  await find(browser, `${tid("record-screen")}[data-status="final"]`);
  await clickExport(browser, tid("export-letter-pdf"));
  await browser.waitUntil(async () => readdirSync(exportDir).some((f) => f.includes("letter")), { timeout: 15_000 });
  const letter = readdirSync(exportDir).find((f) => f.includes("letter"));
  const text = execFileSync("pdftotext", [join(exportDir, letter), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  assert.match(text, /Dear Jack, Thank you for coming to your review\. Here is what we agreed:/);
});
