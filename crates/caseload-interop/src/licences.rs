//! The third-party licence lists a build ships with, as the About screen lists them: the Rust
//! crates from cargo-about's JSON (`cargo about generate --format json`), and the npm packages
//! bundled into the UI from the UI build's own list (written by rollup-plugin-license, see
//! `ui/vite.config.ts`). Both become [`ShippedPackage`]s: a package, a licence it is used
//! under, and that licence's text.
//!
//! What this module deliberately is not: a licence checker. Which licences are accepted, and
//! which of an `OR` is used, is cargo-about's decision (`about.toml`); an npm package is listed
//! under the licence it declares. It reads bytes the caller found, and does no I/O.

use serde::Deserialize;

/// A package shipped in the app, one licence it is used under, and that licence's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippedPackage {
    /// The crate's or the npm package's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The licence expression it declares, e.g. "MIT OR Apache-2.0".
    pub declared: String,
    /// The licence it is listed under: an SPDX id for a crate ("MIT"), as cargo-about chose
    /// it; for an npm package, what it declares.
    pub licence_id: String,
    /// That licence's full name, e.g. "MIT License" (the id when the list gives no name).
    pub licence_name: String,
    /// The licence text shipped with the package.
    pub text: String,
}

/// Why a licence list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LicenceListError {
    /// Not JSON, or not the shape its tool writes.
    #[error("{what} is not a licence list its tool writes: {source}")]
    Shape {
        /// Which list ("the crates' licence list").
        what: &'static str,
        /// What serde found.
        source: serde_json::Error,
    },
}

#[derive(Deserialize)]
struct CargoAbout {
    licenses: Vec<CargoAboutLicence>,
}

#[derive(Deserialize)]
struct CargoAboutLicence {
    id: String,
    name: String,
    text: String,
    used_by: Vec<CargoAboutUse>,
}

#[derive(Deserialize)]
struct CargoAboutUse {
    #[serde(rename = "crate")]
    krate: CargoAboutCrate,
}

#[derive(Deserialize)]
struct CargoAboutCrate {
    name: String,
    version: String,
    #[serde(default)]
    license: Option<String>,
}

/// The crates of cargo-about's JSON, one entry per crate and licence it is used under (a crate
/// under "(MIT OR Apache-2.0) AND Unicode-3.0" is there twice: MIT, and Unicode-3.0).
pub fn read_cargo_about(bytes: &[u8]) -> Result<Vec<ShippedPackage>, LicenceListError> {
    let list: CargoAbout =
        serde_json::from_slice(bytes).map_err(|source| LicenceListError::Shape {
            what: "the crates' licence list",
            source,
        })?;
    Ok(list
        .licenses
        .into_iter()
        .flat_map(|licence| {
            let CargoAboutLicence {
                id,
                name,
                text,
                used_by,
            } = licence;
            used_by.into_iter().map(move |used| ShippedPackage {
                declared: used.krate.license.unwrap_or_else(|| id.clone()),
                name: used.krate.name,
                version: used.krate.version,
                licence_id: id.clone(),
                licence_name: name.clone(),
                text: text.clone(),
            })
        })
        .collect())
}

#[derive(Deserialize)]
struct NpmList {
    packages: Vec<NpmPackage>,
}

#[derive(Deserialize)]
struct NpmPackage {
    name: String,
    version: String,
    license: String,
    license_text: String,
}

/// The npm packages of the UI build's list (`{"packages": [{name, version, license,
/// license_text}]}`), each under the licence it declares: a choice of licences is listed in
/// one order whichever order the package wrote it in ("MIT OR Apache-2.0" is "Apache-2.0 OR
/// MIT"), so the same choice is one group.
pub fn read_npm_licences(bytes: &[u8]) -> Result<Vec<ShippedPackage>, LicenceListError> {
    let list: NpmList =
        serde_json::from_slice(bytes).map_err(|source| LicenceListError::Shape {
            what: "the npm packages' licence list",
            source,
        })?;
    Ok(list
        .packages
        .into_iter()
        .map(|p| ShippedPackage {
            licence_name: one_order(&p.license),
            licence_id: one_order(&p.license),
            declared: p.license,
            name: p.name,
            version: p.version,
            text: p.license_text,
        })
        .collect())
}

/// A plain choice of licences ("MIT OR Apache-2.0") with its licences in alphabetical order; any
/// other expression (with AND, WITH or brackets) as written.
fn one_order(expression: &str) -> String {
    let plain = !["(", ")", " AND ", " WITH "]
        .iter()
        .any(|t| expression.contains(t));
    if !plain {
        return expression.to_string();
    }
    let mut licences: Vec<&str> = expression.split(" OR ").map(str::trim).collect();
    licences.sort_unstable();
    licences.join(" OR ")
}
