#!/usr/bin/env bash
# Three "hosts" on one machine: each silo in its own network namespace with its own address, so a host can be cut off.
#   deploy/local-cluster-netns.sh up       bridge st-br0 (10.77.0.1, PostgreSQL listens there), namespaces st-host1-3
#                                          (10.77.0.11-13, veth to the bridge), one silo in each: API http://10.77.0.1N:500N,
#                                          silo port 11111
#   deploy/local-cluster-netns.sh status   each silo's pid and readiness, then GET /api/cluster
#   deploy/local-cluster-netns.sh cut N    take host N off the network (its veth goes down: no peers, no PostgreSQL)
#   deploy/local-cluster-netns.sh heal N   put it back (and start its silo again if it stops itself, declared dead meanwhile)
#   deploy/local-cluster-netns.sh down     stop the silos and PostgreSQL, delete the namespaces and the bridge
# Needs root (ip netns). State: $SMARTTRADER_CLUSTER_DIR, default ./.cluster-netns. Sign in as root / local-cluster-admin.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${SMARTTRADER_CLUSTER_DIR:-$ROOT/.cluster-netns}"
source "$ROOT/deploy/lib/common.sh"
source "$ROOT/deploy/lib/postgres.sh"
source "$ROOT/deploy/lib/cluster.sh"

BRIDGE=st-br0
BRIDGE_IP=10.77.0.1
SUBNET=10.77.0.0/24

host_ns() { echo "st-host$1"; }
host_ip() { echo "10.77.0.1$1"; }
host_veth() { echo "st-veth$1"; }
host_link() { ip -br link show "$(host_veth "$1")" 2>/dev/null | awk '{print $2}'; }  # UP, DOWN, or nothing
api_url() { echo "http://$(host_ip "$1"):500$1"; }

network_up() {
  command -v ip >/dev/null || apt_install iproute2
  ip link show "$BRIDGE" >/dev/null 2>&1 || {
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_IP/24" dev "$BRIDGE"
  }
  ip link set "$BRIDGE" up
  local n ns
  for n in "${SILOS[@]}"; do
    ns="$(host_ns "$n")"
    ip netns list | grep -qw "$ns" && continue
    ip netns add "$ns"
    ip link add "$(host_veth "$n")" type veth peer name eth0 netns "$ns"
    ip link set "$(host_veth "$n")" master "$BRIDGE" up
    ip -n "$ns" addr add "$(host_ip "$n")/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" route add default via "$BRIDGE_IP"
  done
}

network_down() {
  local n
  for n in "${SILOS[@]}"; do
    ip netns list | grep -qw "$(host_ns "$n")" && ip netns delete "$(host_ns "$n")"
  done
  ip link show "$BRIDGE" >/dev/null 2>&1 && ip link delete "$BRIDGE"
  log "namespaces and bridge removed"
}

start_host_silo() {
  silo_start "$1" ip netns exec "$(host_ns "$1")" -- \
    --connection "Host=$BRIDGE_IP;Port=$CLUSTER_PG_PORT;Username=postgres;Database=postgres" \
    --urls "$(api_url "$1")" --silo-host "$(host_ip "$1")" --silo-port 11111
}

# A silo cut off for longer than Cluster:DeathLimit stops serving and its peers declare it dead; when the link comes
# back it reads that and stops itself (the fence). A silo back before that serves again. Wait for it to answer or to
# exit, and start a new one if it exited (a supervisor's job, done here).
heal() {
  ip link set "$(host_veth "$1")" up
  log "host $1 back on the network"
  local i
  for i in $(seq 1 60); do
    [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' "$(api_url "$1")/health/ready")" = 200 ] && { log "host $1 is serving"; return; }
    silo_running "$1" || break
    sleep 0.5
  done
  silo_running "$1" && { log "host $1 runs but is not ready: see $STATE/silo$1.log"; return; }
  log "its silo stopped itself while cut off; starting a new one"
  start_host_silo "$1"
  report_ready "$1" "$(api_url "$1")" host
}

up() {
  [ "$(id -u)" -eq 0 ] || die "network namespaces need root"
  require_curl
  mkdir -p "$STATE"
  network_up
  cluster_pg_start "127.0.0.1,$BRIDGE_IP" "$SUBNET"
  "$ROOT/smarttrader" --version >/dev/null
  local n
  for n in "${SILOS[@]}"; do start_host_silo "$n"; done
  for n in "${SILOS[@]}"; do report_ready "$n" "$(api_url "$n")" host; done
}

down() {
  local n
  for n in "${SILOS[@]}"; do silo_stop "$n"; done
  cluster_pg_stop
  network_down
}

status() {
  local n link
  for n in "${SILOS[@]}"; do
    link="$(host_link "$n")"
    printf 'host %s %-15s link %-5s ' "$n" "$(host_ip "$n")" "${link:-none}"
    print_silo_status "$n" "$(api_url "$n")"
  done
  for n in "${SILOS[@]}"; do
    if silo_running "$n" && [ "$(host_link "$n")" != DOWN ]; then
      print_cluster "$(api_url "$n")" && return 0
    fi
  done
}

host_arg() { [[ "${1:-}" =~ ^[123]$ ]] || die "which host? 1, 2 or 3"; echo "$1"; }

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  cut) n="$(host_arg "${2:-}")"; ip link set "$(host_veth "$n")" down; log "host $n cut off (its silo stops serving within Cluster:DeathLimit; peers declare it dead)" ;;
  heal) heal "$(host_arg "${2:-}")" ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
