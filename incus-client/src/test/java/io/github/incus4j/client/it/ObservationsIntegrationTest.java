package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ConsoleSession;
import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.ExecTimeoutException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.InstanceConsolePost;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

/**
 * What a client given a real {@link ObservationRegistry} records, read back as the meters that
 * Micrometer's {@link DefaultMeterObservationHandler} makes of its observations: calls and
 * operation long polls apart, each kind of websocket session with how it ended, raw upgrades,
 * the client's name on all of them, and no instance name or operation id in any tag.
 */
@IncusIntegrationTest
class ObservationsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void callsWaitsSessionsAndUpgradesAreRecordedWithTheClientsName(IncusDaemon daemon) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        List<String> privateValues = new ArrayList<>();

        try (IncusClient client = Transport.UNIX_SOCKET.builder(daemon).name("lab").observationRegistry(observations)
                .build()) {
            client.server().get().block(WAIT);

            String name = Transport.uniqueName("observed");
            privateValues.add(name);
            EventSubscription listener = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE)).block(WAIT);
            listener.events().subscribe(event -> { }, failure -> { });
            OperationHandle launch = client.instances()
                    .create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build()).block(WAIT);
            privateValues.add(launch.id());
            try (RunningContainer container = RunningContainer.adopt(client, name)) {
                launch.await(WAIT).block(WAIT);
                LongTaskTimer active = meters.find("incus.client.sessions.active").tags("incus.session", "events")
                        .longTaskTimer();
                assertThat(active).as("active sessions").isNotNull();
                assertThat(active.activeTasks()).as("the listener is an active session").isEqualTo(1);

                ExecResult echo = client.instances().exec(name).run(ExecRequest.of("echo", "hi")).block(WAIT);
                assertThat(echo.stdoutText()).isEqualTo("hi\n");
                assertThatThrownBy(() -> client.instances().exec(name)
                        .run(ExecRequest.builder("sleep", "30").timeout(Duration.ofSeconds(1)).build()).block(WAIT))
                        .isInstanceOf(ExecTimeoutException.class);
                client.instances().exec(name).stream(ExecRequest.of("sh", "-c", "echo started; sleep 30"))
                        .take(1).blockLast(WAIT);

                ConsoleSession console = client.instances().console(name).attach(InstanceConsolePost.text(80, 24))
                        .block(WAIT);
                privateValues.add(console.operation().id());
                console.output().subscribe(bytes -> { }, failure -> { });
                Thread.sleep(500);
                console.disconnect().block(WAIT);

                client.instances().connections(name).sftp().block(WAIT).close();
                assertThatThrownBy(() -> client.instances().connections("no-such-instance").sftp().block(WAIT))
                        .isInstanceOf(IncusNotFoundException.class);
            } finally {
                listener.close();
            }

            Timer call = timer(meters, "incus.client.requests", "uri", "/1.0", "incus.request", "call", "method", "GET",
                    "status", "200", "outcome", "SUCCESS");
            assertThat(call.count()).isEqualTo(1);
            Timer waits = timer(meters, "incus.client.requests", "uri", "/1.0/operations/{id}/wait",
                    "incus.request", "operation-wait");
            assertThat(waits.count()).isPositive();
            assertThat(meters.find("incus.client.requests").tag("incus.request", "call").timers())
                    .extracting(timer -> timer.getId().getTag("uri"))
                    .as("calls are never operation waits").doesNotContain("/1.0/operations/{id}/wait")
                    .contains("/1.0/instances", "/1.0/instances/{name}/exec");

            assertThat(timer(meters, "incus.client.sessions", "incus.session", "exec", "outcome", "SUCCESS",
                    "exception", "none").count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.sessions", "incus.session", "exec", "outcome", "ERROR",
                    "exception", "ExecTimeoutException").count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.sessions", "incus.session", "exec", "outcome", "CANCELLED")
                    .count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.sessions", "incus.session", "console", "outcome", "SUCCESS")
                    .count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.sessions", "incus.session", "events", "outcome", "CANCELLED")
                    .count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.upgrades", "incus.protocol", "sftp", "outcome", "SUCCESS")
                    .count()).isEqualTo(1);
            assertThat(timer(meters, "incus.client.upgrades", "incus.protocol", "sftp", "outcome", "ERROR",
                    "exception", "IncusNotFoundException").count()).isEqualTo(1);
            assertThat(meters.find("incus.client.sessions.active").longTaskTimers())
                    .allSatisfy(active -> assertThat(active.activeTasks()).as("sessions still open").isZero());
        }

        List<Meter> incus = meters.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("incus."))
                .toList();
        assertThat(incus).allSatisfy(meter -> {
            assertThat(meter.getId().getTag("incus.client")).as("client tag of %s", meter.getId()).isEqualTo("lab");
            for (Tag tag : meter.getId().getTags()) {
                for (String value : privateValues) {
                    assertThat(tag.getValue()).as("tag %s of %s", tag.getKey(), meter.getId().getName())
                            .doesNotContain(value);
                }
                assertThat(tag.getValue()).as("tag %s of %s", tag.getKey(), meter.getId().getName())
                        .doesNotContain("secret", "?");
            }
        });
    }

    @Test
    void withoutARegistryNothingIsRecordedAndSessionsWorkAsBefore(IncusDaemon daemon) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "unobserved")) {
            // The caller's own observation is current (as in an observed application), but the
            // client was given no registry: it must neither record into the caller's nor fail.
            Observation work = Observation.start("user.work", observations);
            try {
                assertThat(client.instances().exec(container.name()).run(ExecRequest.of("true"))
                        .contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, work)).block(WAIT).exitCode())
                        .isZero();
            } finally {
                work.stop();
            }
        }
        assertThat(meters.find("user.work").timer()).as("the caller's own observation").isNotNull();
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("incus."));
    }

    private static Timer timer(SimpleMeterRegistry meters, String name, String... tags) {
        Timer timer = meters.find(name).tags(tags).timer();
        assertThat(timer).as("timer %s with tags %s among %s", name, List.of(tags),
                meters.find(name).timers().stream().map(Meter::getId).toList()).isNotNull();
        return timer;
    }
}
