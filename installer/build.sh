#!/usr/bin/env bash
# Builds the self-contained Linux x86-64 kiosk: a one-folder PyInstaller bundle, a .tar.gz of it
# and a .deb that installs it under /opt/classroom-kiosk. Needs the project installed in .venv
# (installer/install.sh); installs PyInstaller there from the `build` extra when it is missing.
#
# Usage: installer/build.sh [--no-deb] [--no-archive]
# Output, in dist/ (KIOSK_DIST_DIR):
#   classroom-kiosk-VERSION-linux-x86_64/           the bundle: ./kiosk and _internal/
#   classroom-kiosk-VERSION-linux-x86_64.tar.gz     the same folder, archived
#   classroom-kiosk_VERSION_amd64.deb               the Debian/Ubuntu package
# Environment: KIOSK_BUILD_PYTHON (default .venv/bin/python), KIOSK_BUILD_DIR (work folder,
#   default build/installer), KIOSK_MODEL_SOURCES (folders with Facenet512/YuNet weights to pack,
#   separated by ':'), KIOSK_BUILD_NICE (niceness of the freezer, default 10).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${KIOSK_BUILD_PYTHON:-$ROOT/.venv/bin/python}"
WORK="${KIOSK_BUILD_DIR:-$ROOT/build/installer}"
DIST="${KIOSK_DIST_DIR:-$ROOT/dist}"
NICE="${KIOSK_BUILD_NICE:-10}"
make_deb=1
make_archive=1
for arg in "$@"; do
    case "$arg" in
        --no-deb) make_deb=0 ;;
        --no-archive) make_archive=0 ;;
        -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build: unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf 'build: %s\n' "$*"; }
die() { printf 'build: error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "this script builds the Linux x86-64 bundle; see installer/windows/ for Windows"
[ -x "$PY" ] || die "no Python at $PY: run installer/install.sh first (or set KIOSK_BUILD_PYTHON)"
# The checkout's kiosk, whatever else is installed in that Python.
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export DEEPFACE_BACKEND_ENGINE=onnx QT_QPA_PLATFORM=offscreen PIP_DISABLE_PIP_VERSION_CHECK=1

VERSION="$("$PY" -c 'import kiosk; print(kiosk.__version__)')"
NAME="classroom-kiosk-$VERSION-linux-x86_64"
start=$SECONDS

# ------------------------------------------------------------------ PyInstaller, from the build extra
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
    req="$("$PY" -c 'import tomllib; print(tomllib.load(open("'"$ROOT"'/pyproject.toml", "rb"))["project"]["optional-dependencies"]["build"][0])')"
    say "installing $req"
    "$PY" -m pip install -q "$req" || die "could not install $req"
fi

# ------------------------------------------------------------------ model pack and bundle config
rm -rf "$WORK/model-pack" "$WORK/config"
mkdir -p "$WORK/config" "$DIST"
"$PY" "$ROOT/installer/pyinstaller/make_model_pack.py" "$WORK/model-pack" || die "the model pack could not be made"
cp "$ROOT/config.toml" "$WORK/config/config.toml"
if ! grep -q '"facenet512"' "$WORK/model-pack/model-pack.json"; then
    # Without Facenet512's weights in the pack, a fresh install would start on a profile it cannot
    # run offline: this bundle's default is the offline profile (set at build time, never switched
    # at run time; `kiosk models import` + `kiosk models use facenet512` change it on a PC).
    sed -i 's/^profile = "facenet512"$/profile = "dlib-offline"  # this bundle ships no Facenet512 weights/' \
        "$WORK/config/config.toml"
    grep -q '^profile = "dlib-offline"' "$WORK/config/config.toml" || die "could not set the bundle's default profile"
    say "default profile in this bundle: dlib-offline (no Facenet512 weights on the build machine)"
fi

# ------------------------------------------------------------------ freeze
say "PyInstaller $("$PY" -c 'import PyInstaller; print(PyInstaller.__version__)') (nice $NICE); this takes a few minutes"
KIOSK_MODEL_PACK_DIR="$WORK/model-pack" KIOSK_BUNDLE_CONFIG="$WORK/config/config.toml" \
    nice -n "$NICE" "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --workpath "$WORK/pyinstaller" --distpath "$WORK/dist" "$ROOT/installer/pyinstaller/kiosk.spec" \
    || die "PyInstaller failed"
rm -rf "${DIST:?}/$NAME"
mv "$WORK/dist/kiosk" "$DIST/$NAME"
printf '%s\n' "$VERSION" >"$DIST/$NAME/VERSION"
# Fail here, not on a classroom PC: the pack must verify inside the bundle.
(cd "$DIST/$NAME/_internal/models" && "$PY" -c '
import sys
from pathlib import Path
from kiosk.infra.bundle import check_pack
problems = check_pack(Path("."), full=True)
sys.exit("build: error: model pack: " + "; ".join(problems) if problems else 0)
') || die "the bundled model pack does not verify"
say "bundle: $DIST/$NAME ($(du -sh "$DIST/$NAME" | cut -f1))"

# ------------------------------------------------------------------ archive
if [ "$make_archive" = 1 ]; then
    rm -f "$DIST/$NAME.tar.gz"
    tar -C "$DIST" -cf - "$NAME" | nice -n "$NICE" gzip -6 >"$DIST/$NAME.tar.gz"
    say "archive: $DIST/$NAME.tar.gz ($(du -sh "$DIST/$NAME.tar.gz" | cut -f1))"
fi

# ------------------------------------------------------------------ .deb
if [ "$make_deb" = 1 ]; then
    command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb not found (apt-get install dpkg)"
    bash "$ROOT/installer/debian/make-deb.sh" "$DIST/$NAME" "$VERSION" "$DIST" || die "the .deb could not be built"
fi

say "done in $((SECONDS - start)) s"
