# Sourced by scripts/start and scripts/test: makes sure this machine has what IRO Caseload needs,
# installing what it can (Debian/Ubuntu packages when root, npm packages, tauri-driver), and
# saying exactly what is missing when it cannot.

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

build_ui() {
  step "UI: install packages and build"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build)
}
