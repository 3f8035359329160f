// On the synthetic demo store: the annual report for 2025–26 and for 2024–25 renders every section
// with its charts, each figure's two texts are exactly what `caseload report --csv` writes for the
// same store (the seeds' figures of issue 10 among them), a definition is one click away, and the
// XLSX export lands in the export folder; saved as PDF, the report is numbered A4 pages with the
// DEMO mark on each and no navigation, and saved as Word it is a .docx. The decisions of issue 11 are among the figures, their
// share's definition one click away. A quarter and a month are the CLI's --from/--to, with
// the trend charts over the twelve months to their end. For two of the demo's IROs, with PN4 not
// counted as participation, and for child protection only, the figures (and the CSV export) are
// the CLI's for the same --iro, --pn4-not-participation and --plans cp.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, fill, click, clickExport, screenshot, attrs, SCREENSHOTS } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;
let db;
let exportDir;
let work;

before(async () => {
  work = tempDir("report");
  db = join(work, "demo.sqlite3");
  exportDir = tempDir("report-export");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF, "--export-dir", exportDir]));
  await find(browser, tid("nav-report"), 60_000);
});

after(async () => {
  await browser?.deleteSession();
});

/** The report screen, loaded, for this year. */
async function reportReady(year, timeout = 30_000) {
  const el = await browser.$(`${tid("report-screen")}[data-year="${year}"][data-ready="true"]`);
  await el.waitForExist({ timeout });
  return el;
}

/** The report screen, loaded, for the period from `from` to `to`. */
async function periodReady(from, to, timeout = 30_000) {
  const el = await browser.$(`${tid("report-screen")}[data-from="${from}"][data-to="${to}"][data-ready="true"]`);
  await el.waitForExist({ timeout });
  return el;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines) → rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A report CSV's figures (not the month rows of charts): id → [this year's text, last year's text]. */
function csvFigures(file) {
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  const col = (name) => header.indexOf(name);
  // Month rows (`lac.timeliness_by_month.apr`) are chart points, not figures of the tables.
  const figures = rows.filter((r) => !/_by_month\.[a-z]{3}$/.test(r[col("id")]));
  return new Map(figures.map((r) => [r[col("id")], [r[col("this_period_text")], r[col("previous_period_text")]]]));
}

let cliRuns = 0;

/** What the CLI writes for every figure of a report on the same store (`period`: a year, or ["--from", …, "--to", …]; `args`: --iro, options): id → [this, last]. */
function cliFigures(period, args = []) {
  const csv = join(work, `report-${++cliRuns}.csv`);
  const which = Array.isArray(period) ? period : ["--year", String(period)];
  execFileSync(process.env.CASELOAD_BIN, ["--db", db, "report", ...which, ...args, "--as-of", AS_OF, "--csv", csv], { encoding: "utf8" });
  return csvFigures(csv);
}

/** Figures of issue 10 that every report has (the seeds' own figures). */
const SEEDS_FIGURES = [
  "disputes.resolved_at.informal",
  "disputes.resolved_at.stage_5_8",
  "disputes.drp_withdrawn",
  "disputes.drp_referred_to_cafcass",
  "lac.short_breaks.children_during_year",
  "lac.short_breaks.reviews_in_timescale",
  "cp.repeat_plans",
  "cp.repeat_plans_within_2_years",
  "cp.plan_length.3_months_or_less",
  "cp.plan_length.2_years_or_more",
  "cp.icpc_s47_days.0_10",
  "cp.icpc_s47_days.21_plus",
  "cp.advocate_offered",
  "cp.child_attended",
];

/** Figures of issue 11: the decisions made at reviews and conferences, and where they stood. */
const DECISION_FIGURES = ["lac", "cp"].flatMap((plan) =>
  ["made", "carried_out_by_due_date", "done_on_time", "done_late", "open_past_due", "open_not_yet_due", "dropped"].map((f) => `${plan}.decisions.${f}`),
);

/** Every figure row on screen: id → [this year's text, last year's text]. */
async function shownFigures() {
  const rows = await browser.execute((sel) =>
    Array.from(document.querySelectorAll(sel)).map((tr) => [
      tr.getAttribute("data-figure"),
      tr.querySelector('[data-testid="report-this"]')?.textContent?.trim() ?? null,
      tr.querySelector('[data-testid="report-last"]')?.textContent?.trim() ?? null,
    ]),
  tid("report-figure"));
  return new Map(rows.map(([id, t, l]) => [id, [t, l]]));
}

