package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ConsoleSession;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceConsoleApi;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.model.InstanceConsolePost;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.StatusCode;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The interactive console of a busybox container on a real daemon: busybox's init offers a shell
 * on {@code /dev/console} after Enter, which the session types into and reads back.
 */
@IncusIntegrationTest
class InstanceConsoleIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long READ_LIMIT_NANOS = Duration.ofSeconds(15).toNanos();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aShellOnTheConsoleAnswersWhatIsTyped(Transport transport, IncusDaemon daemon) throws Exception {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "console")) {
            ConsoleSession console = client.instances().console(container.name()).attach(InstanceConsolePost.text(80, 24))
                    .block(WAIT);
            assertThat(console.operation().lastSeen().operationClass()).isEqualTo("websocket");
            StringBuffer screen = new StringBuffer();
            Disposable reading = console.output()
                    .subscribe(bytes -> screen.append(new String(bytes, StandardCharsets.UTF_8)));
            try {
                String marker = "mark" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
                // busybox init asks for Enter on the console; the shell it then starts echoes and runs
                // what is typed. The arithmetic shows the command ran, not just its echo.
                console.send("\n").block(WAIT);
                console.resize(100, 30).block(WAIT);
                long deadline = System.nanoTime() + READ_LIMIT_NANOS;
                String expected = marker + "-" + 42;
                while (!screen.toString().contains(expected) && System.nanoTime() < deadline) {
                    console.send("echo " + marker + "-$((40+2))\n").block(WAIT);
                    Thread.sleep(300);
                }
                assertThat(screen.toString()).contains(expected);
            } finally {
                console.disconnect().block(WAIT);
                reading.dispose();
            }
            Operation ended = console.operation().await(WAIT).onErrorResume(failed -> console.operation().refresh())
                    .block(WAIT);
            assertThat(ended.isFinal()).as(ended.toString()).isTrue();
            assertThat(client.instances().get(container.name()).block(WAIT).isRunning()).isTrue();
        }
    }

    @Test
    void theOutputEndsWhenTheInstanceStops(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "console-stop")) {
            ConsoleSession console = client.instances().console(container.name()).attach(InstanceConsolePost.text(80, 24))
                    .block(WAIT);
            Mono<Long> chunks = console.output().count().cache();
            chunks.subscribe(count -> { }, failure -> { });
            assertThatThrownBy(() -> console.output().blockFirst(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already subscribed");

            client.instances().stop(container.name(), true).flatMap(stop -> stop.await(WAIT)).block(WAIT);

            assertThat(chunks.block(WAIT)).isNotNegative();
        }
    }

    @Test
    void theConsoleOfAStoppedInstanceIsRefused(IncusDaemon daemon) {
        String name = Transport.uniqueName("console-off");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            try {
                assertThatThrownBy(() -> client.instances().console(name).attach(InstanceConsolePost.text(80, 24)).block(WAIT))
                        .isInstanceOfSatisfying(IncusApiException.class,
                                e -> assertThat(e.serverMessage()).containsIgnoringCase("not running"));
            } finally {
                client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }

    @Test
    void aSessionThatNeverConnectedHoldsTheConsoleUntilItIsDisconnected(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "console-held")) {
            InstanceConsoleApi console = client.instances().console(container.name());
            ConsoleSession idle = console.attach().block(WAIT);

            // Measured on Incus 6.0.4: the daemon keeps waiting for this session's websockets.
            assertThatThrownBy(() -> console.attach().block(WAIT))
                    .isInstanceOfSatisfying(IncusApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.serverMessage()).isEqualTo(
                                "This console is already connected. Force is required to take it over.");
                    });

            idle.disconnect().block(WAIT);

            assertThat(idle.operation().refresh().block(WAIT).statusCode()).isEqualTo(StatusCode.CANCELLED);
            ConsoleSession next = console.attach().block(WAIT);
            assertThat(next.operation().id()).isNotEqualTo(idle.operation().id());
            next.disconnect().block(WAIT);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> InstanceConsolePost.text(0, 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terminal size");
    }
}
