#!/usr/bin/env bash
# Installs what the classroom kiosk needs, idempotently, and fast on a re-run:
#   1. Debian packages: the system libraries Qt/PySide6 loads and a font; with --test-deps also
#      what only the tests and the bundle build need (PostgreSQL 15 server, Xvfb, binutils):
#      only those missing, only as root or with password-less sudo;
#   2. a virtual environment in .venv (Python 3.11 or 3.12) with the project installed
#      editable, with the dev extras unless asked not to.
# The pip step is skipped when pyproject.toml, the Python and the extras are unchanged since
# the last successful install (a stamp in .venv records them).
#
# Usage: installer/install.sh [--no-dev] [--test-deps] [--no-system] [--force] [--desktop-entry]
#   --no-dev         install without the dev extras (what the kiosk needs to run); also KIOSK_INSTALL_DEV=0
#   --test-deps      also the Debian packages for the tests and installer/build.sh (PostgreSQL 15,
#                    PgBouncer, Xvfb, binutils); never needed to run the kiosk; also KIOSK_INSTALL_TEST_DEPS=1
#   --no-system      don't check or install Debian packages; also KIOSK_SKIP_SYSTEM_DEPS=1
#   --force          run pip again even if nothing changed; also KIOSK_INSTALL_FORCE=1
#   --desktop-entry  also write ~/.local/share/applications/kiosk.desktop pointing at this checkout
# Environment: KIOSK_PYTHON=/path/to/python3.11 picks the interpreter for a new .venv;
#   KIOSK_INSTALL_VERBOSE=1 shows pip's full output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.kiosk-install-stamp"

dev="${KIOSK_INSTALL_DEV:-1}"
skip_system="${KIOSK_SKIP_SYSTEM_DEPS:-0}"
test_deps="${KIOSK_INSTALL_TEST_DEPS:-0}"
force="${KIOSK_INSTALL_FORCE:-0}"
desktop=0
for arg in "$@"; do
    case "$arg" in
        --dev) dev=1 ;;
        --no-dev) dev=0 ;;
        --test-deps) test_deps=1 ;;
        --no-system) skip_system=1 ;;
        --force) force=1 ;;
        --desktop-entry) desktop=1 ;;
        -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install: unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf 'install: %s\n' "$*"; }
warn() { printf 'install: warning: %s\n' "$*" >&2; }
die() { printf 'install: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- 1. Debian packages
# The libraries PySide6's Qt (6.7 to 6.12) loads for the offscreen, xcb and wayland platforms
# (found with ldd on the wheel's libQt6Gui/libQt6XcbQpa and plugins) and a font so that
# offscreen rendering has glyphs: all a classroom PC needs. The kiosk never needs a database
# server (SQLite is built in; a school's PostgreSQL runs elsewhere).
SYSTEM_PACKAGES=(
    libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
    libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1
    libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
    libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
    libxcb-shm0 libxcb-sync1 libxcb-render0 libxcb-util1
    libwayland-client0 libwayland-cursor0 libwayland-egl1
    fonts-dejavu-core
)
# Only for the test command and CI: PostgreSQL 15 for the throwaway test server
# (installer/pg-test-server.sh), Xvfb to run the GUI on a virtual screen, binutils for
# PyInstaller's binary analysis in installer/build.sh, locales for the test server that
# answers in German (installer/run-tests.sh generates de_DE.UTF-8), PgBouncer for the district tests.
TEST_PACKAGES=(postgresql-15 postgresql-client-15 xvfb xauth binutils locales pgbouncer)
if [ "$test_deps" = 1 ]; then
    SYSTEM_PACKAGES+=("${TEST_PACKAGES[@]}")
fi

install_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        warn "not a Debian-like system: install Qt's X11/EGL libraries (and, for the tests, PostgreSQL 15) yourself"
        return 0
    fi
    local missing=() pkg
    # One dpkg-query call for all packages: "<name> <status>" per known package.
    local installed
    installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${SYSTEM_PACKAGES[@]}" 2>/dev/null || true)"
    for pkg in "${SYSTEM_PACKAGES[@]}"; do
        if ! grep -qE "^${pkg//./\\.} ii" <<<"$installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        say "system packages: all ${#SYSTEM_PACKAGES[@]} present"
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            warn "missing Debian packages and no root/sudo to install them: ${missing[*]}"
            warn "ask an administrator to run: apt-get install --no-install-recommends ${missing[*]}"
            return 0
        fi
    fi
    say "system packages: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq || warn "apt-get update reported errors; trying the install anyway"
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install failed for: ${missing[*]}"
    say "system packages: installed ${#missing[@]}"
}

if [ "$skip_system" = 1 ]; then
    say "system packages: skipped (--no-system)"
else
    install_system_packages
fi

# ---------------------------------------------------------------- 2. the virtual environment
python_ok() { # usable interpreter for requires-python = ">=3.11,<3.13"
    "$1" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 13) else 1)' 2>/dev/null
}

