package io.github.incus4j.benchmarks;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * B10: many container cycles (launch BusyBox, exec {@code echo hi}, delete) started at once. From
 * one client, as reactive calls subscribed together (no thread per cycle); against as many
 * {@code incus} command lines run in parallel ({@code launch}, {@code exec}, {@code delete -f}
 * each); and against raw HTTP, one blocking connection per cycle (exec with
 * {@code record-output}, as in B4). Rounds rotate the order of the three; each round waits until
 * the previous one's containers are gone.
 */
final class ParallelCyclesCase {

    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final Pattern OPERATION = Pattern.compile("\"operation\":\"(/1\\.0/operations/[^\"]+)\"");
    private static final Pattern STDOUT_LOG = Pattern.compile("\"1\":\"([^\"]+)\"");
    private static final Pattern STDERR_LOG = Pattern.compile("\"2\":\"([^\"]+)\"");

    private final IncusDaemon daemon;
    private final Settings settings;
    private int counter;

    ParallelCyclesCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    /** One round of one side: the wall time of the round and the time of each cycle, in milliseconds. */
    private record Round(double wall, List<Double> cycles) {
    }

    /** A side: runs {@code count} cycles at once. */
    interface Side {
        Round run(int count) throws Exception;
    }

    Result[] run() throws Exception {
        int count = settings.parallelCycles();
        ExecutorService threads = Executors.newFixedThreadPool(count);
        List<List<Round>> rounds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (IncusClient client = Clients.unixSocket(daemon); Cli cli = Cli.unixSocket(daemon)) {
            Side[] sides = {n -> clientRound(client, n), n -> cliRound(cli, threads, n), n -> rawRound(threads, n)};
            for (Side side : sides) {
                side.run(count);  // warm-up, not counted
            }
            for (int round = 0; round < settings.parallelRounds(); round++) {
                for (int turn = 0; turn < sides.length; turn++) {
                    int side = (round + turn) % sides.length;
                    rounds.get(side).add(sides[side].run(count));
                }
            }
        } finally {
            threads.shutdownNow();
        }
        Summary client = summary(rounds.get(0));
        Summary cli = summary(rounds.get(1));
        Summary raw = summary(rounds.get(2));
        double versusCli = client.wall / cli.wall;
        double versusRaw = client.wall / raw.wall;
        String what = count + " container cycles (launch busybox, exec echo hi, delete) started at once from one client, "
                + "median wall time of " + rounds.get(0).size() + " rounds; per cycle p50/p99 over all rounds";
        return new Result[] {
            new Result("B10", what + ", against " + count + " `incus` command lines in parallel", client.text(),
                    cli.text(), Report.ratio(versusCli), "<= 0.80", versusCli <= 0.80),
            new Result("B10r", "the same against raw HTTP, " + count + " blocking connections (exec with record-output)",
                    client.text(), raw.text(), Report.ratio(versusRaw), "<= 1.10", versusRaw <= 1.10)
        };
    }

    /** Median wall time of the rounds, and percentiles of every cycle of every round. */
    private record Summary(double wall, double p50, double p99) {
        String text() {
            return String.format(Locale.ROOT, "%.0f ms (cycle p50 %.0f ms, p99 %.0f ms)", wall, p50, p99);
        }
    }

    private static Summary summary(List<Round> rounds) {
        Measurement walls = new Measurement();
        List<Double> cycles = new ArrayList<>();
        for (Round round : rounds) {
            walls.add(round.wall());
            cycles.addAll(round.cycles());
        }
        Collections.sort(cycles);
        return new Summary(walls.median(), percentile(cycles, 0.50), percentile(cycles, 0.99));
    }

