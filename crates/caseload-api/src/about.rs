//! The About screen: what this build is (its version and build date, which the front end that
//! was built passes in), where the caseload's files are (the session's real paths), and the
//! licences of every third-party package the build ships, from the lists generated when it
//! was built (`caseload_interop::licences`).
//!
//! What it deliberately is not: a licence policy (cargo-about's `about.toml` decides which
//! licences are accepted), nor a reader of files: the front end hands over the generated lists'
//! bytes, or nothing when its build has none.

use std::collections::{BTreeMap, BTreeSet};

use caseload_interop::licences::{read_cargo_about, read_npm_licences, ShippedPackage};
use chrono::NaiveDate;
use serde::Serialize;

use crate::{ApiError, Session};

/// What a front end knows of its own build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    /// The version, the workspace's (`[workspace.package] version`).
    pub version: String,
    /// The day it was built (UTC; `SOURCE_DATE_EPOCH`'s day for a reproducible build).
    pub built_on: NaiveDate,
}

/// The About screen's first part: the build and the caseload's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AboutView {
    /// The version, e.g. "0.9.0".
    pub version: String,
    /// The day this build was made.
    pub built_on: NaiveDate,
    /// The synthetic demo caseload is open.
    pub demo: bool,
    /// Where the caseload's files are, in the order an IT officer looks for them.
    pub places: Vec<Place>,
}

/// One of the caseload's files or folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// The store file.
    Store,
    /// The key slots file beside it.
    KeyFile,
    /// The backups folder.
    Backups,
    /// The desktop's preferences file.
    Preferences,
}

/// Where one file or folder is, and what it is, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Place {
    /// Which.
    pub kind: PlaceKind,
    /// Its name on the screen: "Caseload", "Key file", "Backups", "Preferences".
    pub label: String,
    /// The path; none when there is no such file (a store without key slots).
    pub path: Option<String>,
    /// What it is, or why there is none.
    pub note: String,
}

impl Session {
    /// The About screen's build and files: the session's own paths, whether the caseload is
    /// open or locked.
    pub fn about(&self, build: &Build) -> Result<AboutView, ApiError> {
        let status = self.status()?;
        let store = self.store_path();
        let places = vec![
            Place {
                kind: PlaceKind::Store,
                label: "Caseload".to_string(),
                path: Some(store.display().to_string()),
                note: store_note(self.is_demo(), status.encrypted).to_string(),
            },
            key_file_place(store, self.is_demo()),
            Place {
                kind: PlaceKind::Backups,
                label: "Backups".to_string(),
                path: Some(self.backup_dir().display().to_string()),
                note: backups_note(self.is_demo()).to_string(),
            },
            Place {
                kind: PlaceKind::Preferences,
                label: "Preferences".to_string(),
                path: Some(self.prefs_path().display().to_string()),
                note: "The choices kept outside the caseload: the backups folder, the import \
                       column mappings. No child data."
                    .to_string(),
            },
        ];
        Ok(AboutView {
            version: build.version.clone(),
            built_on: build.built_on,
            demo: self.is_demo(),
            places,
        })
    }
}

fn store_note(demo: bool, encrypted: bool) -> &'static str {
    if demo {
        "The demo caseload: synthetic, rebuilt at every start, not encrypted. Your own caseload \
         is a separate file."
    } else if encrypted {
        "Your caseload, encrypted (SQLCipher). Its -wal and -shm files beside it are part of it."
    } else {
        "Your caseload, not encrypted: Settings can encrypt it."
    }
}

fn key_file_place(store: &std::path::Path, demo: bool) -> Place {
    let (path, note) = if caseload_store::has_key_slots(store) {
        (
            Some(caseload_store::key_slots_path(store).display().to_string()),
            "The caseload's key, wrapped under your passphrase and under your recovery key. \
             Keep it with the caseload: without it neither opens the file.",
        )
    } else if demo {
        (None, "None: the demo caseload is not encrypted.")
    } else {
        (
            None,
            "None yet: it is made when the caseload is encrypted, or opened for the first time \
             since recovery keys.",
        )
    };
    Place {
        kind: PlaceKind::KeyFile,
        label: "Key file".to_string(),
        path,
        note: note.to_string(),
    }
}

fn backups_note(demo: bool) -> &'static str {
    if demo {
        "The demo caseload is never backed up on its own: it is rebuilt at every start."
    } else {
        "One a day while the caseload is open, and one before each upgrade; 7 daily and 4 weekly \
         kept, encrypted like the caseload."
    }
}