/** The sections on screen and how many charts each has. */
async function sectionCharts() {
  return browser.execute(
    (sectionSel, chartSel) =>
      Array.from(document.querySelectorAll(sectionSel)).map((s) => [s.getAttribute("data-section"), s.querySelectorAll(chartSel).length]),
    tid("report-section"),
    tid("report-chart"),
  );
}

/** The "Figures for" list, open. */
async function openIroMenu() {
  const button = await find(browser, tid("report-iro"));
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  return find(browser, tid("report-iro-menu"));
}

/** Figures for every IRO in the store. */
async function chooseAllIros() {
  await openIroMenu();
  await click(browser, tid("report-iro-all"));
  await find(browser, `${tid("report-iro")}[data-chosen="all"]`);
  await click(browser, tid("report-iro-done"));
}

async function checkAgainstCli(year, args = []) {
  const expected = cliFigures(year, args);
  const shown = await shownFigures();
  assert.ok(expected.size > 50, `the report has its figures (${expected.size})`);
  assert.deepEqual([...shown.keys()].sort(), [...expected.keys()].sort(), "the same figures as the CLI");
  for (const [id, texts] of expected) assert.deepEqual(shown.get(id), texts, id);
}

test("the 2025–26 report shows every section with charts and the CLI's figures", async () => {
  await click(browser, tid("nav-report"));
  // It opens on the latest year that has ended: 2025–26 on 23 Nov 2026.
  await reportReady(2025);
  // It starts from the "Caseload of" selection (the demo's owner); figures for all IROs.
  await chooseAllIros();
  await reportReady(2025);
  const label = await find(browser, tid("report-year-label"));
  assert.equal(await label.getText(), "2025–26 (1 April 2025 – 31 March 2026)");

  const sections = await sectionCharts();
  assert.deepEqual(
    sections.map(([id]) => id),
    ["lac", "cp", "disputes", "caseload"],
  );
  for (const [id, charts] of sections) if (id !== "caseload") assert.ok(charts >= 1, `${id} has a chart`);
  const charts = await attrs(browser, tid("report-chart"), ["data-chart"]);
  assert.ok(charts.length >= 4, `charts: ${charts.length}`);
  assert.ok(charts.some((c) => c["data-chart"] === "lac.timeliness_by_month"));
  // Every chart drew something: a month chart its columns, a category chart its bars.
  const drawn = await browser.execute(
    (sel) => Array.from(document.querySelectorAll(sel)).map((c) => c.querySelectorAll("rect, .bar").length),
    tid("report-chart"),
  );
  assert.ok(drawn.every((n) => n > 0), `marks per chart: ${drawn}`);

  await checkAgainstCli(2025);
  const shownIds = await shownFigures();
  for (const id of SEEDS_FIGURES) assert.ok(shownIds.has(id), `the screen shows ${id}`);
  for (const id of DECISION_FIGURES) assert.ok(shownIds.has(id), `the screen shows ${id}`);
  for (const id of ["lac.participation_by_month", "cp.attendance_by_month", "cp.icpc_s47_days", "cp.plan_lengths"]) {
    assert.ok(charts.some((c) => c["data-chart"] === id), `chart ${id}`);
  }
  const caseloads = await attrs(browser, tid("report-caseload"), ["data-iro", "data-band"]);
  assert.equal(caseloads.length, 4, "the demo's four IROs");
  await screenshot(browser, "report-2025");
  for (const section of ["lac", "cp", "disputes", "caseload"]) {
    await browser.execute((sel) => document.querySelector(sel)?.scrollIntoView({ block: "start" }), `${tid("report-section")}[data-section="${section}"] ${section === "caseload" ? tid("report-caseloads") : tid("report-chart")}`);
    await screenshot(browser, `report-2025-${section}`);
  }
  await browser.execute(() => document.getElementById("main")?.scrollTo(0, 0));
});

test("a figure's definition is one click away", async () => {
  const row = await find(browser, `${tid("report-figure")}[data-figure="lac.reviews_in_timescale"]`);
  const toggle = await row.$(tid("report-definition-toggle"));
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  const definition = await browser.$(`#${await toggle.getAttribute("aria-controls")}`);
  assert.equal(await definition.isDisplayed(), false);
  await toggle.scrollIntoView({ block: "center" });
  await toggle.click();
  await definition.waitForDisplayed({ timeout: 5_000 });
  assert.match(await definition.getText(), /due date/);
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  await screenshot(browser, "report-definition");
  await toggle.click();
  await definition.waitForDisplayed({ reverse: true, timeout: 5_000 });
});

