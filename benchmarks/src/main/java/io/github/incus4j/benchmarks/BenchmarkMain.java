package io.github.incus4j.benchmarks;

import io.github.incus4j.test.IncusDaemon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs every benchmark case against a throw-away daemon and prints the table.
 *
 * <pre>
 * BenchmarkMain [--smoke] [--only B1,B6] [--output docs/BENCHMARKS.md] [--command "the command that ran this"]
 * </pre>
 *
 * <p>{@code --only} runs the cases named, for working on one of them: {@code B1} (with its
 * reference row {@code B1n}), {@code B1n}, {@code B2}, {@code B3}, {@code B4} (with {@code B4r}),
 * {@code B5}, {@code B6} (with {@code B6r}), {@code B7} ({@code B7a} and {@code B7b}), {@code B7a},
 * {@code B7b}, {@code B8} to {@code B14}, {@code B15} and {@code B16} (on a 3-member cluster formed for
 * them). A partial run prints its table but never writes it into a file.
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
        Set<String> only = Set.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--output" -> output = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                case "--only" -> only = cases(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--smoke] [--only B1,B2,...] [--output file.md] [--command text]");
            }
        }
        List<Result> results;
        String environment;
        try (IncusDaemon daemon = IncusDaemon.start()) {
            results = run(daemon, smoke ? Settings.smokeRun() : Settings.full(), only);
            environment = Report.environment(daemon.version(), command);
        }
        String table = Report.table(results);
        System.out.println(environment);
        System.out.println(table);
        if (output != null && !only.isEmpty()) {
            System.out.println("not written to " + output + ": --only ran part of the cases");
        } else if (output != null) {
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
        return run(daemon, settings, Set.of());
    }

    /**
     * Runs the cases named, or every case.
     *
     * @param daemon the daemon to measure against
     * @param settings how much to measure
     * @param only the case names to run ({@code B1} ... {@code B16}, {@code B7a}, {@code B7b}); empty for all
     * @return one result per case run
     * @throws Exception if a case fails
     */
    static List<Result> run(IncusDaemon daemon, Settings settings, Set<String> only) throws Exception {
        List<Result> results = new ArrayList<>();
        try (LazyCluster cluster = new LazyCluster()) {
            run(daemon, settings, new Runner(results, only), cluster);
        }
        return results;
    }

    private static void run(IncusDaemon daemon, Settings settings, Runner runner, LazyCluster cluster)
            throws Exception {
        ThroughputCases throughput = new ThroughputCases(daemon, settings);
        MemoryCase memory = new MemoryCase(daemon, settings);
        runner.measure("B1", throughput::sequentialUnixSocket);
        runner.measure("B1N", throughput::sequentialUnixSocketBareReactorNetty);
        runner.measure("B2", throughput::concurrentUnixSocket);
        runner.measure("B3", throughput::sequentialHttps);
        runner.measureAll("B4", () -> new ContainerCycleCase(daemon, settings).run());
        runner.measure("B5", () -> new DecodeCase(daemon, settings).run());
        runner.measureAll("B6", () -> new StartupCase(settings).run());
        runner.measure("B7A", memory::idleClientHeap);
        runner.measure("B7B", memory::growth);
        runner.measure("B8", new EventsCase(daemon, settings)::run);
        runner.measureAll("B9", () -> new FileTransferCase(daemon, settings).run());
        runner.measureAll("B10", () -> new ParallelCyclesCase(daemon, settings).run());
        runner.measureAll("B11", () -> new ExecRoundTripCase(daemon, settings).run());
        runner.measureAll("B12", () -> new ColdStartCase(daemon, settings).run());
        runner.measureAll("B13", () -> new ExecMemoryCase(daemon, settings).run());
        runner.measureAll("B14", () -> new GrowthCase(daemon, settings).run());
        runner.measureAll("B15", () -> new ClusterCases(cluster.get(), settings).forwarding());
        runner.measureAll("B16", () -> new ClusterCases(cluster.get(), settings).cycles());
    }

    private static final Set<String> CASES = Set.of("B1", "B1N", "B2", "B3", "B4", "B5", "B6", "B7", "B7A", "B7B",
            "B8", "B9", "B10", "B11", "B12", "B13", "B14", "B15", "B16");

    private static Set<String> cases(String list) {
        Set<String> named = Set.of(list.toUpperCase(Locale.ROOT).split(","));
        for (String name : named) {
            if (!CASES.contains(name)) {
                throw new IllegalArgumentException("--only: unknown case " + name + "; the cases are B1, B1n, B2, B3, "
                        + "B4 (with B4r), B5, B6 (with B6r), B7 (B7a and B7b), B7a, B7b, B8, B9, B10, B11, B12, B13, B14, B15, B16");
            }
        }
        return named;
    }

    /** Runs the selected cases, printing progress. */
    private record Runner(List<Result> results, Set<String> only) {

        void measure(String id, Case benchmark) throws Exception {
            measureAll(id, () -> new Result[] {benchmark.run()});
        }

        void measureAll(String id, Cases benchmark) throws Exception {
            if (!only.isEmpty() && !only.contains(id) && !(id.matches("B\\d[A-Z]") && only.contains(id.substring(0, 2)))) {
                return;
            }
            String load = Report.loadAverage();
            System.out.println("[benchmark] " + id + " ... (load average " + load + ")");
            long started = System.nanoTime();
            Result[] measured = benchmark.run();
            for (int i = 0; i < measured.length; i++) {
                measured[i] = measured[i].withLoad(load);
            }
            System.out.printf("[benchmark] %s done in %.1f s: %s%n", id, (System.nanoTime() - started) / 1e9,
                    List.of(measured));
            results.addAll(List.of(measured));
        }
    }

    /** A case of the benchmark that gives several results. */
    interface Cases {
        Result[] run() throws Exception;
    }

    /** A case of the benchmark. */
    interface Case {
        Result run() throws Exception;
    }

}
