package io.github.incus4j.benchmarks;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.test.IncusCluster;
import java.time.Duration;
import java.util.List;

/**
 * The cluster's cases, on a real 3-member cluster of {@code incus-test} ({@link IncusCluster}),
 * every member reached over its own Unix socket:
 *
 * <ul>
 *   <li>B15, the cost of forwarding: the same read sent to member1 for member2 against sent to
 *       member2 itself. Two reads: {@code GET /1.0} with {@code target=member2} (the client's
 *       {@code target(...)}), and {@code GET} of an instance that lives on member2, which member1
 *       forwards by itself. Each answer is checked to come from member2.</li>
 *   <li>B16, a container cycle on a member (launch busybox, exec {@code echo hi}, delete with
 *       force) through the client against the {@code incus} command line doing the same, on the
 *       member the client is connected to and on another member through it.</li>
 * </ul>
 */
final class ClusterCases {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String FORWARDED = "bench-forwarded";

    private final IncusCluster cluster;
    private final Settings settings;
    private final IncusCluster.Member first;
    private final IncusCluster.Member second;
    private int counter;

    ClusterCases(IncusCluster cluster, Settings settings) {
        this.cluster = cluster;
        this.settings = settings;
        this.first = cluster.members().get(0);
        this.second = cluster.members().get(1);
    }

    // ---- B15 -----------------------------------------------------------------------------------

    Result[] forwarding() throws Exception {
        int requests = settings.smoke() ? 20 : 500;
        try (IncusClient viaFirst = IncusClient.builder().unixSocket(first.socketPath()).build();
                IncusClient direct = IncusClient.builder().unixSocket(second.socketPath()).build()) {
            IncusClient targeted = viaFirst.target(second.name());
            viaFirst.target(second.name()).instances().create(InstancesPost.builder(FORWARDED)
                    .image(cluster.imageAlias()).build()).flatMap(operation -> operation.await(WAIT)).block();
            try {
                Measurement[] server = compare(requests, () -> serverName(targeted), () -> serverName(direct));
                Measurement[] instance = compare(requests, () -> location(viaFirst), () -> location(direct));
                return new Result[] {
                    row("B15", "sequential GET /1.0 sent to " + first.name() + " with target=" + second.name()
                            + " (forwarded) against sent to " + second.name() + " directly, Unix sockets, median of "
                            + server[0].size() + " rounds of " + requests, server),
                    row("B15i", "sequential GET of an instance living on " + second.name() + ", sent to "
                            + first.name() + " (which forwards it) against sent to " + second.name()
                            + " directly", instance)
                };
            } finally {
                direct.instances().delete(FORWARDED).flatMap(operation -> operation.await(WAIT)).block();
            }
        }
    }

    private static Result row(String id, String what, Measurement[] millis) {
        double forwarded = millis[0].median();
        double direct = millis[1].median();
        return new Result(id, what + ": time per request", Report.millis(forwarded), Report.millis(direct),
                "+" + Report.millis(forwarded - direct), Result.REFERENCE, true);
    }

    /** A read that must come from member2. */
    interface Read {
        void run();
    }

    /** Milliseconds per request of the forwarded and the direct read, rounds alternating. */
    private Measurement[] compare(int requests, Read forwarded, Read direct) {
        Read[] sides = {forwarded, direct};
        Measurement[] millis = {new Measurement(), new Measurement()};
        for (Read side : sides) {
            for (int i = 0; i < Math.min(requests, 100); i++) {
                side.run();  // warm-up, not counted
            }
        }
        for (int round = 0; round < settings.rounds(); round++) {
            for (int turn = 0; turn < 2; turn++) {
                int side = (round + turn) % 2;
                long started = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    sides[side].run();
                }
                millis[side].add((System.nanoTime() - started) / 1e6 / requests);
            }
        }
        return millis;
    }

    private void serverName(IncusClient client) {
        Server server = client.server().get().block(WAIT);
        if (server == null || !second.name().equals(server.environment().serverName())) {
            throw new IllegalStateException("GET /1.0 was answered by "
                    + (server == null ? "nobody" : server.environment().serverName()) + ", not " + second.name());
        }
    }

    private void location(IncusClient client) {
        Instance instance = client.instances().get(FORWARDED).block(WAIT);
        if (instance == null || !second.name().equals(instance.location())) {
            throw new IllegalStateException("the instance is on " + (instance == null ? "?" : instance.location())
                    + ", not " + second.name());
        }
    }

    // ---- B16 -----------------------------------------------------------------------------------

    Result[] cycles() throws Exception {
        List<Result> results = new java.util.ArrayList<>();
        try (IncusClient client = IncusClient.builder().unixSocket(first.socketPath()).build()) {
            for (IncusCluster.Member on : List.of(first, second)) {
                IncusClient placed = client.target(on.name());
                Measurement viaClient = new Measurement();
                Measurement viaCli = new Measurement();
                clientCycle(placed);  // warm-up, not counted
                cliCycle(on);
                for (int cycle = 0; cycle < settings.cycles(); cycle++) {
                    for (int turn = 0; turn < 2; turn++) {
                        long started = System.nanoTime();
                        if ((cycle + turn) % 2 == 0) {
                            clientCycle(placed);
                            viaClient.add((System.nanoTime() - started) / 1e6);
                        } else {
                            cliCycle(on);
                            viaCli.add((System.nanoTime() - started) / 1e6);
                        }
                    }
                }
                double ratio = viaClient.median() / viaCli.median();
                boolean local = on == first;
                results.add(new Result(local ? "B16" : "B16f", "container cycle (launch busybox, exec echo hi, "
                        + "delete -f) on " + on.name() + (local ? ", the member the client is connected to"
                        : " through " + first.name() + " (placed with target, exec and delete forwarded)")
                        + ", median of " + viaClient.size() + ", against the incus command line on " + first.name()
                        + " doing the same", Report.millis(viaClient.median()), Report.millis(viaCli.median()),
                        Report.ratio(ratio), local ? "<= 0.80 (as B4)" : Result.REFERENCE, ratio <= 0.80));
            }
        }
        return results.toArray(Result[]::new);
    }

    private void clientCycle(IncusClient placed) {
        String name = "bench-cluster-client-" + (++counter);
        placed.instances().create(InstancesPost.builder(name).image(cluster.imageAlias()).start(true).build())
                .flatMap(operation -> operation.await(WAIT)).block();
        String output = placed.instances().exec(name).run(ExecRequest.of("echo", "hi")).block(WAIT).stdoutText();
        if (!output.equals("hi\n")) {
            throw new IllegalStateException("exec printed '" + output + "'");
        }
        placed.instances().stop(name, true).flatMap(operation -> operation.await(WAIT)).block();
        placed.instances().delete(name).flatMap(operation -> operation.await(WAIT)).block();
    }

    private void cliCycle(IncusCluster.Member on) {
        String name = "bench-cluster-cli-" + (++counter);
        cluster.incusOrFail(first, "launch", cluster.imageAlias(), name, "--target", on.name());
        String output = cluster.incusOrFail(first, "exec", name, "--", "echo", "hi");
        if (!output.equals("hi\n")) {
            throw new IllegalStateException("incus exec printed '" + output + "'");
        }
        cluster.incusOrFail(first, "delete", "-f", name);
    }
}
