import { describe, expect, test } from "vitest";
import type { LicencesView } from "./api";
import { findable, licencesSummary, licenceText, matching } from "./licences";

const view = (overrides: Partial<LicencesView> = {}): LicencesView => ({
  n_crates: 3,
  n_npm: 1,
  groups: [
    {
      id: "MIT",
      name: "MIT License",
      packages: [
        { name: "rusqlite", version: "0.37.0", source: "crate", declared: "MIT", texts: [0] },
        { name: "svelte", version: "5.57.3", source: "npm", declared: "MIT", texts: [1] },
        { name: "tauri", version: "2.12.5", source: "crate", declared: "Apache-2.0 OR MIT", texts: [2] },
      ],
    },
    {
      id: "Unicode-3.0",
      name: "Unicode License v3",
      packages: [{ name: "unicode-ident", version: "1.0.27", source: "crate", declared: "(MIT OR Apache-2.0) AND Unicode-3.0", texts: [3, 4] }],
    },
  ],
  texts: ["rusqlite MIT", "svelte MIT", "tauri MIT", "Unicode v3", "Unicode data"],
  problems: [],
  how_to_make: null,
  ...overrides,
});

const names = (query: string): string[][] =>
  matching(findable(view()), query).groups.map((g) => [g.group.id, ...g.packages.map((p) => p.name)]);

describe("the licence list", () => {
  test("with nothing typed, every group and package", () => {
    expect(names("")).toEqual([["MIT", "rusqlite", "svelte", "tauri"], ["Unicode-3.0", "unicode-ident"]]);
    expect(matching(findable(view()), "").shown).toBe(4);
  });

  test("a package's name, in any case and with stray spaces, keeps only the groups it is in", () => {
    expect(names("  TAURI ")).toEqual([["MIT", "tauri"]]);
    expect(names("sql")).toEqual([["MIT", "rusqlite"]]);
  });

  test("a declared licence finds the packages that declare it", () => {
    expect(names("apache-2.0")).toEqual([["MIT", "tauri"], ["Unicode-3.0", "unicode-ident"]]);
  });

  test("a licence's id or name keeps its whole group", () => {
    expect(names("unicode license")).toEqual([["Unicode-3.0", "unicode-ident"]]);
    expect(names("mit license")).toEqual([["MIT", "rusqlite", "svelte", "tauri"]]);
  });

  test("a version finds the package", () => {
    expect(names("5.57")).toEqual([["MIT", "svelte"]]);
  });

  test("nothing matching shows nothing", () => {
    expect(matching(findable(view()), "left-pad")).toEqual({ groups: [], shown: 0 });
  });
});

describe("the summary and the texts", () => {
  test("counts crates and npm packages and the licences they come under", () => {
    expect(licencesSummary(view())).toBe("3 Rust crates and 1 npm package, under 2 licences.");
    expect(licencesSummary(view({ n_npm: 0 }))).toBe("3 Rust crates, under 2 licences.");
    expect(licencesSummary(view({ n_crates: 0, n_npm: 0, groups: [] }))).toBe("No third-party packages are listed.");
  });

  test("a package's text, each of its texts under the licence in turn", () => {
    const v = view();
    const ident = v.groups[1]!.packages[0]!;
    expect(licenceText(v, ident)).toBe("Unicode v3\n\n——\n\nUnicode data");
    expect(licenceText(v, v.groups[0]!.packages[1]!)).toBe("svelte MIT");
  });
});
