#!/usr/bin/env bash
# Runs a command beside a private PostgreSQL server, for the tests of the
# shared case file (docs/scale.md): a new cluster in a temporary folder
# (initdb), listening on loopback on a free port and on a socket in that
# folder, stopped and removed when the command ends, however it ends.
#
# Usage: scripts/with-postgres.sh [--or-skip] COMMAND [ARG ...]
#
# The command gets:
#   VIGIE_TEST_POSTGRES     postgres://vigie_admin@127.0.0.1:PORT/vigie_test (a superuser)
#   PGPASSWORD              the superuser's password (host connections use scram-sha-256)
#   VIGIE_TEST_PG_BIN       the folder of the server's programs (psql, pg_ctl, pg_dump)
#   VIGIE_REQUIRE_POSTGRES  1: the tests fail if they do not see the server
# Needs Debian's postgresql (scripts/setup.sh installs it). As root, the
# server runs as the `postgres` user (initdb refuses root).
#
# Without --or-skip, a server that cannot be started ends the script (status 2).
# With it (make test), the command runs anyway without the server, with
# VIGIE_TEST_POSTGRES_UNAVAILABLE set to the reason, which the tests of the
# PostgreSQL back end print as they skip; the reason is also printed here.
set -euo pipefail

or_skip=0
if [ "${1:-}" = "--or-skip" ]; then or_skip=1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [--or-skip] COMMAND [ARG ...]" >&2; exit 2; }

# The server could not be started: stop, or run the command without it.
unavailable() {
  local reason="$1"
  shift
  if [ "$or_skip" -eq 0 ]; then
    echo "with-postgres: $reason" >&2
    exit 2
  fi
  echo "with-postgres: PostgreSQL could not be started, so the tests of the PostgreSQL case file are SKIPPED: $reason" >&2
  unset VIGIE_TEST_POSTGRES VIGIE_REQUIRE_POSTGRES
  export VIGIE_TEST_POSTGRES_UNAVAILABLE="$reason"
  set +e
  "$@"
  local status=$?
  echo "with-postgres: reminder: the tests of the PostgreSQL case file were skipped ($reason)" >&2
  exit "$status"
}

# The server's programs: Debian keeps them in /usr/lib/postgresql/VERSION/bin
# (the newest wins), other systems on the PATH.
bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/postgres" ]; then bin="$candidate"; break; fi
done
if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1; then bin="$(dirname "$(readlink -f "$(command -v initdb)")")"; fi
if [ -z "$bin" ]; then
  unavailable "PostgreSQL's server programs (initdb, pg_ctl) are missing; run scripts/setup.sh (Debian: apt-get install postgresql)" "$@"
fi

run_as=()
folder="$(mktemp -d "${TMPDIR:-/tmp}/vigie-pg.XXXXXX")"
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { rm -rf "$folder"; unavailable "as root the server runs as the user postgres, which does not exist (install Debian's postgresql)" "$@"; }
  chown postgres "$folder"
  run_as=(runuser -u postgres --)
fi
chmod 700 "$folder"

stop() {
  local status=$?
  if [ -f "$folder/data/postmaster.pid" ]; then
    "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
printf '%s\n' "$password" > "$folder/pw"
[ ${#run_as[@]} -eq 0 ] || chown postgres "$folder/pw"
if ! "${run_as[@]}" "$bin/initdb" -D "$folder/data" -U vigie_admin --pwfile="$folder/pw" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1; then
  cat "$folder/initdb.log" >&2
  unavailable "initdb failed (its log is above)" "$@"
fi
rm -f "$folder/pw"

# A free port: the first the server can listen on, from one chosen by the process id.
port=""
for attempt in $(seq 0 19); do
  candidate=$(( 20000 + ( ($$ * 7 + attempt * 7919) % 40000 ) ))
  if "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 start \
      -o "-p $candidate -k $folder -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null 2>&1; then
    port=$candidate; break
  fi
done
if [ -z "$port" ]; then
  echo "with-postgres: the server did not start; its log:" >&2
  cat "$folder/server.log" >&2 || true
  unavailable "the server did not start on any of 20 ports (its log is above)" "$@"
fi
"$bin/psql" -q -h "$folder" -p "$port" -U vigie_admin -d postgres -c "CREATE DATABASE vigie_test" >/dev/null

export VIGIE_TEST_POSTGRES="postgres://vigie_admin@127.0.0.1:$port/vigie_test"
export PGPASSWORD="$password"
export VIGIE_TEST_PG_BIN="$bin"
export VIGIE_REQUIRE_POSTGRES=1
unset VIGIE_TEST_POSTGRES_UNAVAILABLE
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $folder)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
