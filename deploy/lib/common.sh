# Shell helpers shared by ./smarttrader and the scripts under deploy/.

# Coloured on a terminal only, so that the logs CI and tests keep read plainly.
say() { if [ -t 2 ]; then printf '\033[1;%sm[smarttrader]\033[0m %s\n' "$1" "$2" >&2; else printf '[smarttrader] %s\n' "$2" >&2; fi; }
log() { say 34 "$*"; }
die() { say 31 "$*"; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* with your package manager, then retry."
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  log "installing $* (apt)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
