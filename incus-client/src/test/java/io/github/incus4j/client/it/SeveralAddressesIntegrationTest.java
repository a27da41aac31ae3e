package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import io.github.incus4j.client.UpgradedConnection;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.ProfilePut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.github.incus4j.test.Ports;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client given several addresses, the first of which nothing listens on (a cluster member that
 * is down), against the real daemon over HTTPS: requests, the event websocket and a raw SFTP
 * upgrade each reach the daemon at the second address as their client's first call, and when no
 * address answers the error names them all.
 */
@IncusIntegrationTest
class SeveralAddressesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void requestsAndExecGoToTheAddressThatAnswers(IncusDaemon daemon) throws IOException {
        try (IncusClient client = deadFirst(daemon).build();
                IncusClient direct = Transport.HTTPS.client(daemon);
                IncusClient local = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(local, daemon, "addrs")) {
            // Each client's first call, so each pays for its connection and TLS handshake; a
            // throw-away client first takes the JVM's one-time costs (class loading, TLS set-up).
            try (IncusClient warmUp = Transport.HTTPS.client(daemon)) {
                warmUp.server().get().block(WAIT);
            }
            long started = System.nanoTime();
            assertThat(direct.server().get().block(WAIT).auth()).isEqualTo("trusted");
            long directNanos = System.nanoTime() - started;
            started = System.nanoTime();
            assertThat(client.server().get().block(WAIT).auth()).isEqualTo("trusted");
            long failoverNanos = System.nanoTime() - started;
            System.out.printf("[reliability] F5 dead first address: first GET /1.0 took %.1f ms (%.1f ms with the "
                    + "live address alone)%n", failoverNanos / 1e6, directNanos / 1e6);
            assertThat(client.instances().listNames().block(WAIT)).contains(container.name());
            assertThat(client.instances().exec(container.name()).run(ExecRequest.of("echo", "from the second address"))
                    .block(WAIT).stdoutText()).isEqualTo("from the second address\n");
        }
    }

    @Test
    void theEventWebsocketIsOpenedOnTheAddressThatAnswers(IncusDaemon daemon) throws IOException {
        String profile = Transport.uniqueName("addrs-events");
        try (IncusClient client = deadFirst(daemon).build();
                IncusClient local = Transport.UNIX_SOCKET.client(daemon);
                EventSubscription events = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                        .block(WAIT)) {
            local.profiles().create(profile, ProfilePut.empty()).block(WAIT);
            try {
                LifecycleEvent created = events.events().ofType(LifecycleEvent.class)
                        .filter(event -> event.action().equals("profile-created"))
                        .filter(event -> event.source().equals("/1.0/profiles/" + profile))
                        .blockFirst(WAIT);
                assertThat(created).isNotNull();
            } finally {
                local.profiles().delete(profile).block(WAIT);
            }
        }
    }

    @Test
    void aRawSftpUpgradeIsOpenedOnTheAddressThatAnswers(IncusDaemon daemon) throws IOException {
        try (IncusClient client = deadFirst(daemon).build();
                IncusClient local = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(local, daemon, "addrs-sftp");
                UpgradedConnection sftp = client.instances().connections(container.name()).sftp().block(WAIT)) {
            assertThat(InstanceConnectionsIntegrationTest.handshake(sftp)).isEqualTo(3);
        }
    }

    @Test
    void whenNoAddressAnswersEachKindOfCallNamesThemAll(IncusDaemon daemon) throws IOException {
        String first = "https://127.0.0.1:" + Ports.freeLoopbackPort();
        String second = "https://127.0.0.1:" + Ports.freeLoopbackPort();
        try (IncusClient client = Transport.https(daemon, daemon.trustedClient()).urls(List.of(first, second))
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> client.server().get().block(WAIT)).satisfies(error -> noneAnswered(error, first,
                    second));
            assertThatThrownBy(() -> client.events().connect(EventFilter.all()).block(WAIT))
                    .satisfies(error -> noneAnswered(error, first, second));
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block(WAIT))
                    .satisfies(error -> noneAnswered(error, first, second));
        }
    }

    private static void noneAnswered(Throwable error, String first, String second) {
        assertThat(error).isInstanceOfSatisfying(IncusConnectionException.class, e -> {
            assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_REFUSED);
            assertThat(e.getMessage()).contains("none of the 2 addresses answered", first + " did not answer",
                    second + " did not answer");
        });
    }

    /** The daemon's own settings, with a dead address before its real one. */
    private static IncusClientBuilder deadFirst(IncusDaemon daemon) throws IOException {
        return Transport.https(daemon, daemon.trustedClient())
                .urls(List.of("https://127.0.0.1:" + Ports.freeLoopbackPort(), daemon.httpsUrl().toString()))
                .connectTimeout(Duration.ofSeconds(2));
    }

}
