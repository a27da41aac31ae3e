package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code incus.max-connection-lifetime} (and {@code incus.clients.NAME.max-connection-lifetime})
 * reaches the client's connection pool: a connection older than the lifetime is replaced, a
 * younger one is reused, and without the property connections are kept.
 */
class IncusConnectionLifetimeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Time for a connection to return to the pool after its response was read. */
    private static final long RELEASE_MILLIS = 200;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class));

    @TempDir
    Path directory;

    private KeepAliveSocketServer daemon;

    @BeforeEach
    void startServer() throws Exception {
        daemon = new KeepAliveSocketServer(directory.resolve("incus.socket"));
    }

    @AfterEach
    void stopServer() throws Exception {
        daemon.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"incus", "incus.clients.lab"})
    void aConnectionOlderThanTheLifetimeIsReplaced(String prefix) {
        runner.withPropertyValues(prefix + ".socket-path=" + daemon.path(), prefix + ".max-connection-lifetime=2s")
                .run(context -> {
                    IncusClient client = context.getBean(IncusClient.class);
                    call(client);
                    call(client);
                    assertThat(daemon.connections()).as("a young connection is reused").isEqualTo(1);

                    Thread.sleep(2_500);
                    call(client);
                    call(client);

                    assertThat(daemon.connections()).as("the old connection was replaced, and the new one reused")
                            .isEqualTo(2);
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"incus", "incus.clients.lab"})
    void withoutTheLifetimeTheConnectionIsKept(String prefix) {
        runner.withPropertyValues(prefix + ".socket-path=" + daemon.path()).run(context -> {
            IncusClient client = context.getBean(IncusClient.class);
            call(client);
            Thread.sleep(2_500);
            call(client);

            assertThat(daemon.connections()).isEqualTo(1);
        });
    }

    private static void call(IncusClient client) throws InterruptedException {
        assertThat(client.server().get().block(WAIT).isTrusted()).isTrue();
        Thread.sleep(RELEASE_MILLIS);
    }
}
