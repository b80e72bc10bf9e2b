# Shared by deploy/local-cluster.sh and deploy/local-cluster-netns.sh: a PostgreSQL that keeps its data in the state
# directory, and silos started in the background with pid files and logs. Expects ROOT, STATE, log, die, as_root,
# apt_install and the helpers of deploy/lib/postgres.sh.
# Settings (environment): SMARTTRADER_CLUSTER_PG_PORT, SMARTTRADER_ADMIN_USER / _PASSWORD, and SMARTTRADER_SERVER_DLL
# to run that build of the server with dotnet instead of ./smarttrader (which builds first when sources changed).
# The silos' shared secret (Cluster:Transport:Secret) is made once per state directory, in $STATE/cluster-secret.

CLUSTER_PG_PORT="${SMARTTRADER_CLUSTER_PG_PORT:-55440}"
ADMIN_USER="${SMARTTRADER_ADMIN_USER:-root}"
ADMIN_PASSWORD="${SMARTTRADER_ADMIN_PASSWORD:-local-cluster-admin}"
SILOS=(1 2 3)
if [ -n "${SMARTTRADER_SERVER_DLL:-}" ]; then SERVER=(dotnet "$SMARTTRADER_SERVER_DLL"); else SERVER=("$ROOT/smarttrader"); fi

# Builds the server once (when it needs it), before three silos race to.
server_build() { "${SERVER[@]}" --version >/dev/null; }

# Starts (creating when missing) the cluster's PostgreSQL in $STATE/pg, listening on the given addresses.
# Extra pg_hba lines (e.g. a bridge subnet) come as further arguments.
cluster_pg_start() {
  local listen="$1"; shift
  local data="$STATE/pg"
  require_pg_bin
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$STATE"; then
    die "PostgreSQL runs as the postgres user, who cannot enter $STATE: make it and its parents traversable (chmod o+x) or set SMARTTRADER_CLUSTER_DIR elsewhere"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
    as_pg_user "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 >/dev/null
  fi
  local subnet
  for subnet in "$@"; do
    grep -q "$subnet" "$data/pg_hba.conf" || echo "host all all $subnet trust" | as_pg_user tee -a "$data/pg_hba.conf" >/dev/null
  done
  if as_pg_user "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running (data: $data)"
  else
    as_pg_user "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
      -o "-c listen_addresses=$listen -p $CLUSTER_PG_PORT -k $data -c max_connections=300" >/dev/null
    log "PostgreSQL on $listen:$CLUSTER_PG_PORT (data: $data)"
  fi
}

cluster_pg_stop() {
  local bin
  bin="$(pg_bin_dir)"
  [ -n "$bin" ] && [ -f "$STATE/pg/PG_VERSION" ] || return 0
  as_pg_user "$bin/pg_ctl" -D "$STATE/pg" -m fast -w stop >/dev/null 2>&1 && log "PostgreSQL stopped" || true
}

# The secret every silo of this cluster proves it holds before another accepts its connection; made on first use.
cluster_secret() {
  local file="$STATE/cluster-secret"
  if [ ! -s "$file" ]; then
    mkdir -p "$STATE"
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

silo_pid() { [ -f "$STATE/silo$1.pid" ] && cat "$STATE/silo$1.pid"; }

# A process that exited but was not reaped yet (a zombie) is not running.
silo_running() { local pid; pid="$(silo_pid "$1")" && [ -n "$pid" ] && process_alive "$pid"; }
process_alive() { kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# silo_start N PREFIX... -- SERVE-ARGS: runs `PREFIX ./smarttrader serve SERVE-ARGS` in the background (PREFIX may be
# empty, or e.g. `ip netns exec host1`). Silo 1 seeds the demo users; the others find them in the shared database.
silo_start() {
  local n="$1"; shift
  local prefix=()
  while [ "$1" != "--" ]; do prefix+=("$1"); shift; done; shift
  if silo_running "$n"; then log "silo $n already running (pid $(silo_pid "$n"))"; return; fi
  local seed=()
  [ "$n" = 1 ] && seed=(--seed)
  mkdir -p "$STATE/silo$n"
  # Three silos share this host's cores: server GC's per-core heaps and spinning GC threads assume a process has the
  # host to itself (docs/BENCHMARKS.md, cluster). Workstation GC, unless the caller chose.
  local secret
  secret="$(cluster_secret)"
  Cluster__Transport__Secret="$secret" DOTNET_gcServer="${DOTNET_gcServer:-0}" nohup "${prefix[@]}" "${SERVER[@]}" serve --cluster --storage postgres "${seed[@]}" --data-dir "$STATE/silo$n" "$@" \
    "--SmartTrader:Auth:BootstrapAdmin:UserName=$ADMIN_USER" "--SmartTrader:Auth:BootstrapAdmin:Password=$ADMIN_PASSWORD" \
    "--Trading:Seed=42" "--Serilog:MinimumLevel:Default=Information" \
    >>"$STATE/silo$n.log" 2>&1 </dev/null &
  echo $! >"$STATE/silo$n.pid"
  log "silo $n started (pid $!, log $STATE/silo$n.log)"
}

# silos_stop N...: asks every running one to stop at once (each leaves the cluster gracefully), waits up to 30 s for
# them together, kills what is left.
silos_stop() {
  local n i pid running=()
  for n in "$@"; do
    if silo_running "$n"; then kill -TERM "$(silo_pid "$n")"; running+=("$n"); fi
  done
  for i in $(seq 1 60); do any_silo_running "${running[@]}" || break; sleep 0.5; done
  for n in "${running[@]}"; do
    if silo_running "$n"; then
      log "silo $n did not stop in 30 s; killing it"
      pid="$(silo_pid "$n")"
      kill -KILL "$pid"
      for i in $(seq 1 50); do process_alive "$pid" || break; sleep 0.1; done
    fi
    log "silo $n stopped"
  done
  for n in "$@"; do rm -f "$STATE/silo$n.pid"; done
}

any_silo_running() { local n; for n in "$@"; do silo_running "$n" && return 0; done; return 1; }

# wait_ready URL: until /health/ready answers 200 (at most two minutes; the first start also builds).
wait_ready() {
  local url="$1" i
  for i in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" = 200 ] && return 0
    sleep 0.5
  done
  return 1
}

# report_ready N URL [NOUN]: waits for silo N (wait_ready) and says whether it is ready, or where its log is.
# NOUN names it in the message: "silo" unless given ("host" for the netns launcher).
report_ready() {
  if wait_ready "$2"; then log "${3:-silo} $1 ready at $2"; else log "${3:-silo} $1 is not ready: see $STATE/silo$1.log"; fi
}

# print_silo_status N URL
print_silo_status() {
  local n="$1" url="$2" state health
  if silo_running "$n"; then state="running (pid $(silo_pid "$n"))"; else state="stopped"; fi
  health="$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$url/health/ready" || true)"
  printf 'silo %s  %-22s  %s  /health/ready: %s\n' "$n" "$state" "$url" "${health:-no answer}"
}

# print_cluster URL: GET /api/cluster as the bootstrap administrator.
print_cluster() {
  local url="$1" token
  token="$(curl -s -m 5 -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$ADMIN_USER\",\"password\":\"$ADMIN_PASSWORD\"}" "$url/api/auth/login" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
  [ -n "$token" ] || { echo "(cannot sign in at $url)"; return 1; }
  echo "GET $url/api/cluster"
  curl -s -m 10 -H "Authorization: Bearer $token" "$url/api/cluster" | { python3 -m json.tool 2>/dev/null || cat; }
  echo
}

require_curl() { command -v curl >/dev/null || apt_install curl ca-certificates; }
