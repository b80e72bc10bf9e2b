# Shell helpers shared by ./smarttrader and the scripts under deploy/.

log() { printf '\033[1;34m[smarttrader]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[smarttrader]\033[0m %s\n' "$*" >&2; exit 1; }

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
