//! The desktop's preferences, kept outside the store because they are needed before it is
//! unlocked: the backups folder the user chose (a damaged store's latest good backup is looked for there),
//! whether the user has read that exported files are not encrypted, and the column mapping saved
//! for each source of an LA's own CSV (column names only). No child data. A missing or
//! unreadable file means the defaults; a saved mapping this version cannot read is skipped.
//! Plain serde JSON (`prefs.json`); the file's format is a contract with earlier versions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{ColumnMapping, SavedMappings};
use serde::{Deserialize, Serialize};

/// `prefs.json` in the app's config folder ([`crate::default_prefs_path`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Where backups go, if the user chose.
    #[serde(default)]
    pub backup_dir: Option<PathBuf>,
    /// The user has read, once, that an exported document is not encrypted.
    #[serde(default)]
    pub plaintext_exports_acknowledged: bool,
    /// An LA's own CSV's source (its header row, normalised) → its column mapping, as JSON
    /// (kept as written, so one this version cannot read spoils nothing else).
    #[serde(default)]
    pub import_mappings: BTreeMap<String, serde_json::Value>,
}

impl Prefs {
    /// The saved preferences, or the defaults.
    pub fn load(path: &Path) -> Prefs {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// The mappings saved per source that this version can read.
    pub fn mappings(&self) -> SavedMappings {
        self.import_mappings
            .iter()
            .filter_map(|(source, json)| {
                let mapping = serde_json::from_value::<ColumnMapping>(json.clone()).ok()?;
                Some((source.clone(), mapping))
            })
            .collect()
    }

    /// Keeps `mapping` for `source`, in place of any before.
    pub fn set_mapping(
        &mut self,
        source: String,
        mapping: &ColumnMapping,
    ) -> serde_json::Result<()> {
        self.import_mappings
            .insert(source, serde_json::to_value(mapping)?);
        Ok(())
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
        let mut prefs = Prefs {
            backup_dir: Some(dir.path().join("usb")),
            plaintext_exports_acknowledged: true,
            ..Prefs::default()
        };
        let mapping: ColumnMapping =
            serde_json::from_str(r#"{"columns": {"child_id": "Child ID"}}"#).unwrap();
        prefs
            .set_mapping("child id,dob".to_string(), &mapping)
            .unwrap();
        prefs.save(&path).unwrap();
        assert_eq!(Prefs::load(&path), prefs);
        assert_eq!(Prefs::load(&path).mappings()["child id,dob"], mapping);
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(Prefs::load(&path), Prefs::default());
    }

    #[test]
    fn the_file_keeps_the_field_names_earlier_versions_wrote() {
        let prefs = Prefs {
            backup_dir: Some(PathBuf::from("/usb/backups")),
            plaintext_exports_acknowledged: true,
            import_mappings: BTreeMap::new(),
        };
        assert_eq!(
            serde_json::to_value(&prefs).unwrap(),
            serde_json::json!({
                "backup_dir": "/usb/backups",
                "plaintext_exports_acknowledged": true,
                "import_mappings": {}
            })
        );
    }

    #[test]
    fn a_saved_mapping_this_version_cannot_read_is_skipped_and_spoils_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        let json = r#"{
            "plaintext_exports_acknowledged": true,
            "import_mappings": {
                "child id": {"columns": {"child_id": "Child ID"}},
                "shoe": {"columns": {"shoe_size": "Shoe"}}
            }
        }"#;
        std::fs::write(&path, json).unwrap();
        let prefs = Prefs::load(&path);
        assert!(prefs.plaintext_exports_acknowledged);
        let mappings = prefs.mappings();
        let sources: Vec<&str> = mappings.keys().map(String::as_str).collect();
        assert_eq!(sources, ["child id"]);
    }
}
