# Start and stop a throw-away PostgreSQL server on 127.0.0.1 for tests and benchmarks.
# Source this file, then: pg_start (exports DATABASE_URL and PG_DIR), pg_stop.
# Runs the server as the `postgres` user, as Debian's packages expect.

pg_bin() {
    local found
    found=$(command -v pg_ctl 2>/dev/null || true)
    if [ -z "$found" ]; then
        found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        [ -n "$found" ] && found="$found/pg_ctl"
    fi
    if [ -z "$found" ]; then
        echo "PostgreSQL binaries missing: installing Debian's postgresql" >&2
        apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
        found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl
    fi
    dirname "$(readlink -f "$found")"
}

as_postgres() {
    if [ "$(id -un)" = "postgres" ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
    local bin password
    bin=$(pg_bin)
    PG_DIR=$(mktemp -d /tmp/filmbase-pg.XXXXXX)
    PG_PORT=${PG_PORT:-$(free_port)}
    password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
    chown postgres: "$PG_DIR" 2>/dev/null || true
    echo "$password" > "$PG_DIR/pw"
    chown postgres: "$PG_DIR/pw" 2>/dev/null || true
    as_postgres "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --pwfile="$PG_DIR/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
        "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    as_postgres "$bin/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE filmbase LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE filmbase OWNER filmbase" >/dev/null
    PG_BIN=$bin
    export PG_DIR PG_PORT PG_BIN
    export DATABASE_URL="postgres://filmbase:$password@127.0.0.1:$PG_PORT/filmbase"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_restart() {
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w restart -m fast >/dev/null
}

pg_stop() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
    unset DATABASE_URL
}
