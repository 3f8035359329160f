#!/usr/bin/env bash
# Runs the end-to-end tests against the real app window, under Xvfb, through tauri-driver and
# WebKitWebDriver. Expects the app and the CLI to be built (scripts/test does that).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

export APP_BIN="${APP_BIN:-$root/target/debug/caseload-desktop}"
export CASELOAD_BIN="${CASELOAD_BIN:-$root/target/debug/caseload}"
export SCREENSHOTS="${SCREENSHOTS:-$here/screenshots}"
display="${E2E_DISPLAY:-:99}"
driver="${TAURI_DRIVER:-$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")}"
native="${NATIVE_DRIVER:-$(command -v WebKitWebDriver || echo /usr/bin/WebKitWebDriver)}"

for need in "$APP_BIN" "$CASELOAD_BIN" "$driver" "$native"; do
  [ -x "$need" ] || { echo "tests/e2e/run.sh: missing $need (run scripts/test, which builds and installs it)" >&2; exit 1; }
done
command -v Xvfb >/dev/null || { echo "tests/e2e/run.sh: missing Xvfb (apt-get install xvfb)" >&2; exit 1; }

pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "${run_home:-}"
}
trap cleanup EXIT

# An X server of our own, at the size an IRO's laptop has, unless a live one has the display.
# A server that died leaves its socket and lock file behind: they are removed, or the display
# would look taken, no server would start, and every window would fail to open.
socket="/tmp/.X11-unix/X${display#:}"
lock="/tmp/.X${display#:}-lock"
server_pid="$(tr -d ' ' <"$lock" 2>/dev/null || true)"
if [ -e "$socket" ] && [ -n "$server_pid" ] && [ ! -d "/proc/$server_pid" ]; then
  echo "tests/e2e/run.sh: removing the dead X server's socket and lock of $display"
  rm -f "$socket" "$lock"
fi
if [ ! -e "$socket" ]; then
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -e "$socket" ] && break; sleep 0.1; done
  [ -e "$socket" ] || { echo "tests/e2e/run.sh: Xvfb did not start on $display" >&2; exit 1; }
fi
export DISPLAY="$display"

# Isolated home folders (window state, WebKit storage); no session bus, so the single-instance
# plugin lets each test's window start on its own.
run_home="$(mktemp -d /tmp/caseload-e2e-home.XXXXXX)"
export XDG_CONFIG_HOME="$run_home/config" XDG_DATA_HOME="$run_home/data" XDG_CACHE_HOME="$run_home/cache"
unset DBUS_SESSION_BUS_ADDRESS CASELOAD_DB CASELOAD_DEMO CASELOAD_TODAY CASELOAD_EXPORT_DIR

# Each spec file's process starts its own tauri-driver (lib/driver.js), from DRIVER_PORT up,
# and replaces it when WebKitWebDriver resets a connection.
export TAURI_DRIVER="$driver" NATIVE_DRIVER="$native" DRIVER_PORT="${DRIVER_PORT:-4444}"

mkdir -p "$SCREENSHOTS"
cd "$here"
# Every spec, or only those named (tests/e2e/run.sh specs/flow.test.js).
node --test --test-concurrency=1 --test-reporter=spec "${@:-specs/}"
