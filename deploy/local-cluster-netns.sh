#!/usr/bin/env bash
# Three "hosts" on one machine: each silo in its own network namespace with its own address, so a host can be cut off.
#   deploy/local-cluster-netns.sh up       bridge st-br0 (10.77.0.1, PostgreSQL listens there), namespaces st-host1-3
#                                          (10.77.0.11-13, veth to the bridge), one silo in each: API http://10.77.0.1N:500N,
#                                          silo port 11111
#   deploy/local-cluster-netns.sh status   each silo's pid and readiness, then GET /api/cluster
#   deploy/local-cluster-netns.sh cut N    take host N off the network (its veth goes down: no peers, no PostgreSQL)
#   deploy/local-cluster-netns.sh heal N   put it back; its silo serves again or, declared dead meanwhile, stops itself
#                                          and a new one is started (one that does neither within 30 s is stopped)
#   deploy/local-cluster-netns.sh down     stop the silos and PostgreSQL, delete the namespaces and the bridge
# Needs root (ip netns). Sign in as root / local-cluster-admin. Environment, so that several clusters can coexist:
#   SMARTTRADER_CLUSTER_DIR      state (PostgreSQL data, pid files, logs), default ./.cluster-netns
#   SMARTTRADER_NETNS_PREFIX     names: <prefix>-br0, <prefix>-host1-3, <prefix>-veth1-3; default st, at most 9 characters
#   SMARTTRADER_NETNS_SUBNET     the /24 as its first three octets, default 10.77.0
#   SMARTTRADER_CLUSTER_PG_PORT  PostgreSQL's port on 127.0.0.1 and the bridge, default 55440 (API and silo ports are
#                                each host's own, in its own namespace, so they cannot collide)
#   SMARTTRADER_SERVER_DLL       run this server build with dotnet instead of ./smarttrader
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${SMARTTRADER_CLUSTER_DIR:-$ROOT/.cluster-netns}"
source "$ROOT/deploy/lib/common.sh"
source "$ROOT/deploy/lib/postgres.sh"
source "$ROOT/deploy/lib/cluster.sh"

PREFIX="${SMARTTRADER_NETNS_PREFIX:-st}"
NET="${SMARTTRADER_NETNS_SUBNET:-10.77.0}"
[[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,8}$ ]] || die "SMARTTRADER_NETNS_PREFIX '$PREFIX': 1-9 lower-case letters or digits, a letter first (interface names are at most 15 characters)"
[[ "$NET" =~ ^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "SMARTTRADER_NETNS_SUBNET '$NET': the first three octets of a /24, e.g. 10.77.0"
BRIDGE="$PREFIX-br0"
BRIDGE_IP="$NET.1"
SUBNET="$NET.0/24"

host_ns() { echo "$PREFIX-host$1"; }
host_ip() { echo "$NET.1$1"; }
host_veth() { echo "$PREFIX-veth$1"; }
ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }
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
    ns_exists "$ns" && continue
    ip netns add "$ns"
    ip link add "$(host_veth "$n")" type veth peer name eth0 netns "$ns"
    ip link set "$(host_veth "$n")" master "$BRIDGE" up
    ip -n "$ns" addr add "$(host_ip "$n")/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" route add default via "$BRIDGE_IP"
  done
}

# The veths go explicitly: a namespace outlives its deletion while its closed sockets still retransmit (e.g. to a host
# that was cut off), and its veth with it.
network_down() {
  local n
  for n in "${SILOS[@]}"; do
    if ip link show "$(host_veth "$n")" >/dev/null 2>&1; then ip link delete "$(host_veth "$n")"; fi
    if ns_exists "$(host_ns "$n")"; then ip netns delete "$(host_ns "$n")"; fi
  done
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link delete "$BRIDGE"; fi
  log "namespaces and bridge removed"
}

start_host_silo() {
  silo_start "$1" ip netns exec "$(host_ns "$1")" -- \
    --connection "Host=$BRIDGE_IP;Port=$CLUSTER_PG_PORT;Username=postgres;Database=postgres" \
    --urls "$(api_url "$1")" --silo-host "$(host_ip "$1")" --silo-port 11111
}

# A silo cut off for longer than Cluster:DeathLimit stops serving and its peers declare it dead; back on the network, it
# reads that at its next heartbeat and stops itself (the fence: it waits at most Cluster:FencedShutdownTimeout for work
# in flight). A silo back before that serves again. Wait up to HEAL_WAIT seconds for it to serve or to stop; stop one
# that does neither (silos_stop), then start a new one if it is gone (a supervisor's job, done here).
HEAL_WAIT=30
heal() {
  ip link set "$(host_veth "$1")" up
  log "host $1 back on the network"
  local deadline=$((SECONDS + HEAL_WAIT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' "$(api_url "$1")/health/ready")" = 200 ] && { log "host $1 is serving"; return; }
    silo_running "$1" || break
    sleep 0.5
  done
  if silo_running "$1"; then
    log "its silo neither serves nor stopped itself within $HEAL_WAIT s: stopping it (see $STATE/silo$1.log)"
    silos_stop "$1"
  else
    log "its silo, declared dead while cut off, stopped itself; starting a new one"
  fi
  start_host_silo "$1"
  report_ready "$1" "$(api_url "$1")" host
}

up() {
  [ "$(id -u)" -eq 0 ] || die "network namespaces need root"
  require_curl
  mkdir -p "$STATE"
  network_up
  cluster_pg_start "127.0.0.1,$BRIDGE_IP" "$SUBNET"
  server_build
  local n
  for n in "${SILOS[@]}"; do start_host_silo "$n"; done
  for n in "${SILOS[@]}"; do report_ready "$n" "$(api_url "$n")" host; done
}

down() {
  silos_stop "${SILOS[@]}"
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
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
