// Service-wide figures (issue 17, part 3), in the real window. Three of the demo's four IROs
// export their figures with the CLI (`caseload figures export`); the service manager opens the
// service figures with the service passphrase, adds the three files, and sees each IRO's file
// with the day it was made (the fourth IRO, who has children in the year, flagged missing) and
// the service report, whose every count is what `caseload service report --json` says for the
// same files, saved as PDF. From the Annual report, an
// IRO exports this caseload's figures for the year into the export folder. On an encrypted
// caseload, locking closes the service figures too, and a wrong service passphrase is refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, fill, click, clickExport, screenshot, attrs, firstRun, ready, unlockCaseload } from "../lib/app.js";

const AS_OF = "2026-11-23";
const SERVICE = "service passphrase 2026";
let browser;
let work;
let exportDir;
let files;

function cli(args, env = {}) {
  return execFileSync(process.env.CASELOAD_BIN, args, {
    encoding: "utf8",
    env: { ...process.env, CASELOAD_SERVICE_PASSPHRASE: SERVICE, ...env },
  });
}

before(async () => {
  work = tempDir("service");
  exportDir = tempDir("service-export");
  const demo = join(work, "iros.sqlite3");
  cli(["--db", demo, "demo", "--as-of", AS_OF]);
  files = ["Quill", "Inkwell", "Ledgerby"].map((iro) => {
    const file = join(work, `${iro}.iro-figures`);
    cli(["--db", demo, "figures", "export", "--year", "2025", "--iro", iro, "--as-of", "2026-04-20", "--output", file]);
    return file;
  });
  ({ browser } = await launch([
    "--demo",
    "--db",
    join(work, "manager.sqlite3"),
    "--today",
    AS_OF,
    "--export-dir",
    exportDir,
    "--import-files",
    files.join(":"),
  ]));
  await find(browser, tid("nav-service"), 60_000);
});

after(async () => {
  await browser?.deleteSession();
});

test("the service manager adds three IROs' files and sees the service report the CLI computes", async () => {
  await click(browser, tid("nav-service"));
  await find(browser, tid("service-open-form"));
  // The first opening makes the service store under the service passphrase.
  await screenshot(browser, "service-open");
  await fill(browser, "service-passphrase", SERVICE);
  await click(browser, tid("service-open"));
  await find(browser, tid("service-empty"));
  await click(browser, tid("service-add-files"));
  await find(browser, `${tid("service-screen")}[data-ready="true"] ${tid("service-files")}`, 30_000);

  const rows = await attrs(browser, tid("service-file"), ["data-iro", "data-standing"]);
  assert.equal(rows.length, 4, JSON.stringify(rows));
  assert.equal(rows.filter((r) => r["data-standing"] === "included").length, 3, JSON.stringify(rows));
  assert.equal(rows.filter((r) => r["data-standing"] === "missing").length, 1, JSON.stringify(rows));

  const expected = JSON.parse(cli(["service", "report", "--year", "2025", "--as-of", AS_OF, "--json", ...files]));
  const want = new Map(
    expected.report.sections.flatMap((s) => s.figures).map((f) => [f.id, f]),
  );
  const shown = await browser.execute((sel) =>
    Array.from(document.querySelectorAll(sel)).map((tr) => [
      tr.getAttribute("data-figure"),
      tr.querySelector('[data-testid="report-this"]')?.textContent?.trim() ?? null,
    ]),
  tid("report-figure"));
  assert.ok(shown.length > 50, `the service report has its figures (${shown.length})`);
  assert.deepEqual(shown.map(([id]) => id).sort(), [...want.keys()].sort(), "the CLI's figures");
  // Every count on screen is the CLI's count for the same files.
  let counts = 0;
  for (const [id, text] of shown) {
    const v = want.get(id).this_period;
    if (v.kind !== "count") continue;
    assert.equal(text, String(v.n), id);
    counts++;
  }
  assert.ok(counts > 20, `counts compared: ${counts}`);
  const children = shown.find(([id]) => id === "lac.children_during_year");
  assert.ok(children && Number(children[1]) > 100, `children counted: ${children}`);
  await screenshot(browser, "service-report");
  // Saved as PDF for the panel: into the export folder.
  await clickExport(browser, tid("service-export-pdf"));
  await browser.waitUntil(() => readdirSync(exportDir).some((f) => f.startsWith("service-") && f.endsWith(".pdf")), {
    timeout: 30_000,
    timeoutMsg: "no service report PDF in the export folder",
  });
  const pdf = readdirSync(exportDir).find((f) => f.startsWith("service-") && f.endsWith(".pdf"));
  assert.equal(readFileSync(join(exportDir, pdf)).subarray(0, 5).toString(), "%PDF-");
  const table = await find(browser, tid("service-files"));
  await table.scrollIntoView({ block: "start" });
  await screenshot(browser, "service-report-files");
});

test("an IRO exports this caseload's figures for the service from the Annual report", async () => {
  await click(browser, tid("nav-report"));
  await find(browser, `${tid("report-screen")}[data-ready="true"]`, 30_000);
  await click(browser, tid("report-export-figures"));
  await find(browser, tid("figures-export-form"));
  await fill(browser, "figures-passphrase", SERVICE);
  await fill(browser, "figures-again", "a different passphrase");
  await click(browser, tid("figures-save"));
  await find(browser, tid("figures-error"));
  await screenshot(browser, "service-export-figures");
  await fill(browser, "figures-again", SERVICE);
  await click(browser, tid("figures-save"));
  await browser.waitUntil(() => readdirSync(exportDir).some((f) => f.endsWith(".iro-figures")), {
    timeout: 15_000,
    timeoutMsg: "no figures file in the export folder",
  });
  const made = readdirSync(exportDir).find((f) => f.endsWith(".iro-figures"));
  const back = JSON.parse(cli(["service", "report", "--year", "2025", "--as-of", AS_OF, "--json", join(exportDir, made)]));
  const mine = back.files.find((f) => f.file !== null);
  assert.equal(mine.file.made_on, AS_OF);
  assert.deepEqual([mine.file.from, mine.file.to], ["2025-04-01", "2026-03-31"]);
});

test("locking closes the service figures; a wrong service passphrase is refused and the right one opens them", async () => {
  await browser.deleteSession();
  const own = tempDir("service-own");
  ({ browser } = await launch(["--db", join(own, "caseload.sqlite3"), "--today", AS_OF, "--import-files", files[0]]));
  await firstRun(browser, "Test Service Manager");
  await click(browser, tid("nav-service"));
  await fill(browser, "service-passphrase", SERVICE);
  await click(browser, tid("service-open"));
  await find(browser, tid("service-empty"));
  await click(browser, tid("service-add-files"));
  await find(browser, `${tid("service-screen")}[data-ready="true"] ${tid("service-files")}`, 30_000);

  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await click(browser, tid("lock-now"));
  await unlockCaseload(browser);
  await ready(browser, "settings-screen");
  await click(browser, tid("nav-service"));
  await find(browser, tid("service-open-form"));
  await fill(browser, "service-passphrase", "not the service passphrase");
  await click(browser, tid("service-open"));
  const err = await find(browser, tid("service-passphrase-error"));
  assert.match(await err.getText(), /service passphrase does not open the service figures/);
  await screenshot(browser, "service-wrong-passphrase");
  await fill(browser, "service-passphrase", SERVICE);
  await click(browser, tid("service-open"));
  // The file added before the lock is still there.
  await browser.waitUntil(async () => (await browser.$$(tid("service-file"))).length > 0, { timeout: 30_000, timeoutMsg: "the files were kept" });
});
