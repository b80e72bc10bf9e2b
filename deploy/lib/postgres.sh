# Throw-away PostgreSQL on loopback, for tests and benchmarks. Sourced by ./smarttrader and deploy/bench/*.sh;
# expects log, die, as_root and apt_install from the caller.
PG_DATA=""
PG_CTL=""
PG_PORT=""
PG_BIN=""
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Sets PG_BIN to PostgreSQL's bin directory, installing PostgreSQL (apt) first when it is missing.
require_pg_bin() {
  PG_BIN="$(pg_bin_dir)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    apt_install postgresql
    PG_BIN="$(pg_bin_dir)"
  fi
  [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL binaries not found after install"
}

# As root, PostgreSQL's tools run as the postgres user, from / (it may not enter the caller's directory).
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

start_throwaway_postgres() {
  require_pg_bin
  PG_CTL="$PG_BIN/pg_ctl"
  PG_DATA="$(mktemp -d /tmp/smarttrader-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DATA"
  local port
  port="$(free_port "${SMARTTRADER_TEST_PG_PORT:-55432}")"
  as_pg_user "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  as_pg_user "$PG_CTL" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DATA -c max_connections=400 -c shared_buffers=256MB" >/dev/null
  PG_PORT="$port"
  export SMARTTRADER_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=40"
  # Tests that restart PostgreSQL start one of their own from these binaries (tests/SmartTrader.TestSupport).
  export SMARTTRADER_TEST_PG_BIN="$PG_BIN"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data: $PG_DATA)"
}

stop_throwaway_postgres() {
  if [ -n "$PG_DATA" ] && [ -d "$PG_DATA" ]; then
    as_pg_user "$PG_CTL" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
  fi
}