/// The generated licence lists a build carries, as bytes; none for a list it lacks.
#[derive(Debug, Clone, Copy, Default)]
pub struct LicenceLists<'a> {
    /// cargo-about's JSON of the crates the app and the CLI ship (`licences/rust.json`).
    pub crates: Option<&'a [u8]>,
    /// The UI build's list of the npm packages bundled (`licences/npm.json`).
    pub npm: Option<&'a [u8]>,
}

/// Where a package comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PackageSource {
    /// A Rust crate (crates.io).
    Crate,
    /// An npm package bundled into the window's code.
    Npm,
}

/// A package shipped, under one licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LicensedPackage {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// A crate or an npm package.
    pub source: PackageSource,
    /// The licence expression it declares, e.g. "MIT OR Apache-2.0".
    pub declared: String,
    /// Its licence texts under this licence: indexes into [`LicencesView::texts`].
    pub texts: Vec<u32>,
}

/// The packages shipped under one licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LicenceGroup {
    /// The licence's SPDX id (or, for an npm package, the expression it declares).
    pub id: String,
    /// Its full name, e.g. "MIT License".
    pub name: String,
    /// The packages, by name then version.
    pub packages: Vec<LicensedPackage>,
}

/// The third-party licences of this build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LicencesView {
    /// How many crates are shipped (each name and version once).
    pub n_crates: u32,
    /// How many npm packages are bundled.
    pub n_npm: u32,
    /// One group per licence, the most used first.
    pub groups: Vec<LicenceGroup>,
    /// Every distinct licence text, once.
    pub texts: Vec<String>,
    /// A sentence for each list this build lacks or cannot read; empty when both are there.
    pub problems: Vec<String>,
    /// How to make a build with both lists, when one is missing.
    pub how_to_make: Option<String>,
}

/// The licence lists, grouped by licence, each text once.
pub fn licences_view(lists: LicenceLists<'_>) -> LicencesView {
    let mut problems = Vec::new();
    let mut shipped: Vec<(PackageSource, ShippedPackage)> = Vec::new();
    let sources = [
        (PackageSource::Crate, lists.crates, "the Rust crates'"),
        (PackageSource::Npm, lists.npm, "the npm packages'"),
    ];
    for (source, bytes, whose) in sources {
        let read = match source {
            PackageSource::Crate => bytes.map(read_cargo_about),
            PackageSource::Npm => bytes.map(read_npm_licences),
        };
        match read {
            Some(Ok(packages)) => shipped.extend(packages.into_iter().map(|p| (source, p))),
            Some(Err(e)) => problems.push(format!(
                "The list of {whose} licences in this build cannot be read ({e})."
            )),
            None => problems.push(format!(
                "This build has no list of {whose} licences: it was built without generating it."
            )),
        }
    }
    let how_to_make = (!problems.is_empty()).then(|| HOW_TO_MAKE.to_string());
    let mut view = grouped(shipped);
    view.problems = problems;
    view.how_to_make = how_to_make;
    view
}

const HOW_TO_MAKE: &str = "Build the app with scripts/start, scripts/test or scripts/package: \
    they generate both lists (cargo-about for the crates, rollup-plugin-license in the UI build \
    for the npm packages) before the app is built. The UI built by hand (npm run build) has no \
    list of the crates.";

fn grouped(shipped: Vec<(PackageSource, ShippedPackage)>) -> LicencesView {
    let mut texts = Texts::default();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut groups: BTreeMap<String, BTreeMap<(String, String, PackageSource), LicensedPackage>> =
        BTreeMap::new();
    let mut crates = BTreeSet::new();
    let mut npm = BTreeSet::new();
    for (source, p) in shipped {
        match source {
            PackageSource::Crate => crates.insert((p.name.clone(), p.version.clone())),
            PackageSource::Npm => npm.insert((p.name.clone(), p.version.clone())),
        };
        let text = texts.index(p.text);
        // A crate's list names the licence in full ("MIT License"); an npm package's gives
        // only its id: the full name wins whichever comes first.
        let name = names.entry(p.licence_id.clone()).or_default();
        if name.is_empty() || *name == p.licence_id {
            *name = p.licence_name;
        }
        let row = groups
            .entry(p.licence_id)
            .or_default()
            .entry((p.name.clone(), p.version.clone(), source))
            .or_insert_with(|| LicensedPackage {
                name: p.name,
                version: p.version,
                source,
                declared: p.declared,
                texts: Vec::new(),
            });
        if !row.texts.contains(&text) {
            row.texts.push(text);
        }
    }
    let mut groups: Vec<LicenceGroup> = groups
        .into_iter()
        .map(|(id, packages)| LicenceGroup {
            name: names.remove(&id).unwrap_or_else(|| id.clone()),
            id,
            packages: packages.into_values().collect(),
        })
        .collect();
    groups.sort_by(|a, b| {
        b.packages
            .len()
            .cmp(&a.packages.len())
            .then(a.id.cmp(&b.id))
    });
    LicencesView {
        n_crates: crates.len() as u32,
        n_npm: npm.len() as u32,
        groups,
        texts: texts.list,
        problems: Vec::new(),
        how_to_make: None,
    }
}

