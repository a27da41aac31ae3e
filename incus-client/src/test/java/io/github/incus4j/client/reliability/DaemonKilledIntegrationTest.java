package io.github.incus4j.client.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * F2: the daemon is killed (SIGKILL) while an operation is awaited, an exec streams and an events
 * subscription is open. Each must end within its deadline with a clear connection error, never hang.
 */
@IncusIntegrationTest(scope = IncusIntegrationTest.Scope.CLASS)
class DaemonKilledIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Test
    void everythingInFlightEndsWithAConnectionError(IncusDaemon daemon) throws Exception {
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            client.instances().create(InstancesPost.builder("victim").image(daemon.imageAlias()).start(true).build())
                    .flatMap(creation -> creation.await(Duration.ofSeconds(60))).block();
            OperationHandle detached = client.instances().exec("victim").runDetached(ExecRequest.of("sleep", "300")).block();
            EventSubscription events = client.events().connect(EventFilter.all()).block(DEADLINE);

            CompletableFuture<Throwable> awaiting = outcome(detached.await(Duration.ofMinutes(5)).then());
            CompletableFuture<Throwable> streaming = outcome(client.instances().exec("victim")
                    .stream(ExecRequest.of("sh", "-c", "while true; do echo tick; sleep 0.2; done")).then());
            CompletableFuture<Throwable> listening = outcome(events.events().then());
            Thread.sleep(1000);
            assertThat(awaiting).isNotDone();
            assertThat(streaming).isNotDone();
            assertThat(listening).isNotDone();

            long killedAt = System.nanoTime();
            daemon.kill();

            Throwable waitEnded = awaiting.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            Throwable execEnded = streaming.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            Throwable eventsEnded = listening.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            long elapsedMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("[reliability] F2 kill -9: operation wait, exec stream and events all ended within %d ms:"
                    + "%n  wait:   %s%n  exec:   %s%n  events: %s%n", elapsedMs, waitEnded, execEnded, eventsEnded);

            assertThat(waitEnded).isInstanceOf(IncusConnectionException.class);
            assertThat(execEnded).isInstanceOf(IncusException.class);
            assertThat(eventsEnded).isInstanceOfSatisfying(IncusConnectionException.class,
                    e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_CLOSED));
            events.close();
        }
    }

    /** Subscribes and completes with the error that ended the publisher (or null if it completed). */
    private static CompletableFuture<Throwable> outcome(reactor.core.publisher.Mono<Void> work) {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        work.subscribe(nothing -> { }, ended::complete, () -> ended.complete(null));
        return ended;
    }
}
