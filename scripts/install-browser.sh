#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the sample's end-to-end browser test.
# Idempotent. Selenium is pointed at /usr/bin/chromedriver; nothing is downloaded at test time.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "[install-browser] $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "[install-browser] must run as root (it calls apt-get)" >&2
  exit 1
fi
echo "[install-browser] installing chromium chromium-driver"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -qq -y --no-install-recommends chromium chromium-driver >/dev/null
echo "[install-browser] installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