test("the decisions' share says which decisions it is of, one click away", async () => {
  const row = await find(browser, `${tid("report-figure")}[data-figure="lac.decisions.carried_out_by_due_date"]`);
  await row.scrollIntoView({ block: "start" });
  const toggle = await row.$(tid("report-definition-toggle"));
  await toggle.click();
  const definition = await browser.$(`#${await toggle.getAttribute("aria-controls")}`);
  await definition.waitForDisplayed({ timeout: 5_000 });
  assert.match(await definition.getText(), /due on or before 31 March 2026/);
  assert.match(await definition.getText(), /dropped decisions are counted apart/);
  await screenshot(browser, "report-2025-decisions");
  await toggle.click();
  await definition.waitForDisplayed({ reverse: true, timeout: 5_000 });
});

test("the year before, 2024–25, renders too, with the CLI's figures", async () => {
  await fill(browser, "report-year", "2024");
  await reportReady(2024);
  assert.equal(await browser.execute(() => window.location.hash), "#/report/2024");
  const label = await find(browser, tid("report-year-label"));
  assert.equal(await label.getText(), "2024–25 (1 April 2024 – 31 March 2025)");
  const charts = await attrs(browser, tid("report-chart"), ["data-chart"]);
  assert.ok(charts.length >= 4, `charts: ${charts.length}`);
  await checkAgainstCli(2024);
  await browser.execute(() => document.getElementById("main")?.scrollTo(0, 0));
  await screenshot(browser, "report-2024");
  // The next-year button comes back to 2025–26.
  await click(browser, tid("report-next"));
  await reportReady(2025);
});

test("a quarter and a month are the CLI's --from/--to, with trend charts to their end", async () => {
  await fill(browser, "report-period-kind", "quarter");
  // It opens on the latest quarter that has ended: July–September 2026 on 23 Nov 2026.
  await periodReady("2026-07-01", "2026-09-30");
  await fill(browser, "report-quarter", "2025-10");
  await periodReady("2025-10-01", "2025-12-31");
  const label = await find(browser, tid("report-year-label"));
  assert.equal(await label.getText(), "October–December 2025 (1 October 2025 – 31 December 2025)");
  await checkAgainstCli(["--from", "2025-10-01", "--to", "2025-12-31"]);
  // The monthly charts run over the twelve months to December 2025.
  const months = await browser.execute(
    (sel) => Array.from(document.querySelectorAll(`${sel}[data-chart="lac.timeliness_by_month"] .month-label, ${sel}[data-chart="lac.timeliness_by_month"] text`)).map((t) => t.textContent?.trim()),
    tid("report-chart"),
  );
  assert.ok(months.includes("Jan") && months.includes("Dec"), `months: ${months}`);
  const legend = await browser.execute(
    (sel) => document.querySelector(`${sel}[data-chart="lac.timeliness_by_month"]`)?.textContent ?? "",
    tid("report-chart"),
  );
  assert.match(legend, /12 months to December 2025/);
  await browser.execute(() => document.getElementById("main")?.scrollTo(0, 0));
  await screenshot(browser, "report-quarter");
  await click(browser, tid("report-prev"));
  await periodReady("2025-07-01", "2025-09-30");

  await fill(browser, "report-period-kind", "month");
  await periodReady("2026-10-01", "2026-10-31");
  await fill(browser, "report-month", "2025-11");
  await periodReady("2025-11-01", "2025-11-30");
  await checkAgainstCli(["--from", "2025-11-01", "--to", "2025-11-30"]);

  await fill(browser, "report-period-kind", "dates");
  await fill(browser, "field-report_from", "01/10/2025");
  await fill(browser, "field-report_to", "15/11/2025");
  await click(browser, tid("report-dates-apply"));
  await periodReady("2025-10-01", "2025-11-15");
  await checkAgainstCli(["--from", "2025-10-01", "--to", "2025-11-15"]);

  // Back to the reporting year.
  await fill(browser, "report-period-kind", "year");
  await reportReady(2025);
});

test("Export XLSX writes the workbook into the export folder", async () => {
  await clickExport(browser, tid("report-export-xlsx"));
  const name = "iro-annual-report-2025-26.xlsx";
  await browser.waitUntil(async () => readdirSync(exportDir).includes(name), { timeout: 15_000 });
  const file = join(exportDir, name);
  assert.ok(statSync(file).size > 1000);
  // An XLSX is a ZIP archive.
  assert.equal(readFileSync(file).subarray(0, 2).toString("latin1"), "PK");
  const toast = await find(browser, tid("toast"));
  assert.match(await toast.getText(), /Saved the 2025–26 report \(XLSX\)/);
  await screenshot(browser, "report-exported");
});