    static double percentile(List<Double> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private synchronized String nextName(String prefix) {
        return prefix + "-" + (++counter);
    }

    private Round clientRound(IncusClient client, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(nextName("par-client"));
        }
        long started = System.nanoTime();
        List<Double> cycles = Flux.fromIterable(names)
                .flatMap(name -> Mono.defer(() -> {
                    long cycleStarted = System.nanoTime();
                    return clientCycle(client, name).then(Mono.fromSupplier(() -> (System.nanoTime() - cycleStarted)
                            / 1e6));
                }), count)
                .collectList().block(WAIT);
        return new Round((System.nanoTime() - started) / 1e6, cycles);
    }

    private Mono<Void> clientCycle(IncusClient client, String name) {
        return client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                .flatMap(operation -> operation.await(WAIT))
                .then(client.instances().exec(name).run(ExecRequest.of("echo", "hi")))
                .doOnNext(result -> {
                    if (!result.stdoutText().equals("hi\n")) {
                        throw new IllegalStateException("exec printed '" + result.stdoutText() + "'");
                    }
                })
                .then(client.instances().stop(name, true).flatMap(operation -> operation.await(WAIT)))
                .then(client.instances().delete(name).flatMap(operation -> operation.await(WAIT)))
                .then();
    }

    private Round cliRound(Cli cli, ExecutorService threads, int count) throws Exception {
        return inThreads(threads, count, () -> {
            String name = nextName("par-cli");
            cli.run("launch", daemon.imageAlias(), name);
            String output = cli.run("exec", name, "--", "echo", "hi");
            if (!output.equals("hi\n")) {
                throw new IllegalStateException("incus exec printed '" + output + "'");
            }
            cli.run("delete", "-f", name);
            return null;
        });
    }

    private Round rawRound(ExecutorService threads, int count) throws Exception {
        return inThreads(threads, count, () -> {
            rawCycle(daemon, nextName("par-raw"));
            return null;
        });
    }

    private static Round inThreads(ExecutorService threads, int count, Callable<Void> cycle) throws Exception {
        long started = System.nanoTime();
        List<Future<Double>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            running.add(threads.submit(() -> {
                long cycleStarted = System.nanoTime();
                cycle.call();
                return (System.nanoTime() - cycleStarted) / 1e6;
            }));
        }
        List<Double> cycles = new ArrayList<>();
        for (Future<Double> future : running) {
            cycles.add(future.get(10, TimeUnit.MINUTES));
        }
        return new Round((System.nanoTime() - started) / 1e6, cycles);
    }

    /** One cycle by raw HTTP on a connection of its own, exec with record-output. */
    static void rawCycle(IncusDaemon daemon, String name) throws IOException {
        try (RawHttpClient raw = RawHttpClient.unixSocket(daemon.socketPath())) {
            await(raw, raw.exchange("POST", "/1.0/instances", "{\"name\":\"" + name + "\",\"source\":{\"type\":"
                    + "\"image\",\"alias\":\"" + daemon.imageAlias() + "\"},\"start\":true}"));
            String exec = await(raw, raw.exchange("POST", "/1.0/instances/" + name + "/exec",
                    "{\"command\":[\"echo\",\"hi\"],\"wait-for-websocket\":false,\"record-output\":true}"));
            String stdout = RawHttpClient.found(STDOUT_LOG, exec);
            String output = raw.exchange("GET", stdout, null);
            raw.exchange("GET", RawHttpClient.found(STDERR_LOG, exec), null);
            if (!output.equals("hi\n")) {
                throw new IllegalStateException("raw exec printed '" + output + "'");
            }
            raw.exchange("DELETE", stdout, null);
            await(raw, raw.exchange("PUT", "/1.0/instances/" + name + "/state", "{\"action\":\"stop\",\"force\":true}"));
            await(raw, raw.exchange("DELETE", "/1.0/instances/" + name, null));
        }
    }

    static String await(RawHttpClient raw, String asyncAnswer) throws IOException {
        String waited = raw.exchange("GET", RawHttpClient.found(OPERATION, asyncAnswer) + "/wait?timeout=300", null);
        if (!waited.contains("\"status_code\":200")) {
            throw new IOException("operation did not succeed: " + waited);
        }
        return waited;
    }
}
