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
 * @param fileSize the file moved in B9
 * @param transferRounds rounds per side in B9 (after one not counted)
 * @param parallelCycles container cycles started at once in B10
 * @param parallelRounds rounds per side in B10 (after one not counted)
 * @param roundTrips exec round trips per side in B11
 * @param starts JVM starts per variant in B12
 * @param execOutputs the output sizes of B13, in bytes
 * @param growth whether to measure the cost-as-work-grows table (B14), and how far
 */
record Settings(boolean smoke, int rounds, int requests, int warmup, int cycles, long fileSize, int transferRounds,
        int parallelCycles, int parallelRounds, int roundTrips, int starts, long[] execOutputs, Growth growth) {

    /**
     * The sizes of the cost-as-work-grows table.
     *
     * @param instances listing sizes
     * @param subscribers event subscriber counts
     * @param events events generated per subscriber count
     * @param fileSizes file sizes
     */
    record Growth(int[] instances, int[] subscribers, int events, long[] fileSizes) {
    }

    private static final long MIB = 1024 * 1024;

    static Settings full() {
        return new Settings(false, 7, 3_000, 3_000, 9, 256 * MIB, 5, 20, 3, 300, 7,
                new long[] {5 * MIB, 50 * MIB},
                new Growth(new int[] {100, 1_000, 10_000}, new int[] {1, 8, 64}, 400,
                        new long[] {MIB, 16 * MIB, 256 * MIB, 1024 * MIB}));
    }

    static Settings smokeRun() {
        return new Settings(true, 2, 50, 50, 1, 4 * MIB, 1, 3, 1, 5, 1, new long[] {MIB},
                new Growth(new int[] {10, 100}, new int[] {1, 2}, 10, new long[] {MIB}));
    }
}
