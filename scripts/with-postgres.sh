#!/usr/bin/env bash
# Runs a command beside a private PostgreSQL server, for the tests of the
# shared case file (docs/scale.md): a new cluster in a temporary folder
# (initdb), listening on loopback on a free port and on a socket in that
# folder, stopped and removed when the command ends, however it ends.
#
# Usage: scripts/with-postgres.sh COMMAND [ARG ...]
#
# The command gets:
#   VIGIE_TEST_POSTGRES  postgres://vigie_admin@127.0.0.1:PORT/vigie_test (a superuser)
#   PGPASSWORD           the superuser's password (host connections use scram-sha-256)
#   VIGIE_TEST_PG_BIN    the folder of the server's programs (psql, pg_ctl, pg_dump)
# Needs Debian's postgresql (scripts/setup.sh installs it). As root, the
# server runs as the `postgres` user (initdb refuses root).
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARG ...]" >&2; exit 2; }

# The server's programs: Debian keeps them in /usr/lib/postgresql/VERSION/bin
# (the newest wins), other systems on the PATH.
bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/postgres" ]; then bin="$candidate"; break; fi
done
if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1; then bin="$(dirname "$(readlink -f "$(command -v initdb)")")"; fi
if [ -z "$bin" ]; then
  echo "with-postgres: PostgreSQL's server programs (initdb, pg_ctl) are missing; run scripts/setup.sh (Debian: apt-get install postgresql)" >&2
  exit 2
fi

run_as=()
folder="$(mktemp -d "${TMPDIR:-/tmp}/vigie-pg.XXXXXX")"
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "with-postgres: as root the server runs as the user postgres, which does not exist (install Debian's postgresql)" >&2; exit 2; }
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
"${run_as[@]}" "$bin/initdb" -D "$folder/data" -U vigie_admin --pwfile="$folder/pw" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 || {
  cat "$folder/initdb.log" >&2; exit 2; }
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
  exit 2
fi
"$bin/psql" -q -h "$folder" -p "$port" -U vigie_admin -d postgres -c "CREATE DATABASE vigie_test" >/dev/null

export VIGIE_TEST_POSTGRES="postgres://vigie_admin@127.0.0.1:$port/vigie_test"
export PGPASSWORD="$password"
export VIGIE_TEST_PG_BIN="$bin"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $folder)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
