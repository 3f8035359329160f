/// <reference types="node" />
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { npmLicences, trimCargoAbout, type CargoAboutList } from "./licences.ts";

// The fixtures the Rust reader's tests read too (crates/caseload-interop/tests/interop/licences.rs):
// cargo-about's own output for three crates, and what the UI build makes of it.
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../tests/data/licences/${name}`, import.meta.url), "utf8"));

describe("the crates' licence list", () => {
  test("keeps each licence's id, name and text and each crate's name, version and licence", () => {
    const full = fixture("cargo-about.json") as CargoAboutList;
    expect(trimCargoAbout([full])).toEqual(fixture("rust.json"));
  });

  test("puts the lists of the app and of the command line together", () => {
    const full = fixture("cargo-about.json") as CargoAboutList;
    const both = trimCargoAbout([full, full]);
    expect(both.licenses).toHaveLength(2 * full.licenses.length);
    expect(JSON.stringify(both)).not.toContain("manifest_path");
  });
});

describe("the npm packages' licence list", () => {
  test("gives name, version, licence and text (with any notice), sorted by name", () => {
    const listed = npmLicences([
      { name: "svelte", version: "5.57.3", license: "MIT", licenseText: "MIT text", noticeText: null },
      { name: "@tauri-apps/api", version: "2.12.5", license: "Apache-2.0 OR MIT", licenseText: "Apache text", noticeText: "NOTICE" },
    ]);
    expect(listed).toEqual({
      packages: [
        { name: "@tauri-apps/api", version: "2.12.5", license: "Apache-2.0 OR MIT", license_text: "Apache text\n\nNOTICE" },
        { name: "svelte", version: "5.57.3", license: "MIT", license_text: "MIT text" },
      ],
    });
  });

  test("a package without a licence file is listed with an empty text, not left out", () => {
    const listed = npmLicences([{ name: "bare", version: "1.0.0", license: "ISC", licenseText: null, noticeText: "  " }]);
    expect(listed.packages).toEqual([{ name: "bare", version: "1.0.0", license: "ISC", license_text: "" }]);
  });
});
