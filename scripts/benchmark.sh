#!/usr/bin/env bash
# Runs every benchmark against a throw-away Incus daemon (root and Incus needed, as for the
# integration tests), prints the table and writes it into docs/BENCHMARKS.md.
#
#   scripts/benchmark.sh            the full run (several minutes)
#   scripts/benchmark.sh --smoke    tiny counts, to check the harness
#   scripts/benchmark.sh --only B1  one case, printed but not written
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl benchmarks -am install -DskipTests
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -Dstyle.color=never -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$classpath_file"
classpath=$(cat "$classpath_file")
java -Xms512m -Xmx512m -cp "benchmarks/target/classes:$classpath" io.github.incus4j.benchmarks.BenchmarkMain \
  --output docs/BENCHMARKS.md --command "scripts/benchmark.sh $*" "$@"
