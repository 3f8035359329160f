// Retention on the demo caseload: a short retention is set in Settings, a closed case it puts
// past retention is listed, chosen and deleted after a confirmation that names the child; the child is then
// gone from the caseload, and the audit trail shows the tombstone, which names no one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, tempDir, tid, find, ready, fill, click, screenshot, attrs, submit, dialogClosed } from "../lib/app.js";

const AS_OF = "2026-11-23";
let browser;
let child;

before(async () => {
  const db = join(tempDir("retention"), "demo.sqlite3");
  ({ browser } = await launch(["--demo", "--db", db, "--today", AS_OF]));
  await ready(browser, "today-screen", 60_000);
});

after(async () => {
  await browser?.deleteSession();
});

async function settings() {
  await click(browser, tid("nav-settings"));
  await ready(browser, "settings-screen");
  await find(browser, tid("retention-summary"));
}

/** The caseload of every IRO, searched for the child's name: the rows shown. */
async function caseloadRowsNamed(name) {
  await click(browser, tid("nav-caseload"));
  await ready(browser, "caseload-screen");
  await fill(browser, "iro-select", "all");
  await ready(browser, "caseload-screen");
  await fill(browser, "search", name);
  await browser.pause(300);
  return attrs(browser, tid("caseload-row"), ["data-child-id"]);
}

test("a short retention lists the closed cases past it", async () => {
  await settings();
  const dueIds = async () =>
    (await attrs(browser, tid("retention-row"), ["data-child", "data-due"])).filter((r) => r["data-due"] === "true").map((r) => r["data-child"]);
  const listed = await attrs(browser, tid("retention-row"), ["data-child"]);
  const dueBefore = await dueIds();
  assert.ok(listed.length > dueBefore.length, "the demo has closed cases not yet past the default 12 months");

  await fill(browser, "field-retention_months", "1");
  await click(browser, tid("save-retention"));
  await browser.waitUntil(async () => (await dueIds()).length > dueBefore.length, {
    timeout: 10_000,
    timeoutMsg: "no more cases were listed past a retention of 1 month",
  });
  const newlyDue = (await dueIds()).filter((id) => !dueBefore.includes(id));
  const due = await browser.$(`${tid("retention-row")}[data-child="${newlyDue[0]}"]`);
  child = {
    id: newlyDue[0],
    name: await (await due.$("th")).getText(),
  };
  await due.scrollIntoView({ block: "center" });
  await screenshot(browser, "retention-list");
  assert.deepEqual(
    (await caseloadRowsNamed(child.name)).map((r) => r["data-child-id"]),
    [child.id],
    "the child is in the caseload before",
  );
});

test("deleting asks first, naming the child, and nothing is deleted on Cancel", async () => {
  await settings();
  const erase = await find(browser, tid("erase-chosen"));
  assert.equal(await erase.isEnabled(), false, "nothing chosen, nothing to delete");
  await click(browser, `${tid("retention-row")}[data-child="${child.id}"] ${tid("retention-choose")}`);
  await click(browser, tid("erase-chosen"));
  await find(browser, tid("form-dialog"));
  const names = await browser.$$(tid("erase-name"));
  assert.equal(names.length, 1);
  assert.ok((await names[0].getText()).includes(child.name));
  await screenshot(browser, "retention-confirm");
  await click(browser, tid("form-cancel"));
  await dialogClosed(browser);
  assert.ok((await attrs(browser, `${tid("retention-row")}[data-child="${child.id}"]`, ["data-due"])).length === 1);
});

test("confirmed, the child is deleted from the caseload and the trail keeps a tombstone", async () => {
  await click(browser, tid("erase-chosen"));
  await find(browser, tid("form-dialog"));
  await submit(browser);
  await dialogClosed(browser);
  await browser.waitUntil(
    async () => (await attrs(browser, `${tid("retention-row")}[data-child="${child.id}"]`, ["data-due"])).length === 0,
    { timeout: 10_000, timeoutMsg: "the deleted child is still listed" },
  );
  assert.deepEqual(await caseloadRowsNamed(child.name), [], "the child is gone from the caseload");

  await click(browser, tid("nav-audit"));
  await ready(browser, "audit-screen");
  const rows = await attrs(browser, tid("audit-row"), ["data-op", "data-child-id"]);
  assert.equal(rows[0]["data-op"], "erase_child");
  assert.equal(rows[0]["data-child-id"], "");
  await click(browser, `${tid("audit-row")} summary`);
  const detail = await find(browser, `${tid("audit-row")} details[open] table`);
  const text = await (await browser.$(tid("audit-row"))).getText();
  assert.ok(text.includes("Deleted a record past retention"), text);
  assert.ok((await detail.getText()).includes("1 child record"), await detail.getText());
  assert.ok(!text.includes(child.name), "the tombstone names no one");
  await screenshot(browser, "retention-tombstone");
});
