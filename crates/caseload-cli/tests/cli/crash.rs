//! Crash safety, on an encrypted store (what users run): the real `caseload` binary applies
//! batches one transaction at a time (`apply --batches`, which prints `committed N` once batch
//! N is on disk) and is killed with SIGKILL at a random moment, 200 times in a row on the same
//! store. After every kill the store must open with its passphrase, pass SQLite's full
//! `integrity_check`, and hold every batch reported committed, each one whole, and nothing of
//! any batch after the one in flight.
//!
//! The moments come from a seeded RNG: the kill lands after a random number of reported commits
//! (0 kills it while it opens the store: key derivation, the integrity check, the day's
//! backup) plus a random pause of up to 3 ms, which falls inside the next batch's transaction,
//! its fsync, or between batches. Nothing here asserts a duration.

use crate::{caseload, caseload_process, PASSPHRASE};
use caseload_api::{App, AuditFilter, Key};
use rand::{Rng, SeedableRng};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

const KILLS: usize = 200;
const SEED: u64 = 20_261_124;
/// Batches offered to each run: far more than a run gets through before its kill.
const BATCHES_PER_RUN: i64 = 40;

/// Batch `id`: a child and its period of care, which must land together or not at all.
fn batch(id: i64) -> String {
    format!(
        r#"[{{"op":"add_child","id":{id},"first_name":"Crash{id}","last_name":"Test","born_on":"2016-03-01","sex":"female","iro":1,"allocated_on":"2026-11-02"}},{{"op":"start_care","id":{id},"child":{id},"started_on":"2026-11-02","legal_status":"C2","regime":"full_care"}}]"#
    )
}

/// What the store holds after a kill, checked: the number of whole batches.
fn check_store(db: &Path, kill: usize) -> i64 {
    let passphrase = caseload_api::storage::passphrase(PASSPHRASE.to_string()).unwrap();
    let app = App::open_with(db, Key::Passphrase(passphrase), None)
        .unwrap_or_else(|e| panic!("kill {kill}: the store does not open: {e}"));
    assert_eq!(
        app.integrity_check().unwrap(),
        Vec::<String>::new(),
        "kill {kill}: integrity_check"
    );
    let counts = app.row_counts().unwrap();
    let children = counts["children"];
    // Every batch whole: as many periods of care and allocations as children, and one audit
    // row per change (the IRO, then two per batch).
    assert_eq!(counts["care_periods"], children, "kill {kill}: {counts:?}");
    assert_eq!(counts["allocations"], children, "kill {kill}: {counts:?}");
    assert_eq!(counts["audit"], 1 + 2 * children, "kill {kill}: {counts:?}");
    if children > 0 {
        // The newest batch is batch `children`: the batches landed in order, none skipped.
        let newest = app
            .audit(&AuditFilter {
                limit: Some(2),
                ..AuditFilter::default()
            })
            .unwrap();
        let ops: Vec<(&str, Option<i64>)> = newest
            .iter()
            .map(|e| (e.op.as_str(), e.child.map(|c| c.0)))
            .collect();
        assert_eq!(
            ops,
            [
                ("start_care", Some(children)),
                ("add_child", Some(children))
            ],
            "kill {kill}"
        );
    }
    children
}

#[test]
fn sigkill_in_the_middle_of_writes_never_loses_a_reported_commit_or_damages_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.sqlite3");
    let setup = dir.path().join("setup.json");
    std::fs::write(
        &setup,
        r#"{"op":"add_iro","id":1,"name":"Test IRO","fte":1.0}"#,
    )
    .unwrap();
    crate::stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23"])
            .arg(&setup),
    );
    let batches = dir.path().join("batches.jsonl");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(SEED);
    let mut whole = 0; // batches in the store
    let (mut reported_total, mut unreported_commits) = (0, 0);

    for kill in 1..=KILLS {
        let first = whole + 1;
        let lines: Vec<String> = (first..first + BATCHES_PER_RUN).map(batch).collect();
        std::fs::write(&batches, lines.join("\n")).unwrap();
        let lines_before_kill = rng.random_range(0..=6);
        let pause = std::time::Duration::from_micros(rng.random_range(0..3000));

        let mut child = caseload_process(&db)
            .args(["apply", "--batches", "--as-of", "2026-11-23"])
            .arg(&batches)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut reported = Vec::new();
        let mut line = String::new();
        while reported.len() < lines_before_kill {
            line.clear();
            if stdout.read_line(&mut line).unwrap() == 0 {
                break;
            }
            reported.push(line.trim_end().to_string());
        }
        std::thread::sleep(pause);
        child.kill().unwrap();
        child.wait().unwrap();
        // Lines the process wrote before it died are still in the pipe.
        for rest in stdout.lines() {
            reported.push(rest.unwrap());
        }
        let expected: Vec<String> = (1..=reported.len())
            .map(|n| format!("committed {n}"))
            .collect();
        assert_eq!(reported, expected, "kill {kill}: the lines printed");

        let now_whole = check_store(&db, kill);
        let reported = reported.len() as i64;
        assert!(
            now_whole >= whole + reported,
            "kill {kill}: {reported} batch(es) reported committed after {whole}, but the store holds {now_whole}"
        );
        // Only the batch in flight may have committed without being reported.
        assert!(
            now_whole <= whole + reported + 1,
            "kill {kill}: {now_whole} batches after {whole} + {reported} reported"
        );
        unreported_commits += now_whole - whole - reported;
        reported_total += reported;
        whole = now_whole;
    }
    eprintln!(
        "{KILLS} kills: {whole} batches in the store, {reported_total} reported before a kill, {unreported_commits} committed in the moment of a kill"
    );
    assert!(reported_total > 0);
}
