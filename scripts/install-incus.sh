#!/usr/bin/env bash
# Installs Incus (daemon + command line), busybox-static and openssl on Debian 12 or 13.
# Idempotent: running it again changes nothing once everything is installed.
#
# Debian 12 (bookworm) has Incus only in bookworm-backports. The backports suite is added
# with the same mirror URI the machine already uses for Debian, read from its APT sources,
# so the script never names a host of its own.
set -euo pipefail

log() { echo "[install-incus] $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "[install-incus] must run as root (it calls apt-get)" >&2
  exit 1
fi
if [ ! -r /etc/os-release ]; then
  echo "[install-incus] /etc/os-release is missing: only Debian 12 and 13 are supported" >&2
  exit 1
fi
. /etc/os-release
if [ "${ID:-}" != "debian" ]; then
  echo "[install-incus] this is ${ID:-an unknown system}; only Debian 12 and 13 are supported. Install Incus by hand." >&2
  exit 1
fi

have_everything() {
  [ -x /usr/libexec/incus/incusd ] && command -v incus >/dev/null 2>&1 && [ -x /bin/busybox ] \
    && dpkg -s busybox-static >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 \
    && [ -x /usr/sbin/dnsmasq ]
}

if have_everything; then
  log "Incus $(incus --version 2>/dev/null || echo '?'), busybox-static and dnsmasq are already installed"
  exit 0
fi

# Prints the first Debian mirror URI configured on this machine (deb822 or one-line format).
debian_mirror() {
  local uri=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    uri=$(awk '
      /^[Uu][Rr][Ii][Ss]:/ { u=$2 }
      /^[Ss]uites:/ { for (i = 2; i <= NF; i++) if ($i == s) { print u; exit } }
      /^$/ { u="" }' s="$VERSION_CODENAME" /etc/apt/sources.list.d/*.sources)
  fi
  if [ -z "$uri" ] && compgen -G "/etc/apt/sources.list*" >/dev/null; then
    uri=$(grep -hsE "^deb[[:space:]]" /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -vE "security|backports" \
      | awk -v s="$VERSION_CODENAME" '{ for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file|mirror):/ && $(i+1) == s) { print $i; exit } }' \
      | head -n1)
  fi
  printf '%s' "$uri"
}

install_args=(-y --no-install-recommends)
case "${VERSION_CODENAME:-}" in
  bookworm)
    if ! grep -rqsE "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
      mirror=$(debian_mirror)
      if [ -z "$mirror" ]; then
        echo "[install-incus] could not find the Debian mirror in /etc/apt/sources.list{,.d}; add bookworm-backports by hand" >&2
        exit 1
      fi
      log "adding bookworm-backports from $mirror"
      cat > /etc/apt/sources.list.d/incus-spring-backports.sources <<SRC
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    fi
    install_args+=(-t bookworm-backports)
    ;;
  trixie|forky|sid) ;;
  *)
    echo "[install-incus] Debian ${VERSION_CODENAME:-?} is not supported (Debian 12 bookworm or 13 trixie)" >&2
    exit 1
    ;;
esac

log "apt-get update"
apt-get update -qq
log "installing incus busybox-static"
DEBIAN_FRONTEND=noninteractive apt-get install -qq "${install_args[@]}" incus >/dev/null
# busybox-static builds the test image; openssl makes the test client certificates.
DEBIAN_FRONTEND=noninteractive apt-get install -qq -y --no-install-recommends busybox-static openssl dnsmasq-base >/dev/null
# The packaged service would start a system daemon on /var/lib/incus; tests start their own.
log "installed: incus $(incus --version 2>/dev/null || echo '?')"
