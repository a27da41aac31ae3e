#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and integration tests against a throw-away Incus daemon
# that the tests start themselves (see incus-test/README.md).
#
#   scripts/test.sh                  integration tests are skipped, with the reason printed, where
#                                    no daemon can be started (not root, Incus not installed)
#   scripts/test.sh --require-incus  a daemon that cannot be started fails the run (CI mode)
#
# Run as root on Debian 12 or 13, it first installs Incus, busybox-static, openssl, Chromium and
# ChromeDriver when they are missing.
# Any further arguments go to Maven (for example -pl incus-client).
set -euo pipefail
cd "$(dirname "$0")/.."

require=false
maven_args=()
for argument in "$@"; do
  case "$argument" in
    --require-incus) require=true ;;
    *) maven_args+=("$argument") ;;
  esac
done

if [ "$(id -u)" -eq 0 ] && [ -r /etc/os-release ] && grep -q '^ID=debian' /etc/os-release; then
  scripts/install-incus.sh
  # The sample's end-to-end test drives Debian's Chromium through /usr/bin/chromedriver.
  scripts/install-browser.sh
elif [ "$require" = true ]; then
  echo "[test] --require-incus: integration tests need root on Debian 12/13 with Incus installed" >&2
fi

exec mvn -B verify -Dincus.test.require="$require" "${maven_args[@]}"
