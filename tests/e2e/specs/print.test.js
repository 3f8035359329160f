// Printing from the demo: the child record and a meeting's preparation pack saved as A4 PDFs
// (WebKit draws no page numbers and its WebDriver has no print command, so the app renders the
// pages itself). Each page carries the DEMO mark, the protective marking and "Page i of n", and
// nothing of the window's navigation; the pages are rendered to PNG in $SCREENSHOTS to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, ready, clickExport, SCREENSHOTS } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;
let db;
let exportDir;

before(async () => {
  db = join(tempDir("print"), "demo.sqlite3");
  exportDir = tempDir("print-export");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF, "--export-dir", exportDir]));
  await ready(browser, "today-screen", 60_000);
});

after(async () => {
  await browser?.deleteSession();
});

/** The newest PDF in the export folder, once written. */
async function newPdf(before) {
  let name;
  await browser.waitUntil(
    () => {
      name = readdirSync(exportDir).find((f) => f.endsWith(".pdf") && !before.includes(f));
      return name !== undefined;
    },
    { timeout: 15_000, timeoutMsg: "no PDF was written" },
  );
  return join(exportDir, name);
}

/** The text of each page of a PDF. */
function pages(pdf) {
  return execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim() !== "");
}

function checkPages(pdf, title, label) {
  const text = pages(pdf);
  assert.ok(text.length >= 1, "at least one page");
  text.forEach((page, i) => {
    assert.match(page, /DEMO — SYNTHETIC DATA/, `page ${i + 1} carries the DEMO mark`);
    assert.match(page, /OFFICIAL-SENSITIVE: PERSONAL/, `page ${i + 1} carries the marking`);
    assert.match(page, new RegExp(`Page ${i + 1} of ${text.length}`), `page ${i + 1} is numbered`);
    assert.doesNotMatch(page, /Caseload of|Shortcuts|Annual report\s+Settings/, `page ${i + 1} has no navigation`);
  });
  assert.match(text[0], title);
  const size = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  assert.match(size, /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/, "A4 pages");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-l", "2", pdf, join(SCREENSHOTS, label)]);
}

function cli(...args) {
  return JSON.parse(execFileSync(process.env.CASELOAD_BIN, ["--db", db, ...args, "--json"], { encoding: "utf8" }));
}

test("the child record saved as PDF: A4 pages with the DEMO mark, the marking and page numbers", async () => {
  const w = cli("warnings", "--as-of", AS_OF).warnings.find((x) => x.child !== null && x.meeting !== null);
  await browser.execute((h) => (location.hash = h), `#/child/${w.child}`);
  await ready(browser, "child-screen");
  const name = await (await browser.$(tid("child-name"))).getText();
  const before = readdirSync(exportDir);
  await clickExport(browser, tid("save-child-pdf"));
  const pdf = await newPdf(before);
  checkPages(pdf, new RegExp(`${name.trim()}: child record`), "print-child");
});

test("a meeting's preparation pack saved as PDF carries the same marks", async () => {
  const w = cli("warnings", "--as-of", AS_OF).warnings.find((x) => x.kind === "booked_in_time" && x.meeting !== null);
  await browser.execute((h) => (location.hash = h), `#/meeting/${w.meeting}`);
  await ready(browser, "record-screen");
  const before = readdirSync(exportDir);
  await clickExport(browser, tid("export-pack-pdf"));
  const pdf = await newPdf(before);
  checkPages(pdf, /Preparation pack/, "print-pack");
});

test("a subject-access export from the child record: JSON, PDF and Word of that child only", async () => {
  const w = cli("warnings", "--as-of", AS_OF).warnings.find((x) => x.child !== null);
  await browser.execute((h) => (location.hash = h), `#/child/${w.child}`);
  await ready(browser, "child-screen");
  const name = (await (await browser.$(tid("child-name"))).getText()).trim();
  const before = readdirSync(exportDir);
  await browser.$(tid("subject-access")).then((b) => b.click());
  await browser.$(tid("form-dialog")).then((d) => d.waitForDisplayed());
  await clickExport(browser, tid("form-submit"));
  await browser.waitUntil(() => readdirSync(exportDir).filter((f) => f.includes("subject access") && !before.includes(f)).length === 3, {
    timeout: 15_000,
    timeoutMsg: "the three files were not written",
  });
  const files = readdirSync(exportDir).filter((f) => f.includes("subject access"));
  const json = JSON.parse(readFileSync(join(exportDir, files.find((f) => f.endsWith(".json"))), "utf8"));
  assert.equal(`${json.child.first_name} ${json.child.last_name}`, name);
  const others = cli("warnings", "--as-of", AS_OF).warnings.filter((x) => x.child !== null && x.child !== w.child && x.child_name !== name);
  const text = JSON.stringify(json);
  for (const o of others) assert.ok(!text.includes(o.child_name), `${o.child_name} is not in ${name}'s export`);
  const pdf = pages(join(exportDir, files.find((f) => f.endsWith(".pdf"))));
  assert.match(pdf[0], new RegExp(`Information held about ${name}`));
  assert.match(pdf[0], /DEMO — SYNTHETIC DATA/);
});
