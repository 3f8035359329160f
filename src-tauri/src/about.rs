//! The About screen's commands: this build (its version, and the day `build.rs` stamped it
//! with) and the caseload's files, from the session; the third-party licence lists the UI
//! build put among the window's assets (`licences/rust.json`, `licences/npm.json`, embedded
//! with the rest of `ui/dist`). Wiring only: the view models are `caseload-api`'s.

use caseload_api::{licences_view, AboutView, Build, LicenceLists, LicencesView, Session};
use chrono::NaiveDate;
use tauri::State;

use crate::error::CommandError;

/// The build date `build.rs` wrote: `SOURCE_DATE_EPOCH`'s day, or the day of the build (UTC).
const BUILD_DATE: &str = env!("CASELOAD_BUILD_DATE");

/// The licence lists among the window's assets.
const CRATES_LIST: &str = "licences/rust.json";
const NPM_LIST: &str = "licences/npm.json";

/// This build: the workspace's version and the build date.
pub fn this_build() -> Build {
    Build {
        version: env!("CARGO_PKG_VERSION").to_string(),
        built_on: NaiveDate::parse_from_str(BUILD_DATE, "%Y-%m-%d")
            .expect("build.rs writes the build date as YYYY-MM-DD"),
    }
}

/// The version, the build date and where the caseload's files are (open or locked).
#[tauri::command]
#[specta::specta]
pub fn get_about(session: State<'_, Session>) -> Result<AboutView, CommandError> {
    Ok(session.about(&this_build())?)
}

/// Every third-party crate and npm package this build ships, grouped by licence, with the
/// texts; says so when the build carries no list.
#[tauri::command(async)]
#[specta::specta]
pub fn get_licences(handle: tauri::AppHandle) -> LicencesView {
    let crates = embedded_asset(&handle, CRATES_LIST);
    let npm = embedded_asset(&handle, NPM_LIST);
    licences_view(LicenceLists {
        crates: crates.as_deref(),
        npm: npm.as_deref(),
    })
}

/// An asset of the window's by its path in `ui/dist`, or none when the build has no such file
/// (Tauri's resolver would answer `index.html` for a missing path, so it is looked up first).
fn embedded_asset(handle: &tauri::AppHandle, path: &str) -> Option<Vec<u8>> {
    let resolver = handle.asset_resolver();
    let key = format!("/{path}");
    let present = resolver.iter().any(|(k, _)| k == key.as_str());
    present
        .then(|| resolver.get(path.to_string()))
        .flatten()
        .map(|asset| asset.bytes)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use caseload_api::{PlaceKind, SessionOptions, SystemClock};

    use super::*;

    fn session(dir: &std::path::Path, demo: bool) -> Session {
        let options = SessionOptions {
            store_path: dir.join("caseload.sqlite3"),
            prefs_path: dir.join("config").join("prefs.json"),
            backup_dir: None,
            export_dir: None,
            demo,
            fixed_today: NaiveDate::from_ymd_opt(2026, 11, 23),
            auto_lock_override: None,
        };
        Session::open(options, Arc::new(SystemClock)).unwrap()
    }

    fn path_of(view: &AboutView, kind: PlaceKind) -> Option<String> {
        view.places
            .iter()
            .find(|p| p.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} in {view:?}"))
            .path
            .clone()
    }

    #[test]
    fn about_shows_this_build_s_version_and_date_and_the_session_s_own_paths() {
        let dir = tempfile::tempdir().unwrap();
        let session = session(dir.path(), false);
        let view = session.about(&this_build()).unwrap();
        assert_eq!(view.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(view.built_on.format("%Y-%m-%d").to_string(), BUILD_DATE);
        let shown = |kind| path_of(&view, kind).map(std::path::PathBuf::from);
        assert_eq!(
            shown(PlaceKind::Store).as_deref(),
            Some(session.store_path())
        );
        assert_eq!(shown(PlaceKind::Backups), Some(session.backup_dir()));
        assert_eq!(shown(PlaceKind::Backups), Some(dir.path().join("backups")));
        assert_eq!(
            shown(PlaceKind::Preferences).as_deref(),
            Some(session.prefs_path())
        );
        // No caseload yet: no key file until the first run makes one.
        assert_eq!(shown(PlaceKind::KeyFile), None);
        assert!(!view.demo);
    }

    #[test]
    fn the_build_date_is_a_day_no_later_than_today_unless_the_build_was_given_one() {
        let built_on = this_build().built_on;
        if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
            assert!(built_on <= chrono::Utc::now().date_naive(), "{built_on}");
        }
    }

    #[test]
    fn the_demo_s_about_names_the_demo_store_and_no_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let session = session(dir.path(), true);
        let view = session.about(&this_build()).unwrap();
        assert!(view.demo);
        assert_eq!(
            path_of(&view, PlaceKind::Store).map(std::path::PathBuf::from),
            Some(session.store_path().to_path_buf())
        );
        let store = view
            .places
            .iter()
            .find(|p| p.kind == PlaceKind::Store)
            .unwrap();
        assert!(
            store.note.starts_with("The demo caseload"),
            "{}",
            store.note
        );
        assert_eq!(path_of(&view, PlaceKind::KeyFile), None);
    }
}
