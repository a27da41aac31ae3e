package io.github.incus4j.client.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusCluster;
import io.github.incus4j.test.IncusClusterTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * F6 of docs/RELIABILITY.md: 16 callers (12 reading, 4 running container cycles) use one client
 * that knows every member's address while a member is SIGKILLed (the one the client talks to),
 * restarted, and then the database leader is SIGKILLed and restarted. Counts the failed calls by
 * kind in each phase, the time until each kind succeeds again, and checks that nothing is left
 * behind (instances, connections, threads) and that the restarted members are used again.
 *
 * <p>CI runs the short form; {@code -Dincus.reliability.long=true} runs longer phases.
 */
@IncusClusterTest
class ClusterFailoverIntegrationTest {

    private static final boolean LONG = Boolean.getBoolean("incus.reliability.long");
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
    private static final String PREFIX = "f6-";

    @Test
    void membersDieAndComeBackWhileCallersKeepWorking(IncusCluster cluster) throws Exception {
        IncusCluster.Member leader = cluster.leader();
        IncusCluster.Member member = cluster.members().stream().filter(candidate -> !candidate.equals(leader))
                .findFirst().orElseThrow();
        List<IncusCluster.Member> order = new ArrayList<>(List.of(member));
        cluster.members().stream().filter(candidate -> !candidate.equals(member)).forEach(order::add);
        Duration phase = LONG ? Duration.ofSeconds(20) : Duration.ofSeconds(6);
        ClientCredentials trusted = cluster.trustedClient();
        try (IncusClient client = IncusClient.builder()
                .urls(order.stream().map(candidate -> candidate.httpsUrl().toString()).toList())
                .clientCertificate(trusted.certificate(), trusted.privateKey())
                .serverCertificate(cluster.certificate())
                .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(20)).build()) {
            client.server().get().block(CALL_DEADLINE);
            int fdsBefore = ProcessResources.openFileDescriptors();
            int threadsBefore = ProcessResources.threads();

            ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
            long origin = System.nanoTime();
            AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
            AtomicInteger cycles = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> loops = new ArrayList<>();
            for (int caller = 0; caller < 16; caller++) {
                boolean cycling = caller < 4;
                int number = caller;
                loops.add(pool.submit(() -> {
                    for (int i = 0; i < 100_000 && System.nanoTime() < stopAt.get(); i++) {
                        if (cycling) {
                            String name = PREFIX + number + "-" + cycles.incrementAndGet();
                            calls.add(Call.time(origin, "cycle", () -> cycle(client, cluster, name)));
                        } else if ((i + number) % 2 == 0) {
                            calls.add(Call.time(origin, "GET /1.0", () -> client.server().get().block(CALL_DEADLINE)));
                        } else {
                            calls.add(Call.time(origin, "list instances",
                                    () -> client.instances().listNames().block(CALL_DEADLINE)));
                        }
                    }
                }));
            }

            Thread.sleep(phase.toMillis());
            long memberKilled = System.nanoTime() - origin;
            cluster.kill(member);
            Thread.sleep(phase.toMillis());
            cluster.restart(member);
            long memberBack = System.nanoTime() - origin;
            Thread.sleep(phase.toMillis());
            long leaderKilled = System.nanoTime() - origin;
            cluster.kill(leader);
            Thread.sleep(phase.toMillis());
            cluster.restart(leader);
            long leaderBack = System.nanoTime() - origin;
            Thread.sleep(phase.toMillis());
            stopAt.set(System.nanoTime());
            pool.shutdown();
            for (Future<?> loop : loops) {
                loop.get(CALL_DEADLINE.toSeconds() * 4, TimeUnit.SECONDS);
            }

            Report report = new Report(List.copyOf(calls));
            System.out.printf("[F6] %d calls (%d container cycles); member %s killed at %d ms, back at %d ms; "
                    + "leader %s killed at %d ms, back at %d ms%n", calls.size(), cycles.get(), member.name(),
                    millis(memberKilled), millis(memberBack), leader.name(), millis(leaderKilled), millis(leaderBack));
            report.print("before", 0, memberKilled);
            report.print("member down", memberKilled, memberBack);
            report.print("member back", memberBack, leaderKilled);
            report.print("leader down", leaderKilled, leaderBack);
            report.print("leader back", leaderBack, Long.MAX_VALUE);
            for (String kind : List.of("GET /1.0", "list instances", "cycle")) {
                System.out.printf("[F6] %s: first success %s ms after the member was killed, %s ms after the "
                        + "leader was killed; slowest call %d ms%n", kind, report.firstSuccessAfter(kind, memberKilled),
                        report.firstSuccessAfter(kind, leaderKilled), report.slowest(kind));
            }

            // Reads never stop for long: the client moves to the next address, the others answer.
            assertThat(report.firstSuccessAfter("GET /1.0", memberKilled)).isLessThan(5_000);
            assertThat(report.firstSuccessAfter("list instances", memberKilled)).isLessThan(5_000);
            // Every kind works again once both are back, and nothing hung past its deadline.
            for (String kind : List.of("GET /1.0", "list instances", "cycle")) {
                assertThat(report.succeededAfter(kind, leaderBack)).as(kind + " after the leader came back").isTrue();
                assertThat(report.slowest(kind)).isLessThan(CALL_DEADLINE.toMillis() * 3);
            }
            // The restarted members are used again: placement on them and their own addresses.
            for (IncusCluster.Member restarted : List.of(member, leader)) {
                String name = PREFIX + "back-" + restarted.name();
                client.target(restarted.name()).instances()
                        .create(InstancesPost.builder(name).image(cluster.imageAlias()).build())
                        .flatMap(creation -> creation.await(CALL_DEADLINE)).block(CALL_DEADLINE);
                assertThat(client.instances().get(name).block(CALL_DEADLINE).location()).isEqualTo(restarted.name());
            }
            // Nothing left behind: every instance of the test goes, connections and threads settle.
            deleteLeftovers(client);
            assertThat(client.instances().listNames().block(CALL_DEADLINE)).noneMatch(name -> name.startsWith(PREFIX));
            int fdsAfter = ProcessResources.settle(ProcessResources::openFileDescriptors, fdsBefore + 4,
                    Duration.ofSeconds(40));
            int threadsAfter = ProcessResources.settle(ProcessResources::threads, threadsBefore + 2,
                    Duration.ofSeconds(10));
            System.out.printf("[F6] file descriptors %d -> %d, threads %d -> %d%n", fdsBefore, fdsAfter,
                    threadsBefore, threadsAfter);
            assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + 4);
            assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + 2);
        }
    }

    /** Launch a BusyBox container, run a command in it, delete it (also when a step failed). */
    private static void cycle(IncusClient client, IncusCluster cluster, String name) {
        try {
            client.instances().create(InstancesPost.builder(name).image(cluster.imageAlias()).start(true).build())
                    .flatMap(creation -> creation.await(CALL_DEADLINE)).block(CALL_DEADLINE);
            client.instances().exec(name).run(ExecRequest.of("echo", "hi")).block(CALL_DEADLINE);
        } finally {
            client.instances().delete(name).flatMap(deletion -> deletion.await(CALL_DEADLINE))
                    .onErrorResume(IncusException.class, gone -> Mono.empty()).block(CALL_DEADLINE);
        }
    }

    /** Deletes what cycles that failed half-way left (their own deletion may have failed too). */
    private static void deleteLeftovers(IncusClient client) {
        for (String name : client.instances().listNames().block(CALL_DEADLINE)) {
            if (name.startsWith(PREFIX)) {
                client.instances().changeState(name, io.github.incus4j.client.model.InstanceStatePut.stop(true))
                        .flatMap(stop -> stop.await(CALL_DEADLINE)).onErrorResume(IncusException.class,
                                stopped -> Mono.empty()).block(CALL_DEADLINE);
                client.instances().delete(name).flatMap(deletion -> deletion.await(CALL_DEADLINE))
                        .block(CALL_DEADLINE);
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** One call: what it was, when it ended (since the origin), how long it took, how it failed. */
    private record Call(String kind, long nanos, long endedAt, String outcome) {

        boolean succeeded() {
            return outcome.equals("ok");
        }

        static Call time(long origin, String kind, Runnable call) {
            long begin = System.nanoTime();
            String outcome = "ok";
            try {
                call.run();
            } catch (IncusApiException e) {
                outcome = e.getClass().getSimpleName() + " " + e.status() + " " + shortened(e.serverMessage());
            } catch (IncusException e) {
                outcome = e.getClass().getSimpleName();
            } catch (RuntimeException e) {
                outcome = e.getClass().getSimpleName() + " " + shortened(String.valueOf(e.getMessage()));
            }
            long end = System.nanoTime();
            return new Call(kind, end - begin, end - origin, outcome);
        }

        private static String shortened(String message) {
            String line = message.lines().findFirst().orElse("");
            return line.length() > 70 ? line.substring(0, 70) + "..." : line;
        }
    }

    /** What the calls of each phase did. */
    private record Report(List<Call> calls) {

        void print(String phase, long from, long to) {
            Map<String, Map<String, Long>> byKind = new TreeMap<>();
            for (Call call : calls) {
                if (call.endedAt() >= from && call.endedAt() < to) {
                    byKind.computeIfAbsent(call.kind(), kind -> new TreeMap<>()).merge(call.outcome(), 1L, Long::sum);
                }
            }
            System.out.printf("[F6] %s: %s%n", phase, byKind.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining("; ")));
        }

        /** Milliseconds from the moment to the end of the first success of that kind that began after it. */
        long firstSuccessAfter(String kind, long moment) {
            return calls.stream().filter(call -> call.kind().equals(kind) && call.succeeded()
                    && call.endedAt() - call.nanos() >= moment).mapToLong(Call::endedAt).min()
                    .stream().map(ended -> TimeUnit.NANOSECONDS.toMillis(ended - moment)).findFirst()
                    .orElse(Long.MAX_VALUE);
        }

        boolean succeededAfter(String kind, long moment) {
            return firstSuccessAfter(kind, moment) != Long.MAX_VALUE;
        }

        long slowest(String kind) {
            return calls.stream().filter(call -> call.kind().equals(kind)).mapToLong(Call::nanos).max()
                    .stream().map(TimeUnit.NANOSECONDS::toMillis).findFirst().orElse(0);
        }
    }
}
