#!/usr/bin/env bash
# Packs a built bundle into classroom-kiosk_VERSION_amd64.deb (called by installer/build.sh).
# Usage: installer/debian/make-deb.sh BUNDLE_FOLDER VERSION OUT_FOLDER
#
# Layout: /opt/classroom-kiosk (the bundle), /usr/bin/kiosk (launcher), /usr/bin/kiosk-autostart,
# /usr/share/applications/classroom-kiosk.desktop, the icon in hicolor (SVG + 256 px PNG), and the
# autostart entry installed disabled in /usr/share/classroom-kiosk/. Depends lists only the
# desktop libraries Qt loads from the system (the bundle carries everything else); no database
# server, no Python.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE="$1"
VERSION="$2"
OUT="$3"
PKG=classroom-kiosk
STAGE="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-deb.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

[ -x "$BUNDLE/kiosk" ] || { echo "make-deb: $BUNDLE/kiosk is not a built bundle" >&2; exit 1; }

install -d "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/$PKG" "$STAGE/usr/share/doc/$PKG" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/icons/hicolor/256x256/apps"
# Hard links when the file system allows: no second copy of ~1 GB while packing.
cp -al "$BUNDLE" "$STAGE/opt/$PKG" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/opt/$PKG"
install -m 755 "$HERE/kiosk" "$HERE/kiosk-autostart" "$STAGE/usr/bin/"
install -m 644 "$HERE/classroom-kiosk.desktop" "$STAGE/usr/share/applications/$PKG.desktop"
install -m 644 "$HERE/classroom-kiosk-autostart.desktop" "$STAGE/usr/share/$PKG/classroom-kiosk-autostart.desktop"
install -m 644 "$ROOT/resources/icons/classroom-kiosk.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$PKG.svg"
install -m 644 "$ROOT/resources/icons/classroom-kiosk.png" "$STAGE/usr/share/icons/hicolor/256x256/apps/$PKG.png"
install -m 755 "$HERE/postinst" "$HERE/postrm" "$STAGE/DEBIAN/"
cat >"$STAGE/usr/share/doc/$PKG/README.Debian" <<DOC
Classroom attendance kiosk $VERSION, a self-contained bundle in /opt/$PKG.
Start it from the applications menu or with \`kiosk\`; \`kiosk doctor\` checks this PC.
Open it at login in kiosk mode: \`kiosk-autostart enable\` (this user) or
\`sudo kiosk-autostart enable --all-users\`.
Each user's data (database, settings, face encodings, logs) lives in ~/.local/share/$PKG
(or KIOSK_DATA_DIR) and is kept when the package is removed or purged.
DOC

# Qt's xcb/EGL platform needs these from the system (the list installer/install.sh installs,
# minus the test-only ones); "a | b" for Debian 13 / Ubuntu 24.04's t64-renamed libraries.
DEPENDS="libc6 (>= 2.31), libgl1, libegl1, libglib2.0-0t64 | libglib2.0-0, libdbus-1-3, libfontconfig1, \
libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, \
libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-randr0, libxcb-render-util0, libxcb-image0, \
libxcb-xinerama0, libxcb-xkb1, libxcb-xfixes0, libxcb-shm0, libxcb-sync1, libxcb-render0, libxcb-util1"
size_kb="$(du -sk "$STAGE" | cut -f1)"
cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: $PKG
Version: $VERSION
Architecture: amd64
Maintainer: Classroom kiosk maintainers <kiosk@localhost>
Installed-Size: $size_kb
Depends: $DEPENDS
Recommends: fonts-dejavu-core
Suggests: gnome-keyring
Section: education
Priority: optional
Description: face-recognition attendance kiosk for a classroom PC
 A teacher starts a session for the class and students are marked present as
 the camera sees them. Self-contained: Python, Qt, onnxruntime, dlib, FAISS and
 the offline face models are in /opt/$PKG. Works offline with its built-in
 SQLite database, or with a school's PostgreSQL server (not installed here).
CONTROL

deb="$OUT/${PKG}_${VERSION}_amd64.deb"
rm -f "$deb"
# gzip, not dpkg's default xz: several times faster on a 1 GB tree, readable by every dpkg.
nice -n "${KIOSK_BUILD_NICE:-10}" dpkg-deb --root-owner-group -Zgzip -z6 --build "$STAGE" "$deb" >/dev/null
echo "build: deb: $deb ($(du -sh "$deb" | cut -f1))"
