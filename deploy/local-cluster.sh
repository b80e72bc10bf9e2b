#!/usr/bin/env bash
# Three silos and PostgreSQL on this machine, on loopback.
#   deploy/local-cluster.sh up       start PostgreSQL (data in the state dir) and silos 1-3: API http://127.0.0.1:5001-5003,
#                                    silo ports 11111-11113; the web app is on any of them
#   deploy/local-cluster.sh status   each silo's pid and readiness, then GET /api/cluster
#   deploy/local-cluster.sh down     stop the silos (gracefully), then PostgreSQL
# State (PostgreSQL data, pid files, logs): $SMARTTRADER_CLUSTER_DIR, default ./.cluster.
# Sign in as root / local-cluster-admin (SMARTTRADER_ADMIN_USER / SMARTTRADER_ADMIN_PASSWORD) or as the demo users silo 1 seeds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${SMARTTRADER_CLUSTER_DIR:-$ROOT/.cluster}"
source "$ROOT/deploy/lib/common.sh"
source "$ROOT/deploy/lib/postgres.sh"
source "$ROOT/deploy/lib/cluster.sh"

api_url() { echo "http://127.0.0.1:500$1"; }

up() {
  require_curl
  mkdir -p "$STATE"
  cluster_pg_start 127.0.0.1
  server_build
  local n
  for n in "${SILOS[@]}"; do
    silo_start "$n" -- --connection "Host=127.0.0.1;Port=$CLUSTER_PG_PORT;Username=postgres;Database=postgres" \
      --urls "$(api_url "$n")" --silo-host 127.0.0.1 --silo-port "1111$n"
  done
  for n in "${SILOS[@]}"; do report_ready "$n" "$(api_url "$n")"; done
}

down() {
  local n
  silos_stop "${SILOS[@]}"
  cluster_pg_stop
}

status() {
  local n
  for n in "${SILOS[@]}"; do print_silo_status "$n" "$(api_url "$n")"; done
  for n in "${SILOS[@]}"; do
    if silo_running "$n"; then print_cluster "$(api_url "$n")" && return 0; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