/// Each distinct licence text once, in the order first met.
#[derive(Default)]
struct Texts {
    list: Vec<String>,
    seen: BTreeMap<String, u32>,
}

impl Texts {
    fn index(&mut self, text: String) -> u32 {
        if let Some(&i) = self.seen.get(&text) {
            return i;
        }
        let i = self.list.len() as u32;
        self.seen.insert(text.clone(), i);
        self.list.push(text);
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../../tests/data/licences/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    /// "id (name): package version [source] texts…" per group and package.
    fn outline(view: &LicencesView) -> Vec<String> {
        view.groups
            .iter()
            .flat_map(|g| {
                let head = format!("{} ({})", g.id, g.name);
                g.packages.iter().map(move |p| {
                    format!(
                        "{head}: {} {} [{:?}, {}] {:?}",
                        p.name, p.version, p.source, p.declared, p.texts
                    )
                })
            })
            .collect()
    }

    #[test]
    fn both_lists_grouped_by_licence_most_used_first_each_text_once() {
        let crates = fixture("rust.json");
        let npm = fixture("npm.json");
        let view = licences_view(LicenceLists {
            crates: Some(&crates),
            npm: Some(&npm),
        });
        assert_eq!(
            outline(&view),
            [
                "MIT (MIT License): chrono 0.4.45 [Crate, MIT OR Apache-2.0] [1]",
                "MIT (MIT License): svelte 5.57.3 [Npm, MIT] [5]",
                "MIT (MIT License): tauri 2.12.5 [Crate, Apache-2.0 OR MIT] [0]",
                "MIT (MIT License): unicode-ident 1.0.27 [Crate, (MIT OR Apache-2.0) AND Unicode-3.0] [2]",
                "Apache-2.0 OR MIT (Apache-2.0 OR MIT): @tauri-apps/plugin-dialog 2.8.4 [Npm, MIT OR Apache-2.0] [4]",
                "Unicode-3.0 (Unicode License v3): unicode-ident 1.0.27 [Crate, (MIT OR Apache-2.0) AND Unicode-3.0] [3]",
            ]
        );
        assert_eq!((view.n_crates, view.n_npm), (3, 2));
        assert_eq!(view.texts.len(), 6);
        assert!(view.problems.is_empty());
        assert_eq!(view.how_to_make, None);
    }

    #[test]
    fn the_app_s_and_the_cli_s_lists_together_count_each_crate_once() {
        // Two cargo-about lists as the UI build joins them: the same crates twice.
        let mut list: serde_json::Value = serde_json::from_slice(&fixture("rust.json")).unwrap();
        let licenses = list["licenses"].as_array_mut().unwrap();
        licenses.extend(licenses.clone());
        let twice = serde_json::to_vec(&list).unwrap();
        let view = licences_view(LicenceLists {
            crates: Some(&twice),
            npm: None,
        });
        assert_eq!(view.n_crates, 3);
        assert_eq!(view.texts.len(), 4);
        let mit = &view.groups[0];
        assert_eq!(mit.id, "MIT");
        assert_eq!(mit.packages.len(), 3);
        assert!(mit.packages.iter().all(|p| p.texts.len() == 1));
    }

    #[test]
    fn a_build_without_the_lists_says_so_and_how_to_make_them() {
        let view = licences_view(LicenceLists::default());
        assert!(view.groups.is_empty());
        assert_eq!(
            view.problems,
            [
                "This build has no list of the Rust crates' licences: it was built without generating it.",
                "This build has no list of the npm packages' licences: it was built without generating it.",
            ]
        );
        assert!(view
            .how_to_make
            .as_deref()
            .is_some_and(|h| h.contains("scripts/start")));
    }

    #[test]
    fn an_unreadable_list_is_named_and_the_other_still_listed() {
        let npm = fixture("npm.json");
        let view = licences_view(LicenceLists {
            crates: Some(b"<!doctype html>"),
            npm: Some(&npm),
        });
        assert_eq!(view.n_npm, 2);
        assert_eq!(view.problems.len(), 1);
        assert!(
            view.problems[0]
                .starts_with("The list of the Rust crates' licences in this build cannot be read"),
            "{}",
            view.problems[0]
        );
    }
}
