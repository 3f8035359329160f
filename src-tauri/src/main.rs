#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    caseload_desktop::run(tauri::generate_context!());
}
