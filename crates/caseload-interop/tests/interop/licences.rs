//! The licence lists a build ships with: cargo-about's JSON as the tool writes it, the same
//! trimmed to what the UI build keeps (`ui/build/licences.ts`, whose Vitest test makes the
//! trimmed file from the full one), and the UI build's npm list.

use std::path::PathBuf;

use caseload_interop::licences::{read_cargo_about, read_npm_licences, ShippedPackage};

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "tests",
        "data",
        "licences",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// "name version: licence_id (declared)" per package, in the list's order.
fn lines(packages: &[ShippedPackage]) -> Vec<String> {
    packages
        .iter()
        .map(|p| {
            format!(
                "{} {}: {} [{}] ({})",
                p.name, p.version, p.licence_id, p.licence_name, p.declared
            )
        })
        .collect()
}

#[test]
fn cargo_about_lists_each_crate_under_every_licence_it_is_used_under() {
    let packages = read_cargo_about(&fixture("cargo-about.json")).unwrap();
    assert_eq!(
        lines(&packages),
        [
            "tauri 2.12.5: MIT [MIT License] (Apache-2.0 OR MIT)",
            "chrono 0.4.45: MIT [MIT License] (MIT OR Apache-2.0)",
            "unicode-ident 1.0.27: MIT [MIT License] ((MIT OR Apache-2.0) AND Unicode-3.0)",
            "unicode-ident 1.0.27: Unicode-3.0 [Unicode License v3] ((MIT OR Apache-2.0) AND Unicode-3.0)",
        ]
    );
    assert!(packages[0]
        .text
        .contains("Copyright (c) 2017 - Present Tauri Apps Contributors"));
    assert!(packages[3].text.contains("UNICODE LICENSE V3"));
}

#[test]
fn the_trimmed_list_the_ui_build_embeds_reads_as_the_full_one() {
    let full = read_cargo_about(&fixture("cargo-about.json")).unwrap();
    let trimmed = read_cargo_about(&fixture("rust.json")).unwrap();
    assert_eq!(trimmed, full);
}

#[test]
fn the_npm_list_gives_each_package_under_the_licence_it_declares() {
    let packages = read_npm_licences(&fixture("npm.json")).unwrap();
    assert_eq!(
        lines(&packages),
        [
            "@tauri-apps/plugin-dialog 2.8.4: Apache-2.0 OR MIT [Apache-2.0 OR MIT] (MIT OR Apache-2.0)",
            "svelte 5.57.3: MIT [MIT] (MIT)",
        ]
    );
    assert!(packages[1].text.contains("Svelte Contributors"));
}

#[test]
fn a_file_that_is_not_a_licence_list_is_refused_naming_the_list() {
    let npm_as_crates = read_cargo_about(&fixture("npm.json")).unwrap_err();
    assert!(
        npm_as_crates
            .to_string()
            .starts_with("the crates' licence list is not a licence list its tool writes: missing field `licenses`"),
        "{npm_as_crates}"
    );
    let html = read_npm_licences(b"<!doctype html><html></html>").unwrap_err();
    assert!(
        html.to_string()
            .starts_with("the npm packages' licence list is not a licence list its tool writes"),
        "{html}"
    );
}

#[test]
fn the_same_choice_of_npm_licences_is_one_licence_whatever_its_order() {
    let list = br#"{"packages": [
        {"name": "a", "version": "1.0.0", "license": "MIT OR Apache-2.0", "license_text": "A"},
        {"name": "b", "version": "1.0.0", "license": "Apache-2.0 OR MIT", "license_text": "B"},
        {"name": "c", "version": "1.0.0", "license": "(MIT OR Apache-2.0) AND ISC", "license_text": "C"}
    ]}"#;
    let packages = read_npm_licences(list).unwrap();
    assert_eq!(
        lines(&packages),
        [
            "a 1.0.0: Apache-2.0 OR MIT [Apache-2.0 OR MIT] (MIT OR Apache-2.0)",
            "b 1.0.0: Apache-2.0 OR MIT [Apache-2.0 OR MIT] (Apache-2.0 OR MIT)",
            "c 1.0.0: (MIT OR Apache-2.0) AND ISC [(MIT OR Apache-2.0) AND ISC] ((MIT OR Apache-2.0) AND ISC)",
        ]
    );
}
