//! `caseload-bench`: the figures `scripts/bench` prints, each measured beside the floor it is
//! compared with in the same run, so the ratio holds whatever the machine.
//!
//! ```text
//! caseload-bench warnings [--children N] [--runs R]
//! caseload-bench start --app BIN --floor BIN --profile NAME [--children N] [--runs R]
//! caseload-bench size --profile NAME BIN...
//! ```
//!
//! Each prints rows of tab-separated values: what was measured, the figure, the floor, the
//! ratio, the goal, and whether the goal holds. `scripts/bench` lays them out as one table.

mod row;
mod start;
mod warnings;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("warnings") => warnings::run(&Flags::new(&args[1..])),
        Some("start") => start::run(&Flags::new(&args[1..])),
        Some("size") => size(&Flags::new(&args[1..])),
        _ => Err("usage: caseload-bench warnings|start|size [flags] (see the source)".into()),
    };
    match result {
        Ok(rows) => {
            for r in rows {
                println!("{}", r.tsv());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("caseload-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What went wrong, in words.
pub type Failure = Box<dyn std::error::Error>;

/// `--name value` flags and the words without a flag.
pub struct Flags {
    pairs: Vec<(String, String)>,
    rest: Vec<String>,
}

impl Flags {
    fn new(args: &[String]) -> Flags {
        let mut pairs = Vec::new();
        let mut rest = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.strip_prefix("--") {
                Some(name) => {
                    pairs.push((name.to_string(), it.next().cloned().unwrap_or_default()))
                }
                None => rest.push(a.clone()),
            }
        }
        Flags { pairs, rest }
    }

    /// A flag's value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A flag's value as a number, or the default.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, Failure> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{name} takes a number, not '{v}'").into()),
        }
    }

    /// A flag's value as a path.
    pub fn path(&self, name: &str) -> Result<PathBuf, Failure> {
        self.get(name)
            .map(PathBuf::from)
            .ok_or_else(|| format!("--{name} is needed").into())
    }
}

/// The size of each release binary: the profile's LTO, codegen units and strip at work.
fn size(flags: &Flags) -> Result<Vec<row::Row>, Failure> {
    let profile = flags.get("profile").unwrap_or("release");
    flags
        .rest
        .iter()
        .map(|bin| {
            let bytes = std::fs::metadata(bin)
                .map_err(|e| format!("{bin}: {e}"))?
                .len();
            let name = PathBuf::from(bin)
                .file_name()
                .map_or_else(|| bin.clone(), |n| n.to_string_lossy().into_owned());
            Ok(row::Row::figure_only(
                format!("binary size, {name} ({profile})"),
                format!("{:.1} MB", bytes as f64 / 1_048_576.0),
                "recorded (LTO, 1 codegen unit, stripped)",
            ))
        })
        .collect()
}
