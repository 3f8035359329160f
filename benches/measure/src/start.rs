//! Cold start and memory: the app on a large store, to its Today painted, against a bare Tauri
//! window showing one static page, launched alternately under the same display.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use caseload_api::demo::DemoOptions;
use caseload_api::App;

use crate::row::{median, ms, Row};
use crate::warnings::demo_monday;
use crate::{Failure, Flags};

/// How long a window may take before the run is called failed.
const GIVE_UP: Duration = Duration::from_secs(90);
/// How long the processes settle after the first paint before their memory is read.
const SETTLE: Duration = Duration::from_secs(2);

pub fn run(flags: &Flags) -> Result<Vec<Row>, Failure> {
    let app_bin = flags.path("app")?;
    let floor_bin = flags.path("floor")?;
    let profile = flags.get("profile").unwrap_or("release").to_string();
    let children = flags.number("children", 2_000)?;
    let runs = flags.number("runs", 5)?.max(1);
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("start.sqlite3");
    App::open(&store)?.load_demo(&DemoOptions {
        children,
        seed: 1,
        as_of: demo_monday(),
    })?;
    let today = demo_monday().to_string();
    let app_args: Vec<&str> = vec![
        "--db",
        store.to_str().ok_or("a temporary path that is not UTF-8")?,
        "--today",
        &today,
        "--trace-startup",
    ];
    // One launch of each first: the page cache holds both binaries and WebKit afterwards.
    launch(&app_bin, &app_args, dir.path())?;
    launch(&floor_bin, &[], dir.path())?;
    let (mut app, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        app.push(launch(&app_bin, &app_args, dir.path())?);
        floor.push(launch(&floor_bin, &[], dir.path())?);
    }
    let time = |v: &[Launch]| median(v.iter().map(|l| l.painted).collect());
    let memory = |v: &[Launch]| {
        let mut kb: Vec<u64> = v.iter().map(|l| l.rss_kb).collect();
        kb.sort_unstable();
        kb[kb.len() / 2]
    };
    let (app_time, floor_time) = (time(&app), time(&floor));
    let (app_kb, floor_kb) = (memory(&app), memory(&floor));
    Ok(vec![
        Row::ratio(
            format!("cold start to Today painted, {children} children ({profile})"),
            (app_time.as_secs_f64(), ms(app_time)),
            (
                floor_time.as_secs_f64(),
                format!("{} bare window", ms(floor_time)),
            ),
            1.3,
        ),
        Row::ratio(
            format!("memory, app and WebKit resident ({profile})"),
            (app_kb as f64, mb(app_kb)),
            (floor_kb as f64, format!("{} bare window", mb(floor_kb))),
            1.2,
        ),
    ])
}

fn mb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

/// One launch: the time from spawning the process to its first paint, and the resident memory
/// of it and every process it started, once settled.
struct Launch {
    painted: Duration,
    rss_kb: u64,
}

fn launch(bin: &Path, args: &[&str], home: &Path) -> Result<Launch, Failure> {
    // Each run starts cold: its own empty configuration, data and cache folders.
    let fresh = tempfile::tempdir_in(home)?;
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .env("XDG_CONFIG_HOME", fresh.path().join("config"))
        .env("XDG_DATA_HOME", fresh.path().join("data"))
        .env("XDG_CACHE_HOME", fresh.path().join("cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let painted = wait_for_paint(&mut child, started);
    let result = painted.map(|painted| {
        std::thread::sleep(SETTLE);
        Launch {
            painted,
            rss_kb: tree_rss_kb(child.id()),
        }
    });
    stop_tree(&mut child);
    result
}

/// Reads the child's output until it says it painted.
fn wait_for_paint(child: &mut Child, started: Instant) -> Result<Duration, Failure> {
    let out = child.stdout.take().ok_or("no output to read")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.starts_with("painted") {
                let _ = tx.send(started.elapsed());
            }
        }
    });
    rx.recv_timeout(GIVE_UP)
        .map_err(|_| format!("no first paint within {} s", GIVE_UP.as_secs()).into())
}

/// Every process id whose ancestors include `root`, and `root`.
fn tree(root: u32) -> Vec<u32> {
    let mut parent_of: HashMap<u32, u32> = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // The field after the command (which may hold spaces) in parentheses is the state,
        // then the parent's id.
        if let Some(ppid) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok())
        {
            parent_of.insert(pid, ppid);
        }
    }
    let mut ids = vec![root];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        ids.extend(
            parent_of
                .iter()
                .filter(|(_, p)| **p == parent)
                .map(|(c, _)| *c),
        );
        i += 1;
    }
    ids
}

/// The resident memory of a process and everything it started, in kB.
fn tree_rss_kb(root: u32) -> u64 {
    tree(root)
        .into_iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .filter_map(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .sum()
}

/// Ends the process and everything it started.
fn stop_tree(child: &mut Child) {
    let ids: Vec<String> = tree(child.id()).iter().map(u32::to_string).collect();
    let _ = Command::new("kill")
        .arg("-KILL")
        .args(&ids)
        .stderr(Stdio::null())
        .status();
    let _ = child.wait();
}