find_python() {
    local c
    for c in ${KIOSK_PYTHON:-} python3.11 python3.12 python3 /usr/bin/python3.11 /usr/bin/python3; do
        if command -v "$c" >/dev/null 2>&1 && python_ok "$c"; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

if [ -x "$VENV/bin/python" ] && ! python_ok "$VENV/bin/python"; then
    say "venv: $VENV is broken or has the wrong Python; recreating it"
    rm -rf "$VENV"
fi

if [ ! -x "$VENV/bin/python" ]; then
    py="$(find_python)" || die "no Python 3.11 or 3.12 found (set KIOSK_PYTHON=/path/to/python3.11)"
    say "venv: creating .venv with $py ($("$py" -c 'import platform; print(platform.python_version())'))"
    if ! "$py" -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        # Debian's own python3.11 needs python3.11-venv for ensurepip.
        if [ "$skip_system" != 1 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
            say "venv: installing python3-venv"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null \
                || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null; }
        fi
        "$py" -m venv "$VENV" || die "could not create $VENV with $py (install python3-venv)"
    fi
fi

extras="$([ "$dev" = 1 ] && echo dev || echo none)"
pyver="$("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])')"
hash="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
want="pyproject=$hash python=$pyver root=$ROOT"

up_to_date() {
    [ -f "$STAMP" ] || return 1
    [ "$(sed -n 1p "$STAMP")" = "$want" ] || return 1
    # Dev extras are a superset: an install with them satisfies a run without them.
    local have_extras
    have_extras="$(sed -n 2p "$STAMP")"
    [ "$have_extras" = "extras=dev" ] || [ "$extras" = none ] || return 1
    [ -x "$VENV/bin/kiosk" ] || return 1
    return 0
}

if [ "$force" != 1 ] && up_to_date; then
    say "python packages: up to date (pyproject.toml unchanged; $VENV, Python $pyver, extras: $(sed -n 2p "$STAMP" | cut -d= -f2))"
else
    pip_quiet=(-q)
    [ "${KIOSK_INSTALL_VERBOSE:-0}" = 1 ] && pip_quiet=()
    export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_PROGRESS_BAR=off
    say "python packages: upgrading pip"
    "$VENV/bin/python" -m pip install "${pip_quiet[@]}" --upgrade pip || die "pip upgrade failed"
    target="."
    [ "$dev" = 1 ] && target=".[dev]"
    say "python packages: pip install -e \"$target\" (first run downloads several hundred MB)"
    start=$SECONDS
    rm -f "$STAMP"
    (cd "$ROOT" && "$VENV/bin/python" -m pip install "${pip_quiet[@]}" -e "$target") || die "pip install failed"
    printf '%s\nextras=%s\n' "$want" "$extras" >"$STAMP"
    say "python packages: installed in $((SECONDS - start)) s"
fi

# ---------------------------------------------------------------- 3. optional launcher
if [ "$desktop" = 1 ]; then
    apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
    mkdir -p "$apps"
    sed "s|@KIOSK_ROOT@|$ROOT|g" "$ROOT/installer/kiosk.desktop" >"$apps/kiosk.desktop"
    chmod 644 "$apps/kiosk.desktop"
    say "launcher: wrote $apps/kiosk.desktop"
fi

say "done"
