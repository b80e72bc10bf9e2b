#!/usr/bin/env bash
# Order placement over HTTP against PostgreSQL: starts a throw-away PostgreSQL on loopback (fsync and
# synchronous_commit on, as shipped), then runs `smarttrader bench orders --storage postgres`.
#   deploy/bench/orders-postgres.sh [extra bench options, e.g. --duration 60 --json]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/lib/common.sh"
source "$ROOT/deploy/lib/postgres.sh"

start_throwaway_postgres
trap stop_throwaway_postgres EXIT
"$(pg_bin_dir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE smarttrader_bench" postgres
"$ROOT/smarttrader" bench orders --storage postgres \
  --connection "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=smarttrader_bench;Maximum Pool Size=64" "$@"
