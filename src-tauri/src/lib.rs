//! # caseload-desktop
//!
//! The Tauri shell of IRO Caseload: launch options, managed state, plugins, and thin commands
//! that call `caseload-api`. Wiring only: no business rule, no SQL, no date arithmetic here.
//!
//! Launch options (flag, else environment variable):
//! - `--demo` / `CASELOAD_DEMO=1`: open a separate, freshly generated synthetic demo store;
//!   the title bar says DEMO.
//! - `--today YYYY-MM-DD` / `CASELOAD_TODAY`: a fixed "today", for reproducible demos and tests.
//! - `--db PATH` / `CASELOAD_DB`: the store file (tests use a fresh temporary one).
//! - `--export-dir DIR` / `CASELOAD_EXPORT_DIR`: save calendar, report and meeting document
//!   exports there without asking.
//! - `--import-files PATHS` / `CASELOAD_IMPORT_FILES` (`:`-separated): what "Choose files…" on
//!   the Import screen takes without a dialog (the window tests).
//! - `--backup-dir DIR` / `CASELOAD_BACKUP_DIR`: the backups folder (else the one chosen in
//!   Settings, else `backups/` beside the store).
//! - `--auto-lock-seconds N` / `CASELOAD_AUTO_LOCK_SECONDS`: lock after N idle seconds instead of
//!   the store's setting (tests, shared machines).
//! - `--trace-startup` / `CASELOAD_TRACE_STARTUP=1`: print `painted <ms>` on standard output once
//!   the first screen has painted (`scripts/bench` times the cold start by it).
//!
//! A new store is encrypted with a passphrase chosen on first run; the demo store is plaintext
//! (synthetic data) and says so.

mod about;
mod bindings;
mod commands;
mod error;
mod exports;
mod handover;
mod imports;
mod launch;
mod retention;
mod service;
mod state;

pub use bindings::specta_builder;
pub use error::CommandError;

use tauri::Manager;

/// Builds and runs the app.
pub fn run(context: tauri::Context<tauri::Wry>) {
    let started = std::time::Instant::now();
    let builder = specta_builder();
    let launch = match launch::Launch::from_env() {
        Ok(launch) => launch,
        Err(message) => {
            eprintln!("caseload-desktop: {message}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        // One instance at a time: a second launch focuses the first window.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let session = state::open_session(&launch)?;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_title(state::window_title(&session));
            }
            app.manage(session);
            app.manage(state::ImportFiles(launch.import_files.clone()));
            app.manage(handover::OpenCoverPack::default());
            app.manage(state::StartupTrace::new(launch.trace_startup, started));
            state::start_watchdog(app.handle().clone());
            Ok(())
        })
        .run(context)
        .expect("error while running IRO Caseload");
}
