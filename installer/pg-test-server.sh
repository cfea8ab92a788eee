#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests: loopback only, trust auth, fsync off.
#
# Usage: installer/pg-test-server.sh start|stop|url|status
#   start   initdb a fresh cluster in a folder under /tmp, start it on a free port on 127.0.0.1,
#           create the database kiosk_test and print its URL (idempotent: if this checkout's
#           server is already running, it only prints the URL)
#   url     print postgresql+psycopg://postgres@127.0.0.1:PORT/kiosk_test (exit 1 if not running)
#   status  say whether it runs (exit 0) or not (exit 3)
#   stop    stop the server and delete its folder (idempotent)
#
# When run as root it runs initdb/postgres as the `postgres` user (they refuse to run as root);
# otherwise as the calling user. The superuser is named `postgres` either way.
# Environment: KIOSK_PGTEST_DIR (default /tmp/kiosk-pgtest-<uid>-<checkout hash>),
#   KIOSK_PGTEST_PORT (first port tried, default 54329), PG_BIN (default /usr/lib/postgresql/15/bin),
#   KIOSK_PGTEST_DB (default kiosk_test).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
checkout_id="$(printf '%s' "$ROOT" | sha256sum | cut -c1-10)"
DIR="${KIOSK_PGTEST_DIR:-/tmp/kiosk-pgtest-$(id -u)-$checkout_id}"
DATA="$DIR/data"
DB="${KIOSK_PGTEST_DB:-kiosk_test}"
FIRST_PORT="${KIOSK_PGTEST_PORT:-54329}"

say() { printf 'pg-test-server: %s\n' "$*" >&2; }
die() { printf 'pg-test-server: error: %s\n' "$*" >&2; exit 1; }

find_bin() {
    if [ -n "${PG_BIN:-}" ]; then
        printf '%s\n' "$PG_BIN"
        return 0
    fi
    if [ -x /usr/lib/postgresql/15/bin/postgres ]; then
        printf '%s\n' /usr/lib/postgresql/15/bin
        return 0
    fi
    # Another major version will do for tests; prefer the newest.
    local d
    d="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
    [ -n "$d" ] && [ -x "$d/postgres" ] && { printf '%s\n' "$d"; return 0; }
    command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
    return 1
}

# Runs a server-side command as the cluster's owner: `postgres` when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        # cd / first: the postgres user may not be able to enter the caller's folder.
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

is_running() {
    [ -f "$DATA/PG_VERSION" ] || return 1
    [ -n "${BIN:-}" ] || return 1
    as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

port_free() { # nothing accepts connections on 127.0.0.1:$1
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url() {
    printf 'postgresql+psycopg://postgres@127.0.0.1:%s/%s\n' "$(cat "$DIR/port")" "$DB"
}

cmd_start() {
    BIN="$(find_bin)" || die "PostgreSQL server binaries not found (run installer/install.sh, or set PG_BIN)"
    if is_running && [ -f "$DIR/port" ]; then
        say "already running in $DIR on port $(cat "$DIR/port")"
        url
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
        say "creating the system user postgres"
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    fi
    # A stale folder from an earlier run that died: throw it away.
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chmod 700 "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"

    as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync --no-instructions \
        >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }

    local port="$FIRST_PORT" tries=0
    while :; do
        tries=$((tries + 1))
        [ "$tries" -le 40 ] || die "no free port found from $FIRST_PORT on"
        if ! port_free "$port"; then
            port=$((port + 1))
            continue
        fi
        : >"$DIR/server.log"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR/server.log"
        # Options on the command line override postgresql.conf; all fast and throwaway.
        if as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 -s start -o "\
-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$DIR \
-c fsync=off -c synchronous_commit=off -c full_page_writes=off \
-c shared_buffers=32MB -c max_connections=200 -c max_wal_size=1GB \
-c log_min_messages=warning -c log_min_error_statement=error" >/dev/null 2>&1; then
            break
        fi
        # Lost a race for the port, or another failure: say what the server said if it's not the port.
        if ! grep -qiE 'could not bind|address already in use' "$DIR/server.log" 2>/dev/null; then
            cat "$DIR/server.log" >&2 2>/dev/null || true
            die "the server did not start (log above)"
        fi
        port=$((port + 1))
    done
    printf '%s\n' "$port" >"$DIR/port"

    "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -c "CREATE DATABASE \"$DB\"" >/dev/null || die "could not create the database $DB"
    say "started PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') in $DIR on 127.0.0.1:$port (database $DB)"
    url
}

cmd_stop() {
    BIN="$(find_bin)" || true
    if [ -d "$DIR" ]; then
        if is_running; then
            as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 -s stop >/dev/null 2>&1 \
                || say "warning: pg_ctl stop failed"
        fi
        rm -rf "$DIR"
        say "stopped and removed $DIR"
    fi
}

cmd_url() {
    BIN="$(find_bin)" || true
    if ! is_running || [ ! -f "$DIR/port" ]; then
        die "not running (installer/pg-test-server.sh start)"
    fi
    url
}

cmd_status() {
    BIN="$(find_bin)" || true
    if is_running && [ -f "$DIR/port" ]; then
        say "running in $DIR: $(url)"
        return 0
    fi
    say "not running"
    return 3
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    url) cmd_url ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
