package io.github.incus4j.spring.autoconfigure.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusConfigurationException;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One test per condition and setting of the events auto-configurations, with no daemon: the
 * clients point at a socket that does not exist, so the stream only ever tries to connect.
 */
class IncusEventsAutoConfigurationTest {

    private static final String NO_DAEMON = "/nonexistent/incus/unix.socket";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class, IncusEventsAutoConfiguration.class,
                    IncusEventsHealthContributorAutoConfiguration.class, IncusEventsMetricsAutoConfiguration.class))
            .withPropertyValues("incus.socket-path=" + NO_DAEMON);

    @Test
    void offUnlessEnabled() {
        runner.run(context -> assertThat(context).hasSingleBean(IncusClient.class)
                .doesNotHaveBean(IncusEventStream.class).doesNotHaveBean(IncusEventsHealthIndicator.class));
    }

    @Test
    void enabledTheUnnamedClientListensToLifecycleEventsAndTriesToConnect() {
        runner.withPropertyValues("incus.events.enabled=true").run(context -> {
            IncusEventStream stream = context.getBean(IncusEventStream.class);
            assertThat(stream.isRunning()).isTrue();
            assertThat(stream.clientName()).isEqualTo("default");
            assertThat(stream.state().status()).isIn(IncusEventStream.Status.CONNECTING,
                    IncusEventStream.Status.RECONNECTING);
            assertThat(stream).hasToString("IncusEventStream[client=default, types=[lifecycle], status="
                    + stream.state().status() + "]");
        });
    }

    @Test
    void withoutAClientThereIsNoStream() {
        runner.withPropertyValues("incus.events.enabled=true", "incus.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IncusEventStream.class));
    }

    @Test
    void aNamedClientListensWhenNamed() {
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.client=lab",
                "incus.clients.lab.socket-path=" + NO_DAEMON, "incus.clients.ci.socket-path=" + NO_DAEMON)
                .run(context -> assertThat(context.getBean(IncusEventStream.class).clientName()).isEqualTo("lab"));
    }

    @Test
    void theOnlyNamedClientListensWithoutBeingNamed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class,
                        IncusEventsAutoConfiguration.class))
                .withPropertyValues("incus.events.enabled=true", "incus.clients.lab.socket-path=" + NO_DAEMON)
                .run(context -> assertThat(context.getBean(IncusEventStream.class).clientName()).isEqualTo("lab"));
    }

    @Test
    void severalNamedClientsAndNoneNamedForEventsIsRefused() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class,
                        IncusEventsAutoConfiguration.class))
                .withPropertyValues("incus.events.enabled=true", "incus.clients.lab.socket-path=" + NO_DAEMON,
                        "incus.clients.ci.socket-path=" + NO_DAEMON)
                .run(refused("incus.events.client", "Set incus.events.client to one of [lab, ci]"));
    }

    @Test
    void anUnknownClientIsRefused() {
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.client=lab")
                .run(refused("incus.events.client", "there is no incus.clients.lab"));
    }

    @Test
    void typesAreChecked() {
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.types=lifecycle,audit")
                .run(refused("incus.events.types", "'audit' is not an event type"));
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.types=")
                .run(refused("incus.events.types", "incus.events.types is empty"));
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.types=Lifecycle, operation,logging")
                .run(context -> assertThat(context.getBean(IncusEventStream.class).toString())
                        .contains("types=[lifecycle, logging, operation]"));
    }

    @Test
    void aProjectAndAllProjectsExcludeEachOther() {
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.project=ci",
                "incus.events.all-projects=true")
                .run(refused("incus.events.project", "Remove one of them"));
    }

    @Test
    void theBufferAndDelaysAreChecked() {
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.buffer-size=0")
                .run(refused("incus.events.buffer-size", "must be positive"));
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.reconnect.initial-delay=0s")
                .run(refused("incus.events.reconnect.initial-delay", "must be a positive duration"));
        runner.withPropertyValues("incus.events.enabled=true", "incus.events.reconnect.initial-delay=10s",
                "incus.events.reconnect.max-delay=5s")
                .run(refused("incus.events.reconnect.max-delay", "is shorter than"));
    }

    @Test
    void theApplicationsOwnStreamIsKept() {
        runner.withPropertyValues("incus.events.enabled=true").withUserConfiguration(OwnStream.class)
                .run(context -> assertThat(context.getBean(IncusEventStream.class).clientName()).isEqualTo("own"));
    }

    @Test
    void theHealthIndicatorReportsTheStream() {
        runner.withPropertyValues("incus.events.enabled=true").run(context -> {
            IncusEventsHealthIndicator health = context.getBean(IncusEventsHealthIndicator.class);
            assertThat(health.health(true).getStatus()).isIn(Status.UNKNOWN, Status.DOWN);
            assertThat(health.health(true).getDetails()).containsEntry("client", "default")
                    .containsKeys("status", "since", "received", "dropped", "reconnects");
        });
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner.withPropertyValues("incus.events.enabled=true", "management.health.incus-events.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(IncusEventStream.class)
                        .doesNotHaveBean(IncusEventsHealthIndicator.class));
    }

    @Test
    void metersAreBoundWithAMeterRegistry() {
        runner.withPropertyValues("incus.events.enabled=true").withBean(SimpleMeterRegistry.class).run(context -> {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            context.getBean("incusEventsMetrics", MeterBinder.class).bindTo(meters);
            assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName()).containsExactlyInAnyOrder(
                    "incus.events.received", "incus.events.dropped", "incus.events.reconnects",
                    "incus.events.connected");
            assertThat(meters.getMeters()).allSatisfy(meter ->
                    assertThat(meter.getId().getTag("incus.client")).isEqualTo("default"));
            assertThat(meters.get("incus.events.connected").gauge().value()).isZero();
        });
    }

    @Test
    void noMetersWithoutAMeterRegistry() {
        runner.withPropertyValues("incus.events.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean("incusEventsMetrics"));
    }

    @Test
    void noMetersWithoutMicrometer() {
        runner.withPropertyValues("incus.events.enabled=true").withBean(SimpleMeterRegistry.class)
                .withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run(context -> assertThat(context).doesNotHaveBean("incusEventsMetrics"));
    }

    @Test
    void theStreamStopsWithTheContext() {
        runner.withPropertyValues("incus.events.enabled=true").run(context -> {
            IncusEventStream stream = context.getBean(IncusEventStream.class);
            context.close();
            assertThat(stream.isRunning()).isFalse();
            assertThat(stream.state().status()).isEqualTo(IncusEventStream.Status.STOPPED);
        });
    }

    private static ContextConsumer<AssertableApplicationContext> refused(String property, String message) {
        return context -> assertThat(context).getFailure().rootCause()
                .isInstanceOfSatisfying(IncusConfigurationException.class, failure -> {
                    assertThat(failure.property()).isEqualTo(property);
                    assertThat(failure.getMessage() + " " + failure.action()).contains(message);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStream {

        @Bean
        IncusEventStream ownStream(IncusClient client, ApplicationEventPublisher publisher) {
            return new IncusEventStream(client, "own", new EventFilter(Set.of("lifecycle"), false, 8), 8,
                    Duration.ofSeconds(1), Duration.ofSeconds(2), publisher);
        }
    }
}
