// Issue 12 in the real window: the IRO imports an SSDA903 return (header, episodes, reviews) and
// a CIN census file, looks at the preview (what is new, the rows not used, the ICPC target the
// census states against the one counted here), commits, finds the children's warnings on Today,
// and imports the same files again: nothing changes. "Choose files…" takes the files from the
// --import-files launch option (WebDriver cannot drive the native dialog).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { launch, tempDir, tid, find, ready, click, screenshot, attrs, unlockCaseload, TEST_PASSPHRASE } from "../lib/app.js";

const DATA = resolve(import.meta.dirname, "../../data/import");
const FILES = ["903/header.csv", "903/episodes.csv", "903/reviews.csv", "cin.xml"].map((f) => join(DATA, f));

let browser;
let db;

/** An empty caseload that belongs to one IRO. */
function seed(path) {
  const changes = join(tempDir("import-seed"), "changes.json");
  writeFileSync(
    changes,
    JSON.stringify([
      { op: "add_iro", id: 1, name: "Test Chair" },
      { op: "set_settings", settings: { owner: 1 } },
    ]),
  );
  execFileSync(process.env.CASELOAD_BIN, ["--db", path, "apply", changes, "--as-of", "2026-11-23"], {
    env: { ...process.env, CASELOAD_PASSPHRASE: TEST_PASSPHRASE },
  });
}

async function tile(id) {
  return Number(await (await find(browser, `${tid(id)} dd`)).getText());
}

async function openPreview() {
  await click(browser, tid("nav-import"));
  await ready(browser, "import-screen");
  await click(browser, tid("import-choose"));
  await find(browser, tid("import-preview"));
  await browser.waitUntil(async () => (await (await browser.$(tid("import-preview"))).getAttribute("aria-busy")) === "false");
}

before(async () => {
  db = join(tempDir("import"), "store.sqlite3");
  seed(db);
  ({ browser } = await launch(["--db", db, "--today", "2026-11-23", "--import-files", FILES.join(delimiter)]));
  await unlockCaseload(browser);
  await ready(browser, "today-screen");
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("the preview says what would change and writes nothing", async () => {
  await openPreview();
  assert.equal(await tile("import-new"), 5, "three looked-after children and two from the census");
  assert.equal(await tile("import-skipped"), 0);
  const disagreement = await find(browser, tid("import-disagreement"));
  assert.match(await disagreement.getText(), /Child C2001: initial conference target: the file says Thu 25 Sep 2025, counted here Wed 24 Sep 2025/);
  const outcomes = await attrs(browser, tid("import-child"), ["data-outcome"]);
  assert.equal(outcomes.length, 5);
  await screenshot(browser, "import-preview");
  // Nothing written yet: the caseload is empty.
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  assert.equal((await browser.$$(tid("caseload-row"))).length, 0);
});

test("importing brings the children in, with their warnings on Today", async () => {
  await openPreview();
  await click(browser, tid("import-commit"));
  const done = await find(browser, tid("import-done"));
  assert.match(await done.getText(), /5 new children/);
  await screenshot(browser, "import-done");
  await click(browser, tid("nav-today"));
  await ready(browser, "today-screen");
  const today = await (await find(browser, tid("today-screen"))).getText();
  // The unborn child's s47 of 4 Nov 2026 has no conference yet.
  assert.match(today, /Child C2002/);
  await screenshot(browser, "import-today");
});

test("importing the same files again changes nothing", async () => {
  await openPreview();
  assert.equal(await tile("import-new"), 0);
  assert.equal(await tile("import-unchanged"), 5);
  const commit = await find(browser, tid("import-commit"));
  assert.equal(await commit.isEnabled(), false);
  assert.equal(await commit.getText(), "Nothing to import");
});
