//! Tauri's build step, and the build date the About screen shows (`CASELOAD_BUILD_DATE`,
//! YYYY-MM-DD, UTC): `SOURCE_DATE_EPOCH` when it is set, for reproducible builds, otherwise the
//! day this script runs. It runs again when the app's sources or the UI change, so the date is
//! the day the binary was last built from changed sources.

fn main() {
    tauri_build::build();
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rustc-env=CASELOAD_BUILD_DATE={}", build_date());
}

fn build_date() -> String {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .unwrap_or_else(|_| panic!("SOURCE_DATE_EPOCH is not whole seconds: {text:?}")),
        Err(_) => chrono::Utc::now().timestamp(),
    };
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_else(|| panic!("SOURCE_DATE_EPOCH is out of range: {seconds}"))
        .format("%Y-%m-%d")
        .to_string()
}
