package io.github.incus4j.benchmarks;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.time.Duration;

/**
 * B4: a container's whole life, three ways in the same run: create from the busybox alias and
 * start, exec {@code echo hi} with its output, delete with force. By the client; by the
 * {@code incus} command line ({@code launch}, {@code exec}, {@code delete -f}); and by raw HTTP.
 *
 * <p>The raw sequence runs exec with {@code record-output} (two more GETs and a DELETE for the
 * logs) rather than websockets: a websocket handshake written by hand is not what a caller of raw
 * HTTP would do, and it would make the baseline slower, not faster.
 */
final class ContainerCycleCase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final IncusDaemon daemon;
    private final Settings settings;
    private int counter;

    ContainerCycleCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    Result[] run() throws Exception {
        Measurement client = new Measurement();
        Measurement cli = new Measurement();
        Measurement raw = new Measurement();
        try (IncusClient incus = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            // Warm-up: one cycle each, not counted.
            clientCycle(incus);
            cliCycle();
            rawCycle();
            for (int cycle = 0; cycle < settings.cycles(); cycle++) {
                // Rotate the order so that drift hits all three alike.
                for (int turn = 0; turn < 3; turn++) {
                    switch ((cycle + turn) % 3) {
                        case 0 -> client.add(timed(() -> clientCycle(incus)));
                        case 1 -> cli.add(timed(this::cliCycle));
                        default -> raw.add(timed(this::rawCycle));
                    }
                }
            }
        }
        double versusCli = client.median() / cli.median();
        double versusRaw = client.median() / raw.median();
        return new Result[] {
            new Result("B4", "container cycle (launch busybox, exec echo hi, delete -f), median of "
                    + client.size() + ", against the incus command line", Report.millis(client.median()),
                    Report.millis(cli.median()), Report.ratio(versusCli), "<= 0.80", versusCli <= 0.80),
            new Result("B4r", "the same cycle against raw HTTP (exec with record-output)",
                    Report.millis(client.median()), Report.millis(raw.median()), Report.ratio(versusRaw), "<= 1.10",
                    versusRaw <= 1.10)
        };
    }

    private String nextName(String prefix) {
        return prefix + "-" + (++counter);
    }

    private void clientCycle(IncusClient incus) {
        String name = nextName("bench-client");
        incus.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                .flatMap(operation -> operation.await(WAIT)).block();
        String output = incus.instances().exec(name).run(ExecRequest.of("echo", "hi")).block().stdoutText();
        if (!output.equals("hi\n")) {
            throw new IllegalStateException("exec printed '" + output + "'");
        }
        incus.instances().stop(name, true).flatMap(operation -> operation.await(WAIT)).block();
        incus.instances().delete(name).flatMap(operation -> operation.await(WAIT)).block();
    }

    private void cliCycle() {
        String name = nextName("bench-cli");
        daemon.incusOrFail("launch", daemon.imageAlias(), name);
        String output = daemon.incusOrFail("exec", name, "--", "echo", "hi");
        if (!output.equals("hi\n")) {
            throw new IllegalStateException("incus exec printed '" + output + "'");
        }
        daemon.incusOrFail("delete", "-f", name);
    }

    private void rawCycle() throws IOException {
        ParallelCyclesCase.rawCycle(daemon, nextName("bench-raw"));
    }

    /** Work that may throw. */
    interface Work {
        void run() throws Exception;
    }

    private static double timed(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e6;
    }
}
