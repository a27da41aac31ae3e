#!/usr/bin/env bash
# Runs every benchmark against a throw-away Incus daemon (root and Incus needed, as for the
# integration tests), prints the table and writes it into docs/BENCHMARKS.md.
#
#   scripts/benchmark.sh            the full run (about 30 minutes)
#   scripts/benchmark.sh --smoke    tiny counts, to check the harness
#   scripts/benchmark.sh --only B1  one case, printed but not written
#
# It builds the benchmarks and the modules they need in this checkout (`package`, nothing is
# installed into ~/.m2) and runs them with the class path of that reactor build.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file="$PWD/benchmarks/target/benchmark.classpath"
mvn -B -q -Dstyle.color=never -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
classpath=$(cat "$classpath_file")
java -Xms512m -Xmx512m -XX:+UseG1GC -cp "benchmarks/target/classes:$classpath" \
  io.github.incus4j.benchmarks.BenchmarkMain --output docs/BENCHMARKS.md --command "scripts/benchmark.sh $*" "$@"
