#!/usr/bin/env bash
# Measures the database's own ceiling for durable single-row commits on this machine, the yardstick that
# docs/BENCHMARKS.md compares order placement against: pgbench inserting one row per transaction, from 1 and from
# 16 clients, with fsync and synchronous_commit on (PostgreSQL's defaults).
#   deploy/bench/pgbench-ceiling.sh [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/lib/common.sh"
source "$ROOT/deploy/lib/postgres.sh"

SECONDS_PER_RUN="${1:-20}"
start_throwaway_postgres
trap stop_throwaway_postgres EXIT
PGBENCH="$(pg_bin_dir)/pgbench"
PSQL="$(pg_bin_dir)/psql"
CONN=(-h 127.0.0.1 -p "$PG_PORT" -U postgres)

"$PSQL" "${CONN[@]}" -q -c "CREATE TABLE ceiling (id bigserial PRIMARY KEY, account int NOT NULL, payload jsonb NOT NULL)" postgres
SCRIPT="$(mktemp)"
cat > "$SCRIPT" <<'SQL'
\set account random(1, 1000)
INSERT INTO ceiling (account, payload) VALUES (:account, '{"side":"Buy","quantity":1}');
SQL

for clients in 1 16; do
  tps=$("$PGBENCH" "${CONN[@]}" -n -f "$SCRIPT" -c "$clients" -j 2 -T "$SECONDS_PER_RUN" postgres 2>/dev/null \
        | awk '/^tps/ {print int($3)}')
  echo "pgbench single-row inserts, $clients client(s): $tps commits/s"
done
rm -f "$SCRIPT"
