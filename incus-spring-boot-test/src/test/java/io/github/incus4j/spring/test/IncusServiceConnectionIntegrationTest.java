package io.github.incus4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusEndpoint;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.spring.autoconfigure.IncusConnectionDetails;
import io.github.incus4j.test.IncusDaemon;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** A user's @SpringBootTest against the run's daemon over HTTPS, with no incus.* property at all. */
// A cold application's first check also pays for the TLS handshake and class loading: on a loaded
// machine that can take longer than the 3 s default.
@SpringBootTest(classes = TestApplication.class, properties = "incus.health.timeout=20s")
@IncusServiceConnection
class IncusServiceConnectionIntegrationTest {

    @Autowired
    IncusClient incus;

    @Autowired
    ApplicationContext context;

    @Test
    void theClientTalksHttpsToTheDaemonAsATrustedClient(IncusDaemon daemon) {
        assertThat(incus.endpoint().kind()).isEqualTo(IncusEndpoint.Kind.HTTPS);
        assertThat(incus.endpoint().urls()).containsExactly(daemon.httpsUrl());

        Server server = incus.server().get().block();

        assertThat(server.auth()).isEqualTo("trusted");
        assertThat(server.environment().serverVersion()).isEqualTo(daemon.version());
    }

    @Test
    void theDaemonIsABeanAndTheSameAsTheParameter(IncusDaemon daemon) {
        assertThat(context.getBean(IncusDaemon.class)).isSameAs(daemon);
        assertThat(context.getBean(IncusConnectionDetails.class)).isInstanceOf(IncusTestConnectionDetails.class)
                .hasToString("IncusTestConnectionDetails[daemon " + daemon.httpsUrl() + "]");
    }

    @Test
    void theImageOfTheDaemonIsThere(IncusDaemon daemon) {
        List<String> aliases = incus.images().aliases().listNames().block();

        assertThat(aliases).contains(daemon.imageAlias());
    }

    @Test
    void theHealthIsUp() {
        ReactiveHealthIndicator health = context.getBean("incusHealthContributor", ReactiveHealthIndicator.class);

        Health result = health.health().block();

        assertThat(result.getStatus()).as(result.getDetails().toString()).isEqualTo(Status.UP);
        assertThat(result.getDetails()).containsEntry("auth", "trusted");
    }

    /** Nested classes inherit the annotation, and Spring gives them the same cached context. */
    @Nested
    class NestedTests {

        @Autowired
        ApplicationContext nestedContext;

        @Test
        void shareTheDaemonAndTheContext(IncusDaemon daemon) {
            assertThat(nestedContext).isSameAs(context);
            assertThat(nestedContext.getBean(IncusClient.class).endpoint().urls()).containsExactly(daemon.httpsUrl());
        }
    }
}
