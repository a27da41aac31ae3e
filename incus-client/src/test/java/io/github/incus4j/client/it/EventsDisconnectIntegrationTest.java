package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.ProfilePut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A daemon that goes away ends its event streams with an error that says so; a daemon of its own. */
@IncusIntegrationTest(scope = IncusIntegrationTest.Scope.CLASS)
class EventsDisconnectIntegrationTest {

    @Test
    void listenersOnBothTransportsFailWhenTheDaemonRestarts(IncusDaemon daemon) {
        try (IncusClient unix = Transport.UNIX_SOCKET.client(daemon);
                IncusClient https = Transport.HTTPS.client(daemon)) {
            List<EventSubscription> listeners = List.of(
                    unix.events().connect(EventFilter.types(EventFilter.LIFECYCLE)).block(Duration.ofSeconds(30)),
                    https.events().connect(EventFilter.types(EventFilter.LIFECYCLE)).block(Duration.ofSeconds(30)));

            daemon.restart();

            for (EventSubscription listener : listeners) {
                StepVerifier.create(listener.events())
                        .expectErrorSatisfies(error -> assertThat(error)
                                .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                                    assertThat(e.reason()).isIn(IncusConnectionException.Reason.CONNECTION_CLOSED);
                                    assertThat(e.getMessage()).contains("closed the event stream", "subscribe again");
                                }))
                        .verify(Duration.ofSeconds(30));
            }
            // Subscribing again after the restart receives the events of the new daemon.
            String profile = Transport.uniqueName("after-restart");
            try (EventSubscription again = unix.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                    .block(Duration.ofSeconds(30))) {
                unix.profiles().create(profile, ProfilePut.empty()).block(Duration.ofSeconds(30));
                LifecycleEvent created = again.events().ofType(LifecycleEvent.class)
                        .filter(event -> event.action().equals("profile-created")).blockFirst(Duration.ofSeconds(30));
                assertThat(created.source()).isEqualTo("/1.0/profiles/" + profile);
            } finally {
                unix.profiles().delete(profile).block(Duration.ofSeconds(30));
            }
        }
    }
}
