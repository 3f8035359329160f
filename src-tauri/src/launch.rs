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
                "--today" => launch.today = Some(parse_date("--today", &value()?)?),
                "--db" => launch.db = Some(PathBuf::from(value()?)),
                "--export-dir" => launch.export_dir = Some(PathBuf::from(value()?)),
                // Tauri and WebKit may pass options of their own; ignore what is not ours.
                _ => {}
            }
        }
        Ok(launch)
    }
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
