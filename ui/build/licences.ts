// The third-party licence lists the UI build puts among the window's assets, in dist/licences/
// (Tauri embeds them with the rest of dist/; the desktop's `get_licences` reads them back):
// - rust.json: cargo-about's JSON of the crates the app and the CLI ship (scripts/setup.sh
//   writes one file per binary to ui/generated/licences/ before this build), merged and
//   trimmed to what the About screen shows. The rest (each crate's whole cargo metadata, the
//   build machine's paths) would make the embedded file ten times larger and the binary
//   depend on where it was built.
// - npm.json: the npm packages whose code is in the bundle, from rollup-plugin-license.
// Build-time code (Node), not part of the window.

/** The part of cargo-about's `--format json` output the About screen reads. */
export interface CargoAboutList {
  licenses: Array<{
    id: string;
    name: string;
    text: string;
    used_by: Array<{ crate: { name: string; version: string; license?: string | null } }>;
  }>;
}

/** A dependency as rollup-plugin-license describes it (the fields read here). */
export interface BundledDependency {
  name: string | null;
  version: string | null;
  license: string | null;
  licenseText: string | null;
  noticeText: string | null;
}

/** cargo-about's lists (one per shipped binary) as one, keeping only what is shown. */
export function trimCargoAbout(lists: CargoAboutList[]): CargoAboutList {
  return {
    licenses: lists.flatMap((list) =>
      list.licenses.map((l) => ({
        id: l.id,
        name: l.name,
        text: l.text,
        used_by: l.used_by.map((u) => ({
          crate: { name: u.crate.name, version: u.crate.version, license: u.crate.license ?? null },
        })),
      })),
    ),
  };
}

/** The bundled npm packages as the desktop's reader takes them: name, version, licence, text. */
export function npmLicences(dependencies: BundledDependency[]): {
  packages: Array<{ name: string; version: string; license: string; license_text: string }>;
} {
  const packages = dependencies
    .map((d) => ({
      name: d.name ?? "",
      version: d.version ?? "",
      license: d.license ?? "",
      license_text: [d.licenseText, d.noticeText]
        .filter((t): t is string => t !== null && t.trim() !== "")
        .join("\n\n"),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "en") || a.version.localeCompare(b.version, "en"));
  return { packages };
}
