package io.github.incus4j.benchmarks;

/**
 * How much to measure: the full run for the report, or the smoke run that only proves the harness
 * still works.
 *
 * @param smoke whether this is the smoke run
 * @param rounds rounds per side of a comparison (alternating)
 * @param requests requests per round in the throughput cases
 * @param warmup requests before the first round, per side
 * @param cycles container cycles per side (B4)
 */
record Settings(boolean smoke, int rounds, int requests, int warmup, int cycles) {

    static Settings full() {
        return new Settings(false, 7, 3_000, 3_000, 9);
    }

    static Settings smokeRun() {
        return new Settings(true, 2, 50, 50, 1);
    }
}
