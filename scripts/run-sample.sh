#!/usr/bin/env bash
# Builds and starts the sandbox runner sample (samples/sandbox-runner) on http://localhost:8080.
#
# It uses the local Incus daemon (socket found as the incus command line finds it). Where none
# runs, the sample starts a throw-away daemon with a BusyBox image and removes it on exit; that
# needs root and Incus installed. So, on a machine without Incus:
#   - run as root on Debian 12/13, this script first installs Incus, busybox-static and openssl
#     with scripts/install-incus.sh (as scripts/test.sh does), and says so;
#   - run as another user, it says what to run, and starts the sample anyway: its health and page
#     then say why Incus is unavailable.
#
# Any arguments go to the application, for example --server.port=9090 or --incus.url=...
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[run-sample] $*"; }

# Whether the application is pointed at a daemon explicitly (then nothing local is needed).
configured_explicitly() {
  local argument
  for argument in "$@"; do
    case "$argument" in
      --incus.url=* | --incus.socket-path=* | --incus.remote=*) return 0 ;;
    esac
  done
  [ -n "${INCUS_URL:-}${INCUS_SOCKET_PATH:-}${INCUS_REMOTE:-}" ]
}

# Whether a local daemon's socket exists where the incus command line (and the client) looks.
local_daemon_socket() {
  local socket
  for socket in "${INCUS_SOCKET:-}" "${INCUS_DIR:+$INCUS_DIR/unix.socket}" /run/incus/unix.socket \
      /var/lib/incus/unix.socket; do
    if [ -n "$socket" ] && [ -S "$socket" ]; then
      echo "$socket"
      return 0
    fi
  done
  return 1
}

# What the sample's throw-away daemon needs (as incus-test checks it), or nothing when all is there.
missing_for_throw_away_daemon() {
  local missing=()
  [ -x /usr/libexec/incus/incusd ] || missing+=("/usr/libexec/incus/incusd")
  command -v incus >/dev/null 2>&1 || missing+=("the incus command line")
  [ -x /bin/busybox ] || missing+=("/bin/busybox (busybox-static)")
  command -v openssl >/dev/null 2>&1 || missing+=("openssl")
  echo "${missing[*]:-}"
}

is_debian() {
  [ -r /etc/os-release ] && grep -q '^ID=debian' /etc/os-release
}

if configured_explicitly "$@"; then
  log "Incus is configured explicitly (incus.url, incus.socket-path or incus.remote): using it"
elif socket=$(local_daemon_socket); then
  log "using the local Incus daemon at $socket"
else
  missing=$(missing_for_throw_away_daemon)
  if [ -z "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      log "no Incus daemon runs here: the sample starts a throw-away one (removed when it stops)"
    else
      log "no Incus daemon runs here, and only root can start the sample's throw-away one."
      log "run this script as root (sudo $0), or start Incus and give this user its socket"
      log "(the incus-admin group). Starting anyway: /actuator/health says what is wrong."
    fi
  elif [ "$(id -u)" -eq 0 ] && is_debian; then
    log "Incus is not installed (missing: $missing)."
    log "installing Incus, busybox-static and openssl with scripts/install-incus.sh, as scripts/test.sh does..."
    if scripts/install-incus.sh; then
      log "installed; the sample starts a throw-away Incus daemon (removed when it stops)"
    else
      log "scripts/install-incus.sh failed (see above). Starting anyway: /actuator/health says what is wrong."
    fi
  elif [ "$(id -u)" -eq 0 ]; then
    log "Incus is not installed (missing: $missing), and scripts/install-incus.sh supports Debian 12 and 13"
    log "only: install Incus, busybox-static and openssl by hand, then run this script again."
    log "Starting anyway: /actuator/health says what is wrong."
  else
    log "Incus is not installed (missing: $missing). To run the sample's jobs against a real daemon,"
    if is_debian; then
      log "install it and run the sample as root:  sudo $PWD/scripts/install-incus.sh && sudo $0"
    else
      log "install Incus, busybox-static and openssl, then run the sample as root:  sudo $0"
    fi
    log "Starting anyway: /actuator/health says what is wrong."
  fi
fi

log "building the sample and what it needs (first time: a few minutes)..."
# package, not install: the sample's jar is made from this checkout alone, and nothing in
# ~/.m2 is overwritten. The jar runs in the normal (JVM, not AOT) mode here, so the AOT
# processing is skipped.
mvn -B -q -pl samples/sandbox-runner -am package -DskipTests -Dspring-boot.aot.skip=true
exec java -jar samples/sandbox-runner/target/sandbox-runner-0.1.0-SNAPSHOT.jar "$@"