/** Waits for the toast of a report saved as `format` ("PDF"). */
async function savedToast(format) {
  await browser.waitUntil(
    async () =>
      await browser.execute(
        (sel, f) => Array.from(document.querySelectorAll(sel)).some((t) => (t.textContent ?? "").includes(`report (${f})`)),
        tid("toast"),
        format,
      ),
    { timeout: 30_000, timeoutMsg: `no toast for ${format}` },
  );
}

/** A PDF's text (pdftotext), each page apart. */
function pdfPages(file) {
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return text.split("\f").filter((page) => page.trim() !== "");
}

test("Save as PDF writes numbered A4 pages with the DEMO mark on each and no navigation", async () => {
  await reportReady(2025);
  const shown = await shownFigures();
  await clickExport(browser, tid("report-export-pdf"));
  await savedToast("PDF");
  const file = join(exportDir, "iro-annual-report-2025-26.pdf");
  assert.equal(readFileSync(file).subarray(0, 5).toString("latin1"), "%PDF-");
  execFileSync("pdftoppm", ["-png", "-r", "60", file, join(SCREENSHOTS, "report-pdf")]);
  const pages = pdfPages(file);
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  assert.match(pages[0], /IRO annual report 2025–26/);
  assert.match(pages[0], /Looked-after children/);
  pages.forEach((page, idx) => {
    assert.match(page, /DEMO/, `the DEMO mark on page ${idx + 1}`);
    assert.match(page, /OFFICIAL-SENSITIVE/, `the marking on page ${idx + 1}`);
    assert.ok(page.includes(`Page ${idx + 1} of ${pages.length}`), `page ${idx + 1}'s number`);
  });
  const all = pages.join("\n");
  for (const nav of ["Caseload of", "Shortcuts", "Export XLSX", "Save as PDF"]) assert.ok(!all.includes(nav), `no "${nav}" in the PDF`);
  // The figures are the screen's.
  for (const id of ["lac.reviews_in_timescale", "cp.icpcs_in_timescale", "disputes.children_lac"]) {
    const [thisText, lastText] = shown.get(id);
    assert.ok(all.includes(thisText) && all.includes(lastText), `${id}: ${thisText} / ${lastText}`);
  }

  await clickExport(browser, tid("report-export-docx"));
  await savedToast("Word");
  const docx = join(exportDir, "iro-annual-report-2025-26.docx");
  assert.equal(readFileSync(docx).subarray(0, 2).toString("latin1"), "PK");
  await screenshot(browser, "report-saved-pdf");
});

test("figures for two IROs are the CLI's for --iro NAME1 --iro NAME2", async () => {
  await reportReady(2025);
  await openIroMenu();
  const options = await attrs(browser, tid("report-iro-option"), ["data-iro", "data-name"]);
  assert.ok(options.length >= 3, `the demo's IROs: ${options.length}`);
  const [a, b] = options;
  await click(browser, `${tid("report-iro-option")}[data-iro="${a["data-iro"]}"]`);
  await click(browser, `${tid("report-iro-option")}[data-iro="${b["data-iro"]}"]`);
  const ids = [Number(a["data-iro"]), Number(b["data-iro"])].sort((x, y) => x - y).join(",");
  const button = await find(browser, `${tid("report-iro")}[data-chosen="${ids}"]`);
  assert.equal(await (await find(browser, tid("report-iro-all"))).isSelected(), false);
  await screenshot(browser, "report-iros");
  await click(browser, tid("report-iro-done"));
  await (await browser.$(tid("report-iro-menu"))).waitForExist({ reverse: true, timeout: 5_000 });
  await reportReady(2025);
  // The button and the heading both name them.
  const summary = await browser.execute((el) => el.textContent ?? "", button);
  for (const o of [a, b]) assert.ok(summary.includes(o["data-name"]), `button: ${summary}`);
  const heading = await browser.execute(() => document.querySelector(".years .muted")?.textContent ?? "");
  for (const o of [a, b]) assert.ok(heading.includes(o["data-name"]), `heading: ${heading}`);
  await checkAgainstCli(2025, ["--iro", a["data-name"], "--iro", b["data-name"]]);
  const caseloads = await attrs(browser, tid("report-caseload"), ["data-iro"]);
  assert.deepEqual(caseloads.map((c) => c["data-iro"]).sort(), [a["data-iro"], b["data-iro"]].sort(), "their caseloads only");
});

