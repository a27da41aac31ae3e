#!/usr/bin/env bash
# Builds and starts the sandbox runner sample (samples/sandbox-runner) on http://localhost:8080.
#
# It uses the local Incus daemon (socket found as the incus command line finds it). Where no
# daemon runs but one can be started (root, Incus installed, as after scripts/test.sh on Debian),
# the sample starts a throw-away daemon with a BusyBox image and removes it on exit. Where neither
# is possible it starts anyway, and its health and page say why Incus is unavailable.
#
# Any arguments go to the application, for example --server.port=9090 or --incus.url=...
set -euo pipefail
cd "$(dirname "$0")/.."

echo "[run-sample] building the sample and what it needs (first time: a few minutes)..."
# The jar runs in the normal (JVM, not AOT) mode here, so the AOT processing is skipped.
mvn -B -q -pl samples/sandbox-runner -am install -DskipTests -Dspring-boot.aot.skip=true
exec java -jar samples/sandbox-runner/target/sandbox-runner-0.1.0-SNAPSHOT.jar "$@"
