//! The per-user files, in one place for the CLI and the desktop app: the store, the demo store
//! and the desktop's preferences. The folders are the ones Tauri resolves for the app's
//! identifier ([`APP_IDENTIFIER`]), so the desktop and the CLI find the same files.

use std::path::PathBuf;

/// The desktop app's identifier; its per-user data folder is named after it.
pub const APP_IDENTIFIER: &str = "org.irocaseload.desktop";

/// The per-user store the desktop app uses, and the CLI by default:
/// `$XDG_DATA_HOME/org.irocaseload.desktop/caseload.sqlite3` (or `~/.local/share/…`;
/// `%APPDATA%\…` on Windows; `~/Library/Application Support/…` on macOS).
pub fn default_store_path() -> Option<PathBuf> {
    Some(data_home()?.join(APP_IDENTIFIER).join("caseload.sqlite3"))
}

/// The desktop's synthetic demo store (`--demo`), beside the per-user store:
/// `…/org.irocaseload.desktop/demo.sqlite3`.
pub fn default_demo_store_path() -> Option<PathBuf> {
    Some(data_home()?.join(APP_IDENTIFIER).join("demo.sqlite3"))
}

/// The desktop's preferences, kept outside the store:
/// `$XDG_CONFIG_HOME/org.irocaseload.desktop/prefs.json` (or `~/.config/…`; `%APPDATA%\…` on
/// Windows; `~/Library/Application Support/…` on macOS).
pub fn default_prefs_path() -> Option<PathBuf> {
    Some(config_home()?.join(APP_IDENTIFIER).join("prefs.json"))
}

/// The user's data folder, as Tauri's `app_data_dir` finds it (without the identifier).
fn data_home() -> Option<PathBuf> {
    platform_home("XDG_DATA_HOME", ".local/share")
}

/// The user's configuration folder, as Tauri's `app_config_dir` finds it (without the
/// identifier).
fn config_home() -> Option<PathBuf> {
    platform_home("XDG_CONFIG_HOME", ".config")
}

fn platform_home(xdg_var: &str, under_home: &str) -> Option<PathBuf> {
    if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os(xdg_var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(under_home)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_store_lies_beside_the_store_in_the_app_folder() {
        let (Some(store), Some(demo), Some(prefs)) = (
            default_store_path(),
            default_demo_store_path(),
            default_prefs_path(),
        ) else {
            // No home folder in this environment: nothing to compare.
            return;
        };
        assert_eq!(store.parent(), demo.parent());
        assert!(store.parent().unwrap().ends_with(APP_IDENTIFIER));
        assert!(prefs.parent().unwrap().ends_with(APP_IDENTIFIER));
        assert_eq!(demo.file_name().unwrap(), "demo.sqlite3");
        assert_eq!(prefs.file_name().unwrap(), "prefs.json");
    }
}
