package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.spring.autoconfigure.IncusProperties;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * F1 for the starter: the {@code incus} health of a Boot application, read from
 * {@code /actuator/health} as a Kubernetes probe reads it, while the daemon shuts down and starts
 * again on the same directory and a few callers keep using the application's client. UP before,
 * DOWN (HTTP 503, with a reason) within the health timeout of the daemon going away, UP again
 * within 2 s of the daemon being ready. A daemon of its own, because it is stopped.
 */
@IncusIntegrationTest(scope = IncusIntegrationTest.Scope.CLASS)
class HealthThroughRestartIntegrationTest {

    private static final int CALLERS = 3;
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    private static final long SAMPLE_PAUSE_MILLIS = 100;
    private static final int MAX_SAMPLES = 2_000;
    private static final int MAX_CALLS_PER_CALLER = 100_000;
    private static final Duration OUTAGE = Duration.ofSeconds(2);
    private static final Duration RECOVERY_TARGET = Duration.ofSeconds(2);

    @Test
    void theHealthIsDownDuringAnOutageAndUpSoonAfterTheDaemonIsBack(IncusDaemon daemon) throws Exception {
        try (BootApp app = BootApp.start("incus.socket-path=" + daemon.socketPath(), "incus.connect-timeout=2s",
                "incus.response-timeout=3s", "incus.health.timeout=3s")) {
            IncusClient client = app.bean(IncusClient.class);
            Duration healthTimeout = app.bean(IncusProperties.class).getHealth().getTimeout();
            long origin = System.nanoTime();
            AtomicBoolean running = new AtomicBoolean(true);
            long hardStop = origin + Duration.ofMinutes(3).toNanos();

            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
            ExecutorService threads = Executors.newFixedThreadPool(CALLERS + 1);
            List<Future<?>> loops = new ArrayList<>();
            loops.add(threads.submit(() -> {
                for (int i = 0; i < MAX_SAMPLES && running.get() && System.nanoTime() < hardStop; i++) {
                    samples.add(Sample.take(app, origin));
                    pause(SAMPLE_PAUSE_MILLIS);
                }
            }));
            for (int caller = 0; caller < CALLERS; caller++) {
                int number = caller;
                loops.add(threads.submit(() -> {
                    for (int i = 0; i < MAX_CALLS_PER_CALLER && running.get() && System.nanoTime() < hardStop; i++) {
                        boolean serverCall = (i + number) % 2 == 0;
                        calls.add(Call.time(origin, () -> {
                            if (serverCall) {
                                client.server().get().block(CALL_DEADLINE);
                            } else {
                                client.instances().listNames().block(CALL_DEADLINE);
                            }
                        }));
                        pause(5);
                    }
                }));
            }

            long upBefore;
            long shutdownBegan;
            long daemonGone;
            long restartBegan;
            long readyAt;
            long upAfter;
            try {
                upBefore = awaitSample(samples, 0, Sample::up, Duration.ofSeconds(30));
                Thread.sleep(1_000);
                shutdownBegan = System.nanoTime() - origin;
                daemon.stop();
                daemonGone = System.nanoTime() - origin;
                Thread.sleep(OUTAGE.toMillis());
                restartBegan = System.nanoTime() - origin;
                daemon.restart();
                readyAt = System.nanoTime() - origin;
                upAfter = awaitSample(samples, readyAt, Sample::up, Duration.ofSeconds(30));
                Thread.sleep(1_000);
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get(60, TimeUnit.SECONDS);
                }
            } finally {
                running.set(false);
                threads.shutdownNow();
            }

            List<Sample> all = new ArrayList<>(samples);
            List<Sample> before = all.stream().filter(sample -> sample.endedAt() < shutdownBegan).toList();
            List<Sample> outage = all.stream().filter(sample -> sample.startedAt() >= daemonGone
                    && sample.endedAt() <= restartBegan).toList();
            long firstDown = all.stream().filter(sample -> !sample.up() && sample.startedAt() >= shutdownBegan)
                    .mapToLong(Sample::endedAt).min().orElse(Long.MAX_VALUE);
            Set<String> reasons = new TreeSet<>();
            all.stream().filter(sample -> !sample.up()).forEach(sample -> reasons.add(sample.reason()));
            long slowestCheck = all.stream().mapToLong(Sample::nanos).max().orElse(0);
            long slowestOutageCheck = outage.stream().mapToLong(Sample::nanos).max().orElse(0);

            List<Call> done = new ArrayList<>(calls);
            long succeeded = done.stream().filter(Call::succeeded).count();
            long connectionErrors = done.stream().filter(call -> call.failure() instanceof IncusConnectionException)
                    .count();
            List<Call> daemonErrors = done.stream().filter(call -> call.failure() instanceof IncusApiException).toList();
            List<Call> other = done.stream().filter(call -> !call.succeeded()
                    && !(call.failure() instanceof IncusConnectionException)
                    && !(call.failure() instanceof IncusApiException)).toList();
            long slowestCall = done.stream().mapToLong(Call::nanos).max().orElse(0);
            long firstCallAfterReady = done.stream().filter(Call::succeeded).mapToLong(Call::endedAt)
                    .filter(at -> at >= readyAt).min().orElse(Long.MAX_VALUE);

            System.out.printf("[reliability] F1 health: health timeout %d ms; %d checks (%d before the outage, %d while "
                    + "the daemon was gone), slowest %d ms (%d ms while the daemon was gone); the shutdown took %d ms, "
                    + "first DOWN %d ms after it began, DOWN reasons %s; the restart took %d ms, first UP %d ms after "
                    + "the daemon was ready; %d callers: %d calls, %d succeeded, %d connection errors, %d daemon error "
                    + "answers, %d other, slowest %d ms, first success %d ms after ready%n",
                    healthTimeout.toMillis(), all.size(), before.size(), outage.size(), slowestCheck / 1_000_000,
                    slowestOutageCheck / 1_000_000, (daemonGone - shutdownBegan) / 1_000_000,
                    (firstDown - shutdownBegan) / 1_000_000, reasons, (readyAt - restartBegan) / 1_000_000,
                    (upAfter - readyAt) / 1_000_000, CALLERS, done.size(), succeeded, connectionErrors,
                    daemonErrors.size(), other.size(), slowestCall / 1_000_000, (firstCallAfterReady - readyAt) / 1_000_000);

            assertThat(upBefore).as("UP before the outage").isLessThan(shutdownBegan);
            assertThat(before).as("health before the outage").isNotEmpty().allSatisfy(sample -> {
                assertThat(sample.up()).as("UP: %s", sample).isTrue();
                assertThat(sample.httpStatus()).isEqualTo(200);
            });
            assertThat(outage).as("checks while the daemon was gone").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(sample -> {
                        assertThat(sample.up()).as("DOWN: %s", sample).isFalse();
                        assertThat(sample.httpStatus()).as("status of %s", sample).isEqualTo(503);
                        assertThat(sample.reason()).as("reason of %s", sample).isNotBlank();
                        assertThat(sample.hint()).as("hint of %s", sample).isNotBlank();
                        assertThat(Duration.ofNanos(sample.nanos())).as("duration of %s", sample)
                                .isLessThanOrEqualTo(healthTimeout);
                    });
            assertThat(Duration.ofNanos(firstDown - daemonGone)).as("from the daemon gone to the first DOWN")
                    .isLessThanOrEqualTo(healthTimeout.plusMillis(SAMPLE_PAUSE_MILLIS));
            assertThat(Duration.ofNanos(upAfter - readyAt)).as("from the daemon ready to the first UP")
                    .isLessThan(RECOVERY_TARGET);

            assertThat(other).as("calls that failed otherwise than with a connection or daemon error").isEmpty();
            assertThat(daemonErrors).as("daemon error answers only while it stops").allSatisfy(call ->
                    assertThat(call.endedAt()).isBetween(shutdownBegan, daemonGone + CALL_DEADLINE.toNanos()));
            assertThat(connectionErrors).as("callers saw the outage").isPositive();
            assertThat(Duration.ofNanos(slowestCall)).as("slowest call").isLessThan(CALL_DEADLINE);
            assertThat(Duration.ofNanos(firstCallAfterReady - readyAt)).as("callers succeed again after ready")
                    .isLessThan(RECOVERY_TARGET);
            assertThat(client.server().get().block(CALL_DEADLINE).isTrusted()).isTrue();
        }
    }

    /** Waits, boundedly, for a sample ending after {@code after} that matches, and returns when it ended. */
    private static long awaitSample(ConcurrentLinkedQueue<Sample> samples, long after,
            Predicate<Sample> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (Sample sample : samples) {
                if (sample.endedAt() >= after && wanted.test(sample)) {
                    return sample.endedAt();
                }
            }
            Thread.sleep(20);
        }
        return Long.MAX_VALUE;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One read of {@code /actuator/health}: the incus component as a probe would see it. */
    private record Sample(long startedAt, long endedAt, int httpStatus, String status, String reason, String hint) {

        boolean up() {
            return status.equals("UP");
        }

        long nanos() {
            return endedAt - startedAt;
        }

        static Sample take(BootApp app, long origin) {
            long begin = System.nanoTime();
            HttpResponse<String> response = app.get("/actuator/health");
            long end = System.nanoTime();
            Map<String, Object> incus = BootApp.json(response.body(), "$.components.incus");
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) incus.getOrDefault("details", Map.of());
            return new Sample(begin - origin, end - origin, response.statusCode(), String.valueOf(incus.get("status")),
                    String.valueOf(details.getOrDefault("reason", "")), String.valueOf(details.getOrDefault("hint", "")));
        }
    }

    /** One timed call of a caller and how it ended. */
    private record Call(long nanos, long endedAt, IncusException failure) {

        boolean succeeded() {
            return failure == null;
        }

        static Call time(long origin, Runnable call) {
            long begin = System.nanoTime();
            IncusException failure = null;
            try {
                call.run();
            } catch (IncusException e) {
                failure = e;
            }
            long end = System.nanoTime();
            return new Call(end - begin, end - origin, failure);
        }
    }
}
