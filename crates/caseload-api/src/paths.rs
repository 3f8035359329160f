use std::path::PathBuf;

/// The desktop app's identifier; its per-user data folder is named after it.
pub const APP_IDENTIFIER: &str = "org.irocaseload.desktop";

/// The per-user store the desktop app uses, and the CLI by default:
/// `$XDG_DATA_HOME/org.irocaseload.desktop/caseload.sqlite3` (or `~/.local/share/…`;
/// `%APPDATA%\…` on Windows; `~/Library/Application Support/…` on macOS).
pub fn default_store_path() -> Option<PathBuf> {
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    }?;
    Some(base.join(APP_IDENTIFIER).join("caseload.sqlite3"))
}
