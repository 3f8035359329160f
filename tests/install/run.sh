#!/usr/bin/env bash
# The install test: the packages as IT would deploy them, checked without touching the system.
# Expects the packages scripts/package built (scripts/test builds the debug ones with
# `scripts/package --debug`, to stay within its CI budget; pass `release` to check
# target/release/bundle instead, after `scripts/package`).
#
#   1. the .deb unpacked (dpkg-deb -x) into a temporary root, and what it holds: the app, the
#      `caseload` command line, the desktop entry, the icons, the copyright file, nothing
#      outside /usr (an upgrade must not touch the user's data);
#   2. the desktop entry passes desktop-file-validate;
#   3. the declared dependencies: WebKitGTK 4.1 and GTK 3 in the .deb's Depends and the .rpm's
#      requirements (rpm -qpR), and the .rpm holds the same files;
#   4. `caseload --version` from the unpacked root prints the workspace version;
#   5. the unpacked app started under Xvfb through the e2e harness, on the demo
#      (tests/e2e/install/installed.test.js);
#   6. lintian on the .deb, failing on any error or warning that the package's overrides
#      (src-tauri/packaging/lintian-overrides, one line of justification each) do not cover.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
profile="${1:-debug}"
bundle="$root/target/$profile/bundle"
fail() { echo "tests/install/run.sh: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }

for tool in dpkg-deb desktop-file-validate lintian rpm Xvfb; do
  command -v "$tool" >/dev/null || fail "missing $tool (scripts/test installs lintian, desktop-file-utils and rpm)"
done
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")"
[ -n "$version" ] || fail "no [workspace.package] version in Cargo.toml"
deb="$bundle/deb/iro-caseload_${version}_$(dpkg --print-architecture).deb"
rpm_file="$bundle/rpm/iro-caseload-${version}-1.$(uname -m).rpm"
build="scripts/package"
[ "$profile" = debug ] && build="scripts/package --debug"
[ -f "$deb" ] || fail "missing $deb (run $build)"
[ -f "$rpm_file" ] || fail "missing $rpm_file"

unpacked="$(mktemp -d /tmp/caseload-install.XXXXXX)"
trap 'rm -rf "$unpacked"' EXIT

echo "==> the .deb ($profile) unpacked into $unpacked"
dpkg-deb -x "$deb" "$unpacked"
for f in usr/bin/iro-caseload usr/bin/caseload; do
  [ -x "$unpacked/$f" ] || fail "the .deb has no executable /$f"
done
desktop="$unpacked/usr/share/applications/iro-caseload.desktop"
[ -f "$desktop" ] || fail "the .deb has no /usr/share/applications/iro-caseload.desktop"
for size in 32x32 64x64 128x128 256x256; do
  [ -f "$unpacked/usr/share/icons/hicolor/$size/apps/iro-caseload.png" ] || fail "no $size icon"
done
[ -f "$unpacked/usr/share/doc/iro-caseload/copyright" ] || fail "no copyright file"
ok "app, command line, desktop entry, icons (32–256 px) and copyright file"
# An upgrade replaces only installed files: the user's caseload lives in their profile, so the
# package must hold nothing outside /usr (no data, no configuration to overwrite).
outside="$(cd "$unpacked" && find . -mindepth 1 \( -path ./usr -prune \) -o -print)"
[ -z "$outside" ] || fail "the .deb installs outside /usr: $outside"
ok "everything it installs is under /usr"

desktop-file-validate "$desktop" || fail "desktop-file-validate failed on the desktop entry"
grep -qx 'Exec=iro-caseload' "$desktop" || fail "the desktop entry does not run iro-caseload"
grep -qx 'Categories=Office;' "$desktop" || fail "the desktop entry's category is not Office"
ok "desktop entry valid (desktop-file-validate), Exec=iro-caseload, Categories=Office;"

[ "$(dpkg-deb -f "$deb" Package)" = iro-caseload ] || fail "the .deb's package is not iro-caseload"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the .deb's version is not $version"
depends="$(dpkg-deb -f "$deb" Depends)"
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libc6; do
  [[ ", $depends," == *", $dep,"* ]] || fail "the .deb does not depend on $dep (Depends: $depends)"
done
ok "the .deb: iro-caseload $version, Depends: $depends"

requires="$(rpm -qpR "$rpm_file" 2>/dev/null)"
for dep in 'libwebkit2gtk-4.1.so.0()(64bit)' 'libgtk-3.so.0()(64bit)'; do
  grep -qxF "$dep" <<<"$requires" || fail "the .rpm does not require $dep"
done
[ "$(rpm -qp --qf '%{VERSION}' "$rpm_file" 2>/dev/null)" = "$version" ] || fail "the .rpm's version is not $version"
rpm_files="$(rpm -qpl "$rpm_file" 2>/dev/null)"
for f in /usr/bin/iro-caseload /usr/bin/caseload /usr/share/applications/iro-caseload.desktop; do
  grep -qxF "$f" <<<"$rpm_files" || fail "the .rpm has no $f"
done
ok "the .rpm: version $version, requires WebKitGTK 4.1 and GTK 3, holds the app, the CLI and the entry"

printed="$("$unpacked/usr/bin/caseload" --version)"
[ "$printed" = "caseload $version" ] || fail "caseload --version printed '$printed', not 'caseload $version'"
ok "the unpacked caseload --version: $printed"

echo "==> the unpacked app under Xvfb, through the e2e harness"
APP_BIN="$unpacked/usr/bin/iro-caseload" CASELOAD_BIN="$unpacked/usr/bin/caseload" \
  "$root/tests/e2e/run.sh" install/

echo "==> lintian on the .deb"
lintian_args=(--fail-on error,warning --tag-display-limit 0)
# The debug package keeps the debug build's symbols by design (scripts/package --debug); the
# release profile strips them, and its package is checked without this exception.
[ "$profile" = debug ] && lintian_args+=(--suppress-tags unstripped-binary-or-object)
lintian "${lintian_args[@]}" "$deb" || fail "lintian reports what is neither fixed nor justified"
ok "lintian: nothing beyond the package's justified overrides"
