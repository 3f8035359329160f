use caseload_store::{migration_files, StoreError, SCHEMA_VERSION};
use std::path::Path;

#[test]
fn empty_file_is_migrated_to_the_latest_schema() {
    let file = tempfile::NamedTempFile::new().unwrap();
    assert_eq!(std::fs::metadata(file.path()).unwrap().len(), 0);

    let store = crate::support::open_plain(file.path()).unwrap();

    let counts = store.count_rows().unwrap();
    let tables: Vec<&str> = counts.keys().copied().collect();
    assert_eq!(
        tables,
        [
            "allocations",
            "audit",
            "care_periods",
            "children",
            "cp_episodes",
            "decisions",
            "dispute_ladders",
            "dispute_reasons",
            "dispute_stages",
            "disputes",
            "holidays",
            "iros",
            "letter_templates",
            "meeting_records",
            "meetings",
            "rule_overrides",
            "settings",
            "transfers_out"
        ]
    );
    assert!(counts.values().all(|&n| n == 0), "{counts:?}");
    assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
}

#[test]
fn user_version_equals_the_number_of_migration_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    drop(crate::support::open_plain(&path).unwrap());

    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version as usize, migration_files().count());
    assert_eq!(version as usize, SCHEMA_VERSION);
}

#[test]
fn reopening_a_migrated_store_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = crate::support::open_plain(&path).unwrap();
    crate::support::apply(&mut store, crate::support::base());
    let before = store.count_rows().unwrap();
    drop(store);

    let store = crate::support::open_plain(&path).unwrap();
    assert_eq!(store.count_rows().unwrap(), before);
    assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
}

#[test]
fn missing_folders_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("store.sqlite");
    crate::support::open_plain(&path).unwrap();
    assert!(path.is_file());
}

#[test]
fn store_from_a_newer_build_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    drop(crate::support::open_plain(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION as i64 + 1)
        .unwrap();
    drop(conn);

    match crate::support::open_plain(&path) {
        Err(StoreError::Migration(_)) => {}
        Err(other) => panic!("expected a migration error, got {other:?}"),
        Ok(_) => panic!("a store from a newer build was opened"),
    }
}

/// Two branches that both add migration 0004 must collide here, not in a user's store.
#[test]
fn migration_files_are_contiguous_from_0001_and_all_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/migrations");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();

    for (position, name) in on_disk.iter().enumerate() {
        let (number, rest) = name.split_at(4);
        assert_eq!(
            number.parse::<usize>().ok(),
            Some(position + 1),
            "{name}: migrations must be numbered 0001, 0002, … with no gap or repeat"
        );
        let slug = rest
            .strip_prefix('_')
            .and_then(|r| r.strip_suffix(".sql"))
            .unwrap_or_else(|| panic!("{name}: expected NNNN_verb_noun.sql"));
        assert!(
            !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name}: expected NNNN_verb_noun.sql"
        );
    }
    let embedded: Vec<String> = migration_files().map(str::to_string).collect();
    assert_eq!(
        embedded, on_disk,
        "every file in src/migrations must be listed in migrate.rs"
    );
}
