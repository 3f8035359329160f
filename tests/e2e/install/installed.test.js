// The app as a package installs it (tests/install/run.sh unpacks the .deb and points APP_BIN and
// CASELOAD_BIN into that root): it starts on the demo, its window is titled, its Today screen is
// ready, and its Settings screen shows the same version as the installed `caseload --version`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, click } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;

before(async () => {
  assert.match(process.env.APP_BIN ?? "", /\/usr\/bin\/iro-caseload$/, "APP_BIN is the unpacked package's app");
  const db = join(tempDir("installed"), "demo.sqlite3");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF]));
});

after(async () => {
  await browser?.deleteSession();
});

test("the installed app starts on the demo, titled, with its Today screen ready", async () => {
  await ready(browser, "today-screen", 60_000);
  assert.equal(await browser.getTitle(), "Today — IRO Caseload (DEMO)");
});

test("its Settings screen shows the version the installed command line prints", async () => {
  const printed = execFileSync(process.env.CASELOAD_BIN, ["--version"], { encoding: "utf8" }).trim();
  const version = printed.replace(/^caseload /, "");
  assert.match(version, /^\d+\.\d+\.\d+$/, `caseload --version printed ${printed}`);
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  const store = await find(browser, '[aria-label="The store"]');
  assert.match(await store.getText(), new RegExp(`Version\\s*${version.replaceAll(".", "\\.")}$`, "i"));
});
