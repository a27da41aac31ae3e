#!/usr/bin/env bash
# Runs the reliability tests in their long form (docs/RELIABILITY.md): F1 for 20 s with the outage
# at 5 s, 64 callers x 2,000 requests on 8 connections, 100,000 requests and 1,000 exec calls.
# CI runs the short form of the same tests as part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -N install
mvn -B -q -pl incus-test install -DskipTests
exec mvn -B -pl incus-client test -Dincus.reliability.long=true -Dincus.test.require=true \
  -Dtest='ReliabilityIntegrationTest,DaemonKilledIntegrationTest,SilentServerTest,TlsVersionTest,NameEncodingPropertyTest,EnvelopeAndErrorsTest' \
  -Dsurefire.failIfNoSpecifiedTests=false
