//! Every command is declared once, here. `run()` and the freshness test both use this builder,
//! so the committed `ui/src/lib/bindings.ts` always matches the Rust types.

use tauri_specta::{collect_commands, Builder};

use crate::about::*;
use crate::commands::*;
use crate::exports::*;
use crate::handover::*;
use crate::imports::*;
use crate::retention::*;
use crate::service::*;

/// The commands and their types.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            get_app_info,
            get_about,
            get_licences,
            startup_painted,
            get_today,
            get_caseload,
            get_child,
            explain_warning,
            get_meeting_record,
            get_meeting_pack,
            get_week,
            check_booking,
            read_date,
            get_month_page,
            get_disputes,
            get_dispute,
            get_audit,
            get_lock_status,
            create_store,
            unlock,
            recover_store,
            take_recovery_key,
            renew_recovery_key,
            lock,
            touch,
            change_passphrase,
            encrypt_store,
            get_backups,
            backup_now,
            set_backup_dir,
            restore_backup,
            get_report,
            export_report,
            get_participation_options,
            get_settings,
            apply_changes,
            import_holidays,
            suggest_ics_name,
            export_ics,
            suggest_document_name,
            export_meeting_document,
            suggest_child_document_name,
            export_child_document,
            export_subject_access,
            get_retention,
            erase_children,
            acknowledge_plaintext_exports,
            import_files,
            get_import_mapping,
            save_import_mapping,
            get_handover_children,
            export_handover,
            transfer_out,
            preview_handover,
            import_handover,
            export_cover_pack,
            open_cover_pack,
            remove_cover_pack,
            export_figures,
            get_service_status,
            open_service,
            import_service_figures,
            get_service_report,
            export_service_report,
        ])
        // Ids and counts are i64/u32: far below 2^53, so plain `number` is exact.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (no separate serialize/deserialize shapes).
        .disable_serde_phases()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    const BINDINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/bindings.ts");

    /// The committed bindings equal a fresh export. `UPDATE_BINDINGS=1` rewrites them.
    #[test]
    fn bindings_are_fresh() {
        let dir = std::env::temp_dir().join(format!("caseload-bindings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fresh_path = dir.join("bindings.ts");
        super::specta_builder()
            .export(specta_typescript::Typescript::default(), &fresh_path)
            .expect("export bindings");
        let fresh = std::fs::read_to_string(&fresh_path).unwrap();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(Path::new(BINDINGS), &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(BINDINGS).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p caseload-desktop bindings`"
        );
    }
}
