//! Launch options: command-line flags first, then environment variables.

use std::path::PathBuf;

use chrono::NaiveDate;

/// How the app was launched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Launch {
    /// Open the synthetic demo store.
    pub demo: bool,
    /// A fixed "today".
    pub today: Option<NaiveDate>,
    /// The store file.
    pub db: Option<PathBuf>,
    /// Save exports into this folder without asking.
    pub export_dir: Option<PathBuf>,
    /// "Choose files…" on the Import screen answers with these without a dialog (tests).
    pub import_files: Vec<PathBuf>,
    /// Backups go here (else the folder the user chose in Settings, else `backups/` beside
    /// the store).
    pub backup_dir: Option<PathBuf>,
    /// Lock after this many idle seconds instead of the store's setting (tests, kiosks).
    pub auto_lock_seconds: Option<u64>,
    /// Print `painted <ms>` once the first screen has painted (`scripts/bench`).
    pub trace_startup: bool,
}

impl Launch {
    /// From this process's arguments and environment.
    pub fn from_env() -> Result<Launch, String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Launch::parse(&args, env)
    }

    /// From arguments and an environment lookup (pure, for tests).
    pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<Launch, String> {
        let mut launch = Launch {
            demo: env("CASELOAD_DEMO").is_some_and(|v| v == "1" || v == "true"),
            today: env("CASELOAD_TODAY")
                .map(|v| parse_date("CASELOAD_TODAY", &v))
                .transpose()?,
            db: env("CASELOAD_DB").map(PathBuf::from),
            export_dir: env("CASELOAD_EXPORT_DIR").map(PathBuf::from),
            import_files: env("CASELOAD_IMPORT_FILES")
                .map(|v| std::env::split_paths(&v).collect())
                .unwrap_or_default(),
            backup_dir: env("CASELOAD_BACKUP_DIR").map(PathBuf::from),
            auto_lock_seconds: env("CASELOAD_AUTO_LOCK_SECONDS")
                .map(|v| parse_seconds("CASELOAD_AUTO_LOCK_SECONDS", &v))
                .transpose()?,
            trace_startup: env("CASELOAD_TRACE_STARTUP").is_some_and(|v| v == "1" || v == "true"),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag, Some(value.to_string())),
                None => (arg.as_str(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next().cloned())
                    .ok_or(format!("{flag} needs a value"))
            };
            match flag {
                "--demo" => launch.demo = true,
                "--trace-startup" => launch.trace_startup = true,
                "--today" => launch.today = Some(parse_date("--today", &value()?)?),
                "--db" => launch.db = Some(PathBuf::from(value()?)),
                "--export-dir" => launch.export_dir = Some(PathBuf::from(value()?)),
                "--import-files" => {
                    launch.import_files = std::env::split_paths(&value()?).collect();
                }
                "--backup-dir" => launch.backup_dir = Some(PathBuf::from(value()?)),
                "--auto-lock-seconds" => {
                    launch.auto_lock_seconds =
                        Some(parse_seconds("--auto-lock-seconds", &value()?)?);
                }
                // Tauri and WebKit may pass options of their own; ignore what is not ours.
                _ => {}
            }
        }
        Ok(launch)
    }
}

fn parse_seconds(name: &str, value: &str) -> Result<u64, String> {
    value.parse::<u64>().ok().filter(|n| *n > 0).ok_or(format!(
        "{name}: '{value}' is not a whole number of seconds above 0"
    ))
}

fn parse_date(name: &str, value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("{name}: '{value}' is not a date in the form YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_override_the_environment() {
        let env = |name: &str| match name {
            "CASELOAD_TODAY" => Some("2026-01-05".to_string()),
            "CASELOAD_DB" => Some("/env.db".to_string()),
            _ => None,
        };
        let launch =
            Launch::parse(&args(&["--today", "2026-11-23", "--db=/tmp/x.db"]), env).unwrap();
        assert_eq!(launch.today, NaiveDate::from_ymd_opt(2026, 11, 23));
        assert_eq!(launch.db, Some(PathBuf::from("/tmp/x.db")));
        assert!(!launch.demo);
        let launch = Launch::parse(&args(&["--demo"]), env).unwrap();
        assert_eq!(launch.today, NaiveDate::from_ymd_opt(2026, 1, 5));
        assert_eq!(launch.db, Some(PathBuf::from("/env.db")));
        assert!(launch.demo);
        assert!(!launch.trace_startup);
        let launch = Launch::parse(&args(&["--trace-startup"]), env).unwrap();
        assert!(launch.trace_startup);
    }

    #[test]
    fn auto_lock_seconds_and_backup_dir_come_from_flags_or_the_environment() {
        let env = |name: &str| match name {
            "CASELOAD_AUTO_LOCK_SECONDS" => Some("90".to_string()),
            _ => None,
        };
        let launch = Launch::parse(&args(&["--backup-dir", "/b"]), env).unwrap();
        assert_eq!(launch.auto_lock_seconds, Some(90));
        assert_eq!(launch.backup_dir, Some(PathBuf::from("/b")));
        let launch = Launch::parse(&args(&["--auto-lock-seconds=3"]), env).unwrap();
        assert_eq!(launch.auto_lock_seconds, Some(3));
        let err = Launch::parse(&args(&["--auto-lock-seconds", "0"]), |_| None).unwrap_err();
        assert!(err.contains("--auto-lock-seconds"), "{err}");
    }

    #[test]
    fn import_files_are_a_path_list_from_the_flag_or_the_environment() {
        let env = |name: &str| match name {
            "CASELOAD_IMPORT_FILES" => Some("/a/header.csv:/a/episodes.csv".to_string()),
            _ => None,
        };
        let launch = Launch::parse(&[], env).unwrap();
        assert_eq!(
            launch.import_files,
            [
                PathBuf::from("/a/header.csv"),
                PathBuf::from("/a/episodes.csv")
            ]
        );
        let launch = Launch::parse(&args(&["--import-files", "/b/cin.xml"]), env).unwrap();
        assert_eq!(launch.import_files, [PathBuf::from("/b/cin.xml")]);
        assert!(Launch::parse(&[], |_| None)
            .unwrap()
            .import_files
            .is_empty());
    }

    #[test]
    fn a_bad_date_is_refused_with_its_name() {
        let err = Launch::parse(&args(&["--today", "23/11/2026"]), |_| None).unwrap_err();
        assert_eq!(
            err,
            "--today: '23/11/2026' is not a date in the form YYYY-MM-DD"
        );
        let err = Launch::parse(&args(&["--today"]), |_| None).unwrap_err();
        assert_eq!(err, "--today needs a value");
    }
}
