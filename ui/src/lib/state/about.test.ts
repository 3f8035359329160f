import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import type { AboutView, LicencesView } from "../api";
import { AboutState } from "./about.svelte";

afterEach(() => clearMocks());

const about: AboutView = {
  version: "0.9.0",
  built_on: "2026-12-04",
  demo: false,
  places: [{ kind: "store", label: "Caseload", path: "/home/iro/caseload.sqlite3", note: "Your caseload, encrypted." }],
};

const licences: LicencesView = {
  n_crates: 2,
  n_npm: 0,
  groups: [
    {
      id: "MIT",
      name: "MIT License",
      packages: [
        { name: "rusqlite", version: "0.37.0", source: "crate", declared: "MIT", texts: [0] },
        { name: "tauri", version: "2.12.5", source: "crate", declared: "Apache-2.0 OR MIT", texts: [1] },
      ],
    },
  ],
  texts: ["rusqlite MIT", "tauri MIT"],
  problems: [],
  how_to_make: null,
};

describe("AboutState", () => {
  test("loads the build, the files and the licences together, as sent", async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === "get_about") return about;
      if (cmd === "get_licences") return licences;
      throw new Error(`unexpected ${cmd}`);
    });
    const s = new AboutState();
    await s.load();
    expect(asked.sort()).toEqual(["get_about", "get_licences"]);
    expect(s.ready).toBe(true);
    expect(s.view).toEqual({ about, licences });
    expect(s.shown.shown).toBe(2);
    s.query = "rusq";
    expect(s.shown.groups.map((g) => g.packages.map((p) => p.name))).toEqual([["rusqlite"]]);
  });

  test("a failed load keeps the error for the screen", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_about") throw { kind: "storage", message: "The store could not be read." };
      return licences;
    });
    const s = new AboutState();
    await s.load();
    expect(s.view).toBeNull();
    expect(s.error?.message).toBe("The store could not be read.");
    expect(s.shown).toEqual({ groups: [], shown: 0 });
  });
});
