//! A bare Tauri 2 window with one static page: the floor `scripts/bench` compares the app's
//! cold start and memory with. It prints `painted <ms>` (milliseconds since the process
//! started) once its page has painted, as the app does with `--trace-startup`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn page_painted() {
    let started = STARTED.get_or_init(Instant::now);
    println!("painted {}", started.elapsed().as_millis());
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![page_painted])
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}
