// Handover between two IROs' stores in the real window (issue 17): the sender chooses two
// children of the demo caseload, saves the bundle, reads its one-time passphrase and marks them
// transferred out; the receiver, on a new encrypted caseload, is refused a wrong passphrase,
// previews and imports the bundle, and finds the children in their caseload. Then a cover pack
// made by the sender opens read-only under its banner and is removed in one click.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, attrs, firstRun } from "../lib/app.js";

const AS_OF = "2026-11-23";
const TO = "Test IRO Receiving";
const exportDir = tempDir("handover-out");
const bundle = join(exportDir, `handover-to-test-iro-receiving-${AS_OF}.caseload-handover`);
const cover = join(exportDir, `cover-pack-for-test-iro-receiving-${AS_OF}.caseload-cover`);
let browser;
let sent = [];
let passphrase;
let coverPassphrase;

after(async () => {
  await browser?.deleteSession();
});

async function handoverScreen() {
  await click(browser, tid("nav-handover"));
  await ready(browser, "handover-screen");
}

test("the sender saves a bundle of two children, sees its passphrase once, and marks them transferred out", async () => {
  const db = join(tempDir("handover-sender"), "demo.sqlite3");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF, "--export-dir", exportDir]));
  await ready(browser, "today-screen", 60_000);
  await handoverScreen();

  const boxes = await browser.$$(tid("send-child"));
  assert.ok(boxes.length > 10, "the demo's children are listed to choose from");
  sent = (await attrs(browser, tid("send-child"), ["data-ref"])).slice(0, 2).map((a) => a["data-ref"]);
  for (const ref of sent) await click(browser, `${tid("send-child")}[data-ref="${ref}"]`);
  await fill(browser, "send-to", TO);
  await click(browser, tid("send-export"));

  const shown = await find(browser, tid("send-passphrase"));
  passphrase = await shown.getAttribute("data-passphrase");
  assert.match(passphrase, /^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/);
  assert.ok(existsSync(bundle), `the bundle is at ${bundle}`);
  const transfer = await find(browser, tid("send-transfer"));
  assert.equal(await transfer.isEnabled(), false, "marking waits for the tick");
  await screenshot(browser, "handover-export");

  await click(browser, tid("send-given"));
  await click(browser, tid("send-transfer"));
  await browser.waitUntil(
    async () =>
      (await attrs(browser, `${tid("send-child")}[disabled]`, ["data-ref"])).map((a) => a["data-ref"]).sort().join() === [...sent].sort().join(),
    { timeout: 10_000, timeoutMsg: "the two children were not marked transferred out" },
  );
  await screenshot(browser, "handover-transferred-out");

  // Their record stays, read-only, saying so.
  const [first] = await attrs(browser, `${tid("send-child")}[data-ref="${sent[0]}"]`, ["data-child"]);
  await browser.execute((h) => (location.hash = h), `#/child/${first["data-child"]}`);
  await ready(browser, "child-screen");
  assert.match(await (await find(browser, tid("child-transferred-out"))).getText(), /^Transferred out to Test IRO Receiving on Mon 23 Nov 2026: this record is read-only here/);
  assert.equal((await browser.$$(tid("book-meeting"))).length, 0, "no write action is offered");
  await screenshot(browser, "handover-child-read-only");
  await handoverScreen();

  await fill(browser, "cover-to", TO);
  await fill(browser, "cover-weeks", "4");
  await click(browser, tid("cover-export"));
  coverPassphrase = await (await find(browser, tid("cover-passphrase"))).getAttribute("data-passphrase");
  assert.ok(existsSync(cover), `the cover pack is at ${cover}`);
  await browser.deleteSession();
  browser = undefined;
});

test("the receiver is refused a wrong passphrase, then previews and imports the children", async () => {
  const db = join(tempDir("handover-receiver"), "caseload.sqlite3");
  ({ browser } = await launch(["--db", db, "--today", AS_OF, "--import-files", `${bundle}:${cover}`]));
  await firstRun(browser, TO);
  await handoverScreen();

  await click(browser, tid("receive-choose"));
  await fill(browser, "receive-passphrase-input", coverPassphrase);
  await click(browser, tid("receive-preview"));
  const refused = await find(browser, tid("receive-error"));
  assert.match(await refused.getText(), /passphrase is wrong/i);
  await screenshot(browser, "handover-wrong-passphrase");

  await fill(browser, "receive-passphrase-input", passphrase.toLowerCase());
  await click(browser, tid("receive-preview"));
  await find(browser, tid("receive-table"));
  const rows = await attrs(browser, tid("receive-row"), ["data-outcome"]);
  assert.deepEqual(rows.map((r) => r["data-outcome"]), ["new", "new"]);
  assert.match(await (await find(browser, tid("receive-summary"))).getText(), /^Would import .* 2 new, 0 merged/);
  await screenshot(browser, "handover-preview");

  await click(browser, tid("receive-import"));
  await browser.waitUntil(async () => (await (await browser.$(tid("receive-summary"))).getText()).startsWith("Imported"), {
    timeout: 15_000,
    timeoutMsg: "the import did not finish",
  });
  await screenshot(browser, "handover-imported");

  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await fill(browser, "iro-select", "all");
  await ready(browser, "caseload-screen");
  const listed = await attrs(browser, tid("caseload-row"), ["data-child-id"]);
  assert.equal(listed.length, 2, "the two children are in the receiver's caseload");
});

test("a cover pack opens read-only under its banner and is removed in one click", async () => {
  await handoverScreen();
  await click(browser, tid("cover-file-choose"));
  await fill(browser, "cover-file-passphrase-input", coverPassphrase);
  await click(browser, tid("cover-open-button"));
  const banner = await find(browser, tid("cover-banner"));
  await banner.scrollIntoView({ block: "end" });
  assert.match(await banner.getText(), /read-only/);
  assert.match(await banner.getText(), /until Sun 20 Dec 2026/);
  assert.ok((await browser.$$(tid("cover-child"))).length > 0);
  await screenshot(browser, "handover-cover-pack");

  await click(browser, tid("cover-remove"));
  await (await browser.$(tid("cover-banner"))).waitForExist({ reverse: true, timeout: 10_000 });
  assert.equal(existsSync(cover), false, "the cover pack's file is gone");
});