test("with PN4 not counted as participation, the figures and the CSV export are the CLI's --pn4-not-participation", async () => {
  const options = await attrs(browser, tid("report-iro-option"), ["data-iro", "data-name"]);
  assert.equal(options.length, 0, "the IRO list is closed");
  const chosen = (await (await find(browser, tid("report-iro"))).getAttribute("data-chosen")).split(",");
  await openIroMenu();
  const names = await browser.execute(
    (sel, ids) => ids.map((id) => document.querySelector(`${sel}[data-iro="${id}"]`)?.getAttribute("data-name")),
    tid("report-iro-option"),
    chosen,
  );
  await click(browser, tid("report-iro-done"));
  const iroArgs = names.flatMap((n) => ["--iro", n]);
  const participation = `${tid("report-figure")}[data-figure="lac.participation_aged_4_plus"] ${tid("report-this")}`;
  const before = await (await find(browser, participation)).getText();

  await click(browser, tid("report-options-toggle"));
  await find(browser, tid("report-options"));
  const pn4 = await find(browser, tid("report-option-pn4"));
  assert.equal(await pn4.isSelected(), true, "PN4 counts by default");
  assert.equal(await (await browser.$(tid("report-options-reset"))).isExisting(), false, "nothing to reset yet");
  await click(browser, tid("report-option-pn4"));
  await find(browser, tid("report-options-changed"));
  await reportReady(2025);
  assert.equal(await pn4.isSelected(), false);
  const choices = await (await find(browser, tid("report-choices"))).getText();
  assert.match(choices, /PN1–PN3, PN5 and PN6/, "the report states which was used");
  await checkAgainstCli(2025, [...iroArgs, "--pn4-not-participation"]);
  const after = await (await find(browser, participation)).getText();
  assert.notEqual(after, before, "fewer participate without PN4");
  await browser.execute((sel) => document.querySelector(sel)?.scrollIntoView({ block: "start" }), tid("report-counted"));
  await screenshot(browser, "report-options");

  // The export writes the report on screen: the same IROs, counted the same way.
  await clickExport(browser, tid("report-export-csv"));
  const name = "iro-annual-report-2025-26.csv";
  await browser.waitUntil(async () => readdirSync(exportDir).includes(name), { timeout: 15_000 });
  await browser.waitUntil(
    async () => (await browser.execute((sel) => Array.from(document.querySelectorAll(sel)).some((t) => /report \(CSV\)/.test(t.textContent ?? "")), tid("toast"))),
    { timeout: 15_000 },
  );
  const exported = csvFigures(join(exportDir, name));
  assert.deepEqual(exported, cliFigures(2025, [...iroArgs, "--pn4-not-participation"]), "the CSV export is the report on screen");

  // Reset to defaults: options null again, PN4 counts.
  await click(browser, tid("report-options-reset"));
  await (await browser.$(tid("report-options-changed"))).waitForExist({ reverse: true, timeout: 5_000 });
  await reportReady(2025);
  assert.equal(await (await find(browser, tid("report-option-pn4"))).isSelected(), true);
  assert.equal(await (await find(browser, participation)).getText(), before);
  await checkAgainstCli(2025, iroArgs);
});

test("a child protection report shows child protection and its disputes only, as the CLI's --plans cp", async () => {
  await chooseAllIros();
  await reportReady(2025);
  if (!(await (await browser.$(tid("report-options"))).isExisting())) await click(browser, tid("report-options-toggle"));
  await fill(browser, "report-option-scope", "cp");
  await find(browser, tid("report-options-changed"));
  await reportReady(2025);
  await browser.waitUntil(async () => (await sectionCharts()).map(([id]) => id).join() === "cp,disputes", { timeout: 15_000 });
  await checkAgainstCli(2025, ["--plans", "cp"]);
  const shown = await shownFigures();
  assert.ok(shown.has("disputes.about_cp_plans"));
  assert.ok(!shown.has("disputes.about_care_plans"), "no care-plan disputes");
  const choices = await (await find(browser, tid("report-choices"))).getText();
  assert.match(choices, /child protection only/);
  await browser.execute(() => document.getElementById("main")?.scrollTo(0, 0));
  await screenshot(browser, "report-cp-only");
  await click(browser, tid("report-options-reset"));
  await reportReady(2025);
});
