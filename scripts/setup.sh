# Sourced by scripts/start, scripts/test and scripts/package: makes sure this machine has what IRO
# Caseload needs, installing what it can (Debian/Ubuntu packages when root, npm packages,
# tauri-driver, cargo-about), and saying exactly what is missing when it cannot.

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# The system libraries Tauri builds against, Xvfb and WebKit's WebDriver for the window tests;
# perl and make build the OpenSSL that SQLCipher is vendored with (nothing to install at run time);
# the window tests read exported documents back with independent readers (unzip, pdftotext).
APT_PACKAGES=(libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libssl-dev pkg-config xvfb webkit2gtk-driver perl make unzip poppler-utils)

# What scripts/package and the install test (tests/install/run.sh) use besides: lintian checks the
# .deb, desktop-file-validate its desktop entry, rpm reads the .rpm's declared dependencies back.
# Tauri's bundler makes both packages itself; it needs neither dpkg-dev nor rpmbuild.
PACKAGING_APT_PACKAGES=(lintian desktop-file-utils rpm)

ensure_system_packages() { ensure_apt_packages "${APT_PACKAGES[@]}"; }
ensure_packaging_tools() { ensure_apt_packages "${PACKAGING_APT_PACKAGES[@]}"; }

ensure_apt_packages() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    step "installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    fail "missing system packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
  fi
}

ensure_toolchains() {
  command -v cargo >/dev/null || fail "missing cargo. Install Rust (stable) with rustup, then run this again."
  cargo fmt --version >/dev/null 2>&1 || fail "missing rustfmt. Run: rustup component add rustfmt"
  cargo clippy --version >/dev/null 2>&1 || fail "missing clippy. Run: rustup component add clippy"
  command -v node >/dev/null && command -v npm >/dev/null || fail "missing Node.js and npm (Node 20 or later)."
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    step "installing tauri-driver (cargo install)"
    cargo install tauri-driver --locked --version 2.1.0 --quiet
  fi
}

# cargo-about, which lists the licences of the crates that ship (the About screen shows them).
ensure_cargo_about() {
  if [ "$(cargo about --version 2>/dev/null)" != "cargo-about 0.9.3" ]; then
    step "installing cargo-about 0.9.3 (cargo install)"
    cargo install cargo-about --locked --version 0.9.3 --features cli --quiet
  fi
}

# The crates' licences, for the About screen: cargo-about's JSON for each binary that ships (the
# app, and the `caseload` command line) on this machine's target, in ui/generated/licences/ (not
# committed), which the UI build embeds. Made again when Cargo.lock, a Cargo.toml or about.toml
# is newer (about 3 minutes on 2 cores; the first time, cargo fetches the sources of crates for
# other platforms too, which `cargo metadata` reads).
CRATE_LICENCES=ui/generated/licences
crate_licences_fresh() {
  local f
  for f in "$CRATE_LICENCES/cargo-about-desktop.json" "$CRATE_LICENCES/cargo-about-cli.json"; do
    [ -s "$f" ] || return 1
    [ -z "$(find Cargo.lock about.toml Cargo.toml crates/*/Cargo.toml src-tauri/Cargo.toml -newer "$f")" ] || return 1
  done
}

generate_crate_licences() {
  crate_licences_fresh && return 0
  local target name manifest
  target="$(rustc -vV | sed -n 's/^host: //p')"
  step "licences of the crates that ship (cargo about, $target)"
  mkdir -p "$CRATE_LICENCES"
  for name in desktop:src-tauri cli:crates/caseload-cli; do
    manifest="${name#*:}/Cargo.toml"
    name="${name%%:*}"
    cargo about generate --format json --locked --target "$target" -m "$manifest" \
      -o "$CRATE_LICENCES/cargo-about-$name.json.partial"
    mv "$CRATE_LICENCES/cargo-about-$name.json.partial" "$CRATE_LICENCES/cargo-about-$name.json"
  done
}

# The UI, with the licence lists the About screen shows: the crates' from cargo-about (above),
# the bundled npm packages' from rollup-plugin-license during the build (ui/vite.config.ts).
build_ui() {
  ensure_cargo_about
  generate_crate_licences
  step "UI: install packages and build"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build)
}
