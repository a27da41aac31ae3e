package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.spring.autoconfigure.IncusClients;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The metrics a Spring Boot application with the actuator gets from its Incus clients, against the
 * real daemon: a call, an operation's long poll, an exec and an event stream, each with the
 * client's name, read from the application's own {@link MeterRegistry} and from
 * {@code /actuator/metrics}; while the application has a {@code WebClient.Builder} bean of its own
 * for another service.
 */
@IncusIntegrationTest
class ObservationsApplicationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void callsOperationWaitsExecsAndEventStreamsAreMeteredPerClient(IncusDaemon daemon) {
        try (BootApp app = BootApp.startWith(GitHubClient.class, "incus.socket-path=" + daemon.socketPath(),
                "incus.clients.lab.socket-path=" + daemon.socketPath(),
                "management.endpoints.web.exposure.include=health,metrics")) {
            IncusClient client = app.bean(IncusClient.class);
            IncusClient lab = app.bean(IncusClients.class).get("lab");
            String name = "observed-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000));
            List<String> privateValues = new ArrayList<>(List.of(name));

            lab.server().get().block(WAIT);
            try (EventSubscription listener = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                    .block(WAIT)) {
                listener.events().subscribe(event -> { }, failure -> { });
                OperationHandle creation = client.instances()
                        .create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build()).block(WAIT);
                privateValues.add(creation.id());
                creation.await(WAIT).block(WAIT);
                try {
                    assertThat(client.instances().exec(name).run(ExecRequest.of("echo", "hi")).block(WAIT)
                            .stdoutText()).isEqualTo("hi\n");
                } finally {
                    client.instances().stop(name, true).flatMap(stop -> stop.await(WAIT)).block(WAIT);
                    client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block(WAIT);
                }
            }

            MeterRegistry meters = app.bean(MeterRegistry.class);
            assertThat(timer(meters, "incus.client.requests", "incus.client", "lab", "uri", "/1.0",
                    "incus.request", "call").count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.requests", "incus.client", "default",
                    "uri", "/1.0/operations/{id}/wait", "incus.request", "operation-wait").count()).isPositive();
            assertThat(timer(meters, "incus.client.requests", "incus.client", "default",
                    "uri", "/1.0/instances/{name}/exec", "incus.request", "call", "status", "202").count())
                    .isEqualTo(1);
            assertThat(timer(meters, "incus.client.sessions", "incus.client", "default", "incus.session", "exec",
                    "outcome", "SUCCESS").count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.sessions", "incus.client", "default", "incus.session", "events",
                    "outcome", "CANCELLED").count()).isEqualTo(1);
            assertThat(meters.find("http.client.requests").timers()).as("Boot's name for other HTTP clients").isEmpty();
            List<Meter> incus = meters.getMeters().stream()
                    .filter(meter -> meter.getId().getName().startsWith("incus.")).toList();
            assertThat(incus).allSatisfy(meter -> {
                for (Tag tag : meter.getId().getTags()) {
                    assertThat(privateValues).as("tag %s of %s", tag, meter.getId().getName())
                            .noneMatch(tag.getValue()::contains);
                }
            });

            HttpResponse<String> metric = app.get("/actuator/metrics/incus.client.requests?tag=incus.client:lab");
            assertThat(metric.statusCode()).isEqualTo(200);
            assertThat(BootApp.<Double>json(metric.body(), "$.measurements[0].value")).isEqualTo(1.0);
        }
    }

    @Test
    void springBootsPropertyTurnsTheObservationsOff(IncusDaemon daemon) {
        try (BootApp app = BootApp.start("incus.socket-path=" + daemon.socketPath(),
                "management.observations.enable.incus=false")) {
            app.bean(IncusClient.class).server().get().block(WAIT);

            assertThat(app.bean(MeterRegistry.class).getMeters())
                    .noneMatch(meter -> meter.getId().getName().startsWith("incus."));
        }
    }

    private static Timer timer(MeterRegistry meters, String name, String... tags) {
        Timer timer = meters.find(name).tags(tags).timer();
        assertThat(timer).as("%s with %s among %s", name, List.of(tags),
                meters.find(name).timers().stream().map(Meter::getId).toList()).isNotNull();
        return timer;
    }

    /** A builder the application made for another service; the Incus clients must not use it. */
    @Configuration(proxyBeanMethods = false)
    static class GitHubClient {

        @Bean
        WebClient.Builder gitHubWebClientBuilder() {
            return WebClient.builder().baseUrl("https://api.github.com").defaultHeader("Authorization", "Bearer ghp_x");
        }
    }
}
