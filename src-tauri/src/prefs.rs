//! Preferences kept outside the store, because they are needed before it is unlocked: the
//! backups folder the user chose (a damaged store's latest good backup is looked for there),
//! and whether the user has read that exported files are not encrypted. No child data. A missing or unreadable file means the defaults.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// `prefs.json` in the app's config folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Where backups go, if the user chose.
    #[serde(default)]
    pub backup_dir: Option<PathBuf>,
    /// The user has read, once, that an exported document is not encrypted.
    #[serde(default)]
    pub plaintext_exports_acknowledged: bool,
}

impl Prefs {
    /// The saved preferences, or the defaults.
    pub fn load(path: &Path) -> Prefs {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Saves them whole: written beside the file, then renamed over it.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_preferences_load_back_and_a_missing_or_broken_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join("prefs.json");
        assert_eq!(Prefs::load(&path), Prefs::default());
        let prefs = Prefs {
            backup_dir: Some(dir.path().join("usb")),
            plaintext_exports_acknowledged: true,
        };
        prefs.save(&path).unwrap();
        assert_eq!(Prefs::load(&path), prefs);
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(Prefs::load(&path), Prefs::default());
    }
}
