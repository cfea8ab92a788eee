#!/usr/bin/env bash
# The test command (README and CI): install with the dev extras and the test-only Debian
# packages (PostgreSQL 15 server, Xvfb: install.sh --test-deps), start a throwaway PostgreSQL
# unless KIOSK_TEST_DATABASE_URL is given, run the quality gates, then pytest.
#
# Usage: installer/run-tests.sh [pytest arguments...]
#   e.g. installer/run-tests.sh -m "not slow" -x tests/test_config.py
# Environment:
#   KIOSK_TEST_DATABASE_URL  use this PostgreSQL (SQLAlchemy URL) instead of a throwaway server
#   KIOSK_TEST_NO_PG=1       start no server (PostgreSQL tests then skip)
#   KIOSK_TEST_NO_GATES=1    skip ruff/mypy/import-linter (quick local runs; CI never sets it)
#   KIOSK_TEST_FAIL_FAST=1   stop at the first failing gate instead of running everything
# Exit status: pytest's, if it failed (5, no tests collected, is a failure too); otherwise 1 if
# a gate failed; 0 only when every gate passed and pytest passed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

bash installer/install.sh --dev --test-deps || { echo "run-tests: install failed" >&2; exit 1; }

# The connection tests start a server that answers in German (lc_messages): the locale must
# exist. Generated here when root can (the tests skip, saying why, when it is missing).
TEST_LOCALE=de_DE.UTF-8
if ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
    if [ "$(id -u)" -eq 0 ] && [ -f /etc/locale.gen ] && command -v locale-gen >/dev/null 2>&1; then
        sed -i "s/^# *\($TEST_LOCALE UTF-8\)/\1/" /etc/locale.gen
        grep -q "^$TEST_LOCALE UTF-8" /etc/locale.gen || echo "$TEST_LOCALE UTF-8" >>/etc/locale.gen
        locale-gen >/dev/null || echo "run-tests: locale-gen failed; the German-server tests will skip" >&2
    else
        echo "run-tests: locale $TEST_LOCALE missing (needs root: locale-gen); the German-server tests will skip" >&2
    fi
fi

if [ -n "${KIOSK_TEST_DATABASE_URL:-}" ]; then
    echo "run-tests: PostgreSQL: using KIOSK_TEST_DATABASE_URL from the environment"
elif [ "${KIOSK_TEST_NO_PG:-0}" = 1 ]; then
    echo "run-tests: PostgreSQL: none (KIOSK_TEST_NO_PG=1); PostgreSQL tests will skip"
else
    trap 'bash "$ROOT/installer/pg-test-server.sh" stop >/dev/null 2>&1' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    url="$(bash installer/pg-test-server.sh start)" || { echo "run-tests: could not start the test PostgreSQL" >&2; exit 1; }
    export KIOSK_TEST_DATABASE_URL="$url"
    echo "run-tests: PostgreSQL: KIOSK_TEST_DATABASE_URL=$KIOSK_TEST_DATABASE_URL"
fi

export QT_QPA_PLATFORM=offscreen
export DEEPFACE_BACKEND_ENGINE=onnx

failed=()
gate() { # gate NAME COMMAND...
    local name="$1"
    shift
    echo "run-tests: gate: $name"
    if "$@"; then
        return 0
    fi
    echo "run-tests: gate FAILED: $name" >&2
    failed+=("$name")
    if [ "${KIOSK_TEST_FAIL_FAST:-0}" = 1 ]; then
        echo "run-tests: FAILED (KIOSK_TEST_FAIL_FAST=1): $name" >&2
        exit 1
    fi
}

if [ "${KIOSK_TEST_NO_GATES:-0}" = 1 ]; then
    echo "run-tests: quality gates skipped (KIOSK_TEST_NO_GATES=1)"
else
    gate "ruff check" .venv/bin/ruff check --output-format=concise .
    gate "ruff format --check" .venv/bin/ruff format --check .
    gate "mypy" .venv/bin/mypy
    gate "lint-imports" .venv/bin/lint-imports
    if [ "${#failed[@]}" -eq 0 ]; then
        echo "run-tests: quality gates passed"
    else
        echo "run-tests: quality gates FAILED: ${failed[*]} (running the tests anyway)" >&2
    fi
fi

echo "run-tests: pytest $*"
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
    echo "run-tests: FAILED: pytest collected no tests" >&2
elif [ "$rc" -ne 0 ]; then
    echo "run-tests: FAILED: pytest exited $rc" >&2
elif [ "${#failed[@]}" -ne 0 ]; then
    echo "run-tests: FAILED: quality gates: ${failed[*]}" >&2
    rc=1
fi
exit "$rc"
