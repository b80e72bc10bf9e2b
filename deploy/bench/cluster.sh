#!/usr/bin/env bash
# The cluster's figures (docs/BENCHMARKS.md): starts a throw-away PostgreSQL on loopback (fsync and synchronous_commit
# on, as shipped) and runs `smarttrader bench cluster calls`, `failover` and `orders` against it.
#   deploy/bench/cluster.sh [--json]                      all three
#   deploy/bench/cluster.sh orders [--duration 60 ...]    one of them, with its options
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/lib/common.sh"
source "$ROOT/deploy/lib/postgres.sh"

start_throwaway_postgres
trap stop_throwaway_postgres EXIT
connection="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=64"
case "${1:-}" in
  calls) shift; "$ROOT/smarttrader" bench cluster calls "$@" ;;
  failover|orders) verb="$1"; shift; "$ROOT/smarttrader" bench cluster "$verb" --connection "$connection" "$@" ;;
  *)
    "$ROOT/smarttrader" bench cluster calls "$@"
    "$ROOT/smarttrader" bench cluster failover --connection "$connection" "$@"
    "$ROOT/smarttrader" bench cluster orders --connection "$connection" "$@" ;;
esac
