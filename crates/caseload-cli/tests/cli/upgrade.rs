//! Upgrade safety, as the IRO sees it: a store written by an earlier release
//! (tests/data/upgrade/TAG, made with scripts/upgrade-fixture by that release's own `caseload`)
//! opens in this build, and every command the fixture lists prints at least what the release
//! printed: each field it had, with the same value (new fields may be added). The store's own
//! upgrade test checks the migration, its backup and the rows.

use crate::{caseload, data, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Fixture {
    tag: String,
    passphrase: String,
    commands: Vec<Command>,
}

#[derive(serde::Deserialize)]
struct Command {
    args: Vec<String>,
    output: String,
}

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(data("upgrade"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("fixture.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Where `new` differs from `old` other than by an added field: missing fields, other values,
/// lists of another length. Each as a JSON path with what differs.
fn lost(old: &Value, new: &Value, path: &str, out: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => lost(v, w, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                lost(v, w, &format!("{path}[{i}]"), out);
            }
        }
        // 1 and 1.0 are the same number (the fixture's JSON is minified).
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        _ if old == new => {}
        _ => out.push(format!("{path}: {old} -> {new}")),
    }
}

#[test]
fn lost_names_missing_fields_changed_values_and_other_lengths_only() {
    let old = serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": "x"}, "e": true, "g": 1});
    let new = serde_json::json!({"a": 2, "b": [1], "c": {"d": "x", "f": 0}, "g": 1.0});
    let mut out = Vec::new();
    lost(&old, &new, "", &mut out);
    assert_eq!(out, [".a: 1 -> 2", ".b: [1,2] -> [1]", ".e: missing"]);
}

#[test]
fn every_command_prints_what_the_earlier_release_printed_from_its_store() {
    for dir in fixtures() {
        let fixture: Fixture =
            serde_json::from_value(read_json(&dir.join("fixture.json"))).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        for name in ["caseload.sqlite3", "caseload.sqlite3.keys"] {
            std::fs::copy(dir.join(name), tmp.path().join(name)).unwrap();
        }
        let db = tmp.path().join("caseload.sqlite3");
        assert!(!fixture.commands.is_empty(), "{}", fixture.tag);
        for command in &fixture.commands {
            let printed = stdout(
                caseload(&db)
                    .env("CASELOAD_PASSPHRASE", &fixture.passphrase)
                    .args(&command.args),
            );
            let new: Value = serde_json::from_str(&printed).unwrap();
            let mut out = Vec::new();
            lost(&read_json(&dir.join(&command.output)), &new, "", &mut out);
            assert!(
                out.is_empty(),
                "{} `caseload {}` prints otherwise than it did:\n{}",
                fixture.tag,
                command.args.join(" "),
                out.join("\n")
            );
        }
    }
}
