// Issue 12 in the real window, an LA's own report: the IRO chooses a CSV that is no SSDA903 table,
// the Import screen asks which of its columns holds what, a mapping without the child's id is
// refused with the reason, the known-good mapping is saved, the preview shows the two children,
// and they are imported. A new session of the app (the same config folder) finds the mapping saved
// for that source: the same report previews without the form. "Choose files…" takes the file
// from the --import-files launch option (WebDriver cannot drive the native dialog).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { launch, tempDir, tid, find, ready, click, fill, screenshot, unlockCaseload, TEST_PASSPHRASE } from "../lib/app.js";

const DATA = resolve(import.meta.dirname, "../../data/import");
const REPORT = join(DATA, "la-report.csv");
const KNOWN_GOOD = JSON.parse(readFileSync(join(DATA, "la-report.mapping.json"), "utf8")).columns;
const AS_OF = "2026-11-23";

let browser;
let db;

/** An empty caseload that belongs to one IRO. */
function seed(path) {
  const changes = join(tempDir("import-mapping-seed"), "changes.json");
  writeFileSync(
    changes,
    JSON.stringify([
      { op: "add_iro", id: 1, name: "Test Chair" },
      { op: "set_settings", settings: { owner: 1 } },
    ]),
  );
  execFileSync(process.env.CASELOAD_BIN, ["--db", path, "apply", changes, "--as-of", AS_OF], {
    env: { ...process.env, CASELOAD_PASSPHRASE: TEST_PASSPHRASE },
  });
}

async function start() {
  ({ browser } = await launch(["--db", db, "--today", AS_OF, "--import-files", REPORT]));
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
}

async function chooseReport() {
  await click(browser, tid("nav-import"));
  await ready(browser, "import-screen");
  await click(browser, tid("import-choose"));
}

async function tile(id) {
  return Number(await (await find(browser, `${tid(id)} dd`)).getText());
}

async function previewReady() {
  await find(browser, tid("import-preview"));
  await browser.waitUntil(async () => (await (await browser.$(tid("import-preview"))).getAttribute("aria-busy")) === "false");
}

/** The form's selects, by our field id (`child_id` → `mapping-child-id`). */
const select = (field) => `mapping-${field.replaceAll("_", "-")}`;

before(async () => {
  db = join(tempDir("import-mapping"), "store.sqlite3");
  seed(db);
  await start();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("an LA's own report asks which column holds what; a mapping without the child's id is refused", async () => {
  await chooseReport();
  const form = await find(browser, tid("mapping-form"));
  assert.match(await form.getText(), /Which column holds what in la-report\.csv\?/);
  assert.equal(await browser.$(tid("load-error")).isExisting(), false, "the form, not the refusal, is shown");
  await screenshot(browser, "import-mapping-form");

  await fill(browser, select("child_id"), "");
  await click(browser, tid("mapping-save"));
  const error = await find(browser, tid("mapping-error"));
  assert.match(await error.getText(), /Choose the column that holds the Child ID/);
  await error.scrollIntoView({ block: "center" });
  await screenshot(browser, "import-mapping-refused");
});

test("the columns mapped and saved, the preview shows the two children, and they are imported", async () => {
  const fields = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="mapping-form"] select[id^="mapping-"]'))
      .map((el) => el.id)
      .filter((id) => id !== "mapping-date-format"),
  );
  assert.equal(fields.length, 19, "every field we read has a select");
  for (const id of fields) {
    const field = id.replace(/^mapping-/, "").replaceAll("-", "_");
    await fill(browser, id, KNOWN_GOOD[field] ?? "");
  }
  await fill(browser, "mapping-date-format", "day_month_year");
  const unused = await find(browser, tid("mapping-unused"));
  assert.equal(await unused.getText(), "Not read: Team.");
  await click(browser, tid("mapping-save"));

  await previewReady();
  assert.equal(await browser.$(tid("mapping-form")).isExisting(), false);
  assert.equal(await tile("import-new"), 2, "LA-01 and LA-02");
  assert.equal(await tile("import-skipped"), 0);
  assert.equal(await (await find(browser, tid("import-mapped"))).getText(), "Columns mapped");
  await screenshot(browser, "import-mapping-preview");

  await click(browser, tid("import-commit"));
  const done = await find(browser, tid("import-done"));
  assert.match(await done.getText(), /2 new children/);
});

test("a new session finds the mapping saved for that report: no form, and nothing new to import", async () => {
  await browser.deleteSession().catch(() => {});
  await start();
  await chooseReport();
  await previewReady();
  assert.equal(await browser.$(tid("mapping-form")).isExisting(), false, "the saved mapping is used");
  assert.equal(await tile("import-new"), 0);
  assert.equal(await tile("import-unchanged"), 2);
  assert.equal(await (await find(browser, tid("import-mapped"))).getText(), "Columns mapped");

  // The saved mapping can be looked at again, as it was saved.
  await click(browser, tid("import-map-columns"));
  await find(browser, tid("mapping-form"));
  const chosen = await browser.execute(() => document.querySelector('[data-testid="mapping-child-id"]').value);
  assert.equal(chosen, "Child ID");
  await click(browser, tid("mapping-cancel"));
  await previewReady();
});
