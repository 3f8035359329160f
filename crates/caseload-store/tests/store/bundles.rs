//! Bundles (issue 17): the chosen children's rows in one file keyed by a one-time passphrase,
//! read back read-only through the store's own loaders; anything else refused.

use crate::support::{apply, base_store, d, passphrase};
use caseload_core::ids::ChildId;
use caseload_store::{Bundle, BundleContent, BundleKind, BundleMeta, StoreError};

fn meta() -> BundleMeta {
    BundleMeta {
        kind: BundleKind::Handover,
        made_on: d("2025-03-01"),
        from_iro: "Asha Patel".to_string(),
        to_iro: "Test IRO Two".to_string(),
        until_on: None,
    }
}

#[test]
fn a_bundle_holds_only_the_chosen_children_and_reads_back_whole() {
    let mut store = base_store();
    apply(
        &mut store,
        serde_json::json!([{"op": "add_child", "id": 11, "first_name": "Left", "last_name": "Behind",
            "born_on": "2016-05-01", "sex": "female", "iro": 1, "allocated_on": "2025-01-06"}]),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.caseload-handover");
    let secret = passphrase("ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567");
    store
        .write_bundle(
            &path,
            &secret,
            &meta(),
            &BundleContent::Children(&[ChildId(10)]),
        )
        .unwrap();

    let bundle = Bundle::open(&path, &secret).unwrap();
    assert_eq!(bundle.meta(), &meta());
    let records = bundle.records().unwrap();
    assert_eq!(records.len(), 1, "only the chosen child");
    assert_eq!(records[0], store.load_child(ChildId(10)).unwrap().unwrap());
    assert_eq!(bundle.iros().unwrap().len(), 1);
    let history = bundle.history(ChildId(10)).unwrap();
    let ops: Vec<&str> = history.iter().map(|h| h.op.as_str()).collect();
    assert_eq!(
        ops,
        ["add_child", "start_care", "record_meeting", "book_meeting"]
    );
    assert!(bundle.history(ChildId(11)).unwrap().is_empty());
    // Nothing was left beside it: no partial file, no journal, no key slots.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_wrong_passphrase_a_plaintext_file_and_a_child_not_here_are_refused() {
    let store = base_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b");
    let secret = passphrase("one time");
    store
        .write_bundle(
            &path,
            &secret,
            &meta(),
            &BundleContent::Children(&[ChildId(10)]),
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Bundle::open(&path, &passphrase("another")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let plain = dir.path().join("plain.sqlite3");
    std::fs::write(&plain, b"SQLite format 3\0and the rest of a page").unwrap();
    assert!(matches!(
        Bundle::open(&plain, &secret),
        Err(StoreError::NotABundle { .. })
    ));

    let missing = dir.path().join("missing");
    let refused = store.write_bundle(
        &missing,
        &secret,
        &meta(),
        &BundleContent::Children(&[ChildId(10), ChildId(99)]),
    );
    assert!(matches!(
        refused,
        Err(StoreError::NotFound {
            entity: "child",
            id: 99
        })
    ));
    assert!(!missing.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no partial file left"
    );
}
