// The About screen's licence list, as the user narrows it: Rust grouped the packages by licence
// and sent each text once; here the groups are matched against what was typed (a package's
// name, version or declared licence, or the licence's id or name), made searchable once.

import type { LicenceGroup, LicencesView, LicensedPackage } from "./api";
import { normalisedQuery, plural, searchText, searchTextHas } from "./format/text";

/** A package with its search text, made once. */
export interface FindablePackage {
  package: LicensedPackage;
  text: string;
}

/** A licence group with its packages made searchable. */
export interface FindableGroup {
  group: LicenceGroup;
  /** The licence's id and name, lower case. */
  text: string;
  packages: FindablePackage[];
}

/** A group as shown: the packages that match (all of them when the licence itself matches). */
export interface ShownGroup {
  group: LicenceGroup;
  packages: LicensedPackage[];
}

/** What the list shows for a query. */
export interface ShownLicences {
  groups: ShownGroup[];
  /** Packages shown, over every group (a package under two licences counts twice). */
  shown: number;
}

/** The groups with their search texts, made when the view arrives. */
export function findable(view: LicencesView): FindableGroup[] {
  return view.groups.map((group) => ({
    group,
    text: searchText([group.id, group.name]),
    packages: group.packages.map((p) => ({ package: p, text: searchText([p.name, p.version, p.declared]) })),
  }));
}

/** The groups and packages that match what was typed ("" shows everything). */
export function matching(groups: FindableGroup[], query: string): ShownLicences {
  const q = normalisedQuery(query);
  const shown: ShownGroup[] = [];
  for (const g of groups) {
    const packages = searchTextHas(g.text, q) ? g.packages : g.packages.filter((p) => searchTextHas(p.text, q));
    if (packages.length > 0) shown.push({ group: g.group, packages: packages.map((p) => p.package) });
  }
  return { groups: shown, shown: shown.reduce((n, g) => n + g.packages.length, 0) };
}

/** "399 Rust crates and 3 npm packages, under 8 licences". */
export function licencesSummary(view: LicencesView): string {
  const parts = [];
  if (view.n_crates > 0) parts.push(plural(view.n_crates, "Rust crate"));
  if (view.n_npm > 0) parts.push(plural(view.n_npm, "npm package"));
  if (parts.length === 0) return "No third-party packages are listed.";
  return `${parts.join(" and ")}, under ${plural(view.groups.length, "licence")}.`;
}

/** A package's licence text: its texts under this licence, one after another. */
export function licenceText(view: LicencesView, pkg: LicensedPackage): string {
  return pkg.texts.map((i) => view.texts[i] ?? "").join("\n\n——\n\n");
}
