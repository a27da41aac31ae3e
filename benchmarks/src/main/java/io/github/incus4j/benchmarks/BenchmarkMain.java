package io.github.incus4j.benchmarks;

import io.github.incus4j.test.IncusDaemon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark case against a throw-away daemon and prints the table.
 *
 * <pre>
 * BenchmarkMain [--smoke] [--output docs/BENCHMARKS.md] [--command "the command that ran this"]
 * </pre>
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Entry point.
     *
     * @param args see the class comment
     * @throws Exception if a case fails
     */
    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        Path output = null;
        String command = "scripts/benchmark.sh";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--output" -> output = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--smoke] [--output file.md] [--command text]");
            }
        }
        List<Result> results;
        String environment;
        try (IncusDaemon daemon = IncusDaemon.start()) {
            results = run(daemon, smoke ? Settings.smokeRun() : Settings.full());
            environment = Report.environment(daemon.version(), command);
        }
        String table = Report.table(results);
        System.out.println(environment);
        System.out.println(table);
        if (output != null) {
            Report.write(output, environment + "\n\n" + table);
            System.out.println("written to " + output);
        }
    }

    /**
     * Runs every case.
     *
     * @param daemon the daemon to measure against
     * @param settings how much to measure
     * @return one result per case
     * @throws Exception if a case fails
     */
    static List<Result> run(IncusDaemon daemon, Settings settings) throws Exception {
        List<Result> results = new ArrayList<>();
        ThroughputCases throughput = new ThroughputCases(daemon, settings);
        MemoryCase memory = new MemoryCase(daemon, settings);
        measure(results, "B1", throughput::sequentialUnixSocket);
        measure(results, "B2", throughput::concurrentUnixSocket);
        measure(results, "B3", throughput::sequentialHttps);
        ContainerCycleCase cycles = new ContainerCycleCase(daemon, settings);
        System.out.println("[benchmark] B4 ...");
        results.addAll(java.util.List.of(cycles.run()));
        System.out.println("[benchmark] B5 ...");
        results.add(new DecodeCase(daemon, settings).run());
        System.out.println("[benchmark] B6 ...");
        results.addAll(java.util.List.of(new StartupCase(settings).run()));
        measure(results, "B7a", memory::idleClientHeap);
        measure(results, "B7b", memory::growth);
        measure(results, "B8", new EventsCase(daemon, settings)::run);
        return results;
    }

    /** A case of the benchmark. */
    interface Case {
        Result run() throws Exception;
    }

    private static void measure(List<Result> results, String id, Case benchmark) throws Exception {
        System.out.println("[benchmark] " + id + " ...");
        long started = System.nanoTime();
        Result result = benchmark.run();
        System.out.printf("[benchmark] %s done in %.1f s: %s%n", id, (System.nanoTime() - started) / 1e9, result);
        results.add(result);
    }
}
