package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.ProfilePut;
import io.github.incus4j.spring.autoconfigure.events.IncusApplicationEvent;
import io.github.incus4j.spring.autoconfigure.events.IncusEventStream;
import io.github.incus4j.spring.autoconfigure.events.IncusLifecycleApplicationEvent;
import io.github.incus4j.spring.autoconfigure.events.IncusLoggingApplicationEvent;
import io.github.incus4j.spring.autoconfigure.events.IncusOperationApplicationEvent;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The daemon's events as Spring application events in a running application: {@code @EventListener}
 * methods receive lifecycle and operation events on the stream's thread, where they may block; the
 * stream comes back after the daemon restarts, saying so once; a slow listener loses the oldest
 * events, counted; and nothing is left running or logged as an error once the application stops.
 * Logging events arrive as their own type, and {@code incus.events.project} and
 * {@code incus.events.all-projects} decide whose events arrive. A daemon of its own, because it is
 * restarted; what the tests create on it is deleted after each.
 */
@IncusIntegrationTest(scope = IncusIntegrationTest.Scope.CLASS)
@ExtendWith(OutputCaptureExtension.class)
class EventsApplicationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Profiles the test created, as {project, name}, deleted after it. */
    private final List<String[]> createdProfiles = new CopyOnWriteArrayList<>();
    private final List<String> createdProjects = new CopyOnWriteArrayList<>();

    @Test
    void listenersReceiveTheEventsAcrossADaemonRestart(IncusDaemon daemon, CapturedOutput output) throws Exception {
        int logStart = output.length();
        try (BootApp app = BootApp.startWith(Recorder.class, "incus.socket-path=" + daemon.socketPath(),
                "incus.events.enabled=true", "incus.events.types=lifecycle,operation",
                "incus.events.reconnect.initial-delay=200ms", "incus.events.reconnect.max-delay=1s")) {
            Recorder recorder = app.bean(Recorder.class);
            IncusClient client = app.bean(IncusClient.class);
            IncusEventStream stream = app.bean(IncusEventStream.class);
            await("the stream connects", () -> health(app).get("status").equals("UP"));

            String before = profile(client);
            await("profile-created of " + before, () -> recorder.lifecycle("profile-created", "/1.0/profiles/" + before));
            IncusLifecycleApplicationEvent created = recorder.lifecycleEvent("profile-created", "/1.0/profiles/" + before);
            assertThat(created.clientName()).isEqualTo("default");
            assertThat(created.getSource()).isSameAs(client);
            assertThat(recorder.threads).allMatch(thread -> thread.equals("incus-events-default"));
            assertThat(recorder.blockingCallsAnswered).as("listeners may block on the client").isNotEmpty()
                    .allMatch(answered -> answered);

            String instance = "evt-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000));
            client.instances().create(InstancesPost.builder(instance).image(daemon.imageAlias()).build())
                    .flatMap(creation -> creation.await(WAIT)).block(WAIT);
            client.instances().delete(instance).flatMap(deletion -> deletion.await(WAIT)).block(WAIT);
            await("the creation's operation", () -> recorder.events.stream()
                    .anyMatch(event -> event instanceof IncusOperationApplicationEvent operation
                            && operation.event().operation().resources().toString().contains(instance)
                            && operation.event().operation().statusCode() == 200));

            daemon.stop();
            await("the stream says it is reconnecting", () -> health(app).get("status").equals("DOWN"));
            Map<String, Object> down = health(app);
            assertThat(down.get("details")).asString().contains("status=reconnecting", "error=");
            Thread.sleep(2_000);
            assertThat(stream.state().status()).isEqualTo(IncusEventStream.Status.RECONNECTING);
            daemon.restart();
            await("the stream is back", () -> stream.state().status() == IncusEventStream.Status.CONNECTED);

            String after = profile(client);
            await("profile-created of " + after, () -> recorder.lifecycle("profile-created", "/1.0/profiles/" + after));
            assertThat(stream.state().reconnects()).isEqualTo(1);
            assertThat(health(app).get("status")).isEqualTo("UP");

            MeterRegistry meters = app.bean(MeterRegistry.class);
            assertThat(meters.get("incus.events.reconnects").tag("incus.client", "default").functionCounter().count())
                    .isEqualTo(1);
            assertThat(meters.get("incus.events.received").functionCounter().count()).isPositive();
            assertThat(meters.get("incus.events.connected").gauge().value()).isEqualTo(1);
            assertThat(meters.get("incus.events.dropped").functionCounter().count()).isZero();

            String during = output.toString().substring(logStart);
            assertThat(count(during, "WARN .* was lost")).as("warnings of the outage in%n%s", during).isEqualTo(1);
            assertThat(count(during, "INFO .* is connected again after")).as("lines of the return").isEqualTo(1);
            assertThat(count(during, "cannot connect")).isZero();
        }
        String afterStop = output.toString().substring(logStart);
        assertThat(afterStop).doesNotContain(" ERROR ").doesNotContain("Exception in thread");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("incus-events-"));
    }

    @Test
    void aSlowListenerLosesTheOldestEventsAndTheyAreCounted(IncusDaemon daemon, CapturedOutput output)
            throws Exception {
        int logStart = output.length();
        try (BootApp app = BootApp.startWith(SlowRecorder.class, "incus.socket-path=" + daemon.socketPath(),
                "incus.events.enabled=true", "incus.events.buffer-size=2")) {
            SlowRecorder recorder = app.bean(SlowRecorder.class);
            IncusClient client = app.bean(IncusClient.class);
            IncusEventStream stream = app.bean(IncusEventStream.class);
            await("the stream connects", () -> stream.state().status() == IncusEventStream.Status.CONNECTED);

            String last = null;
            for (int i = 0; i < 10; i++) {
                last = profile(client);
            }
            String lastProfile = last;
            await("every event is either published or dropped", () -> stream.state().received() >= 10
                    && recorder.events.size() + stream.state().dropped() == stream.state().received());

            assertThat(stream.state().dropped()).isPositive();
            List<String> sources = recorder.events.stream().map(event -> event.event().source()).toList();
            assertThat(sources.get(sources.size() - 1)).as("the newest event is kept, the oldest dropped")
                    .isEqualTo("/1.0/profiles/" + lastProfile);
            assertThat(health(app).get("details")).asString().contains("dropped=" + stream.state().dropped());
            assertThat(app.bean(MeterRegistry.class).get("incus.events.dropped").functionCounter().count())
                    .isEqualTo(stream.state().dropped());
            assertThat(count(output.toString().substring(logStart), "WARN .* fall behind")).isEqualTo(1);
        }
    }

    @Test
    void loggingEventsArriveAsTheirOwnApplicationEvents(IncusDaemon daemon) throws Exception {
        try (BootApp app = BootApp.startWith(Recorder.class, "incus.socket-path=" + daemon.socketPath(),
                "incus.events.enabled=true", "incus.events.types=logging")) {
            Recorder recorder = app.bean(Recorder.class);
            IncusClient client = app.bean(IncusClient.class);
            IncusEventStream stream = app.bean(IncusEventStream.class);
            await("the stream connects", () -> stream.state().status() == IncusEventStream.Status.CONNECTED);

            String name = profile(client);
            client.profiles().get(name).block(WAIT);
            await("a logging event about " + name, () -> recorder.logging(name) != null);

            IncusLoggingApplicationEvent logging = recorder.logging(name);
            assertThat(logging.clientName()).isEqualTo("default");
            assertThat(logging.getSource()).isSameAs(client);
            assertThat(logging.event().type()).isEqualTo("logging");
            assertThat(logging.event().level()).isNotBlank();
            assertThat(logging.event().message()).isNotBlank();
            assertThat(recorder.events).as("only the type asked for: no profile-created lifecycle event")
                    .allMatch(IncusLoggingApplicationEvent.class::isInstance);
            assertThat(recorder.threads).allMatch(thread -> thread.equals("incus-events-default"));
        }
    }

    @Test
    void withAProjectOnlyThatProjectsEventsArrive(IncusDaemon daemon) throws Exception {
        String project = project(daemon);
        try (BootApp app = BootApp.startWith(Recorder.class, "incus.socket-path=" + daemon.socketPath(),
                "incus.events.enabled=true", "incus.events.project=" + project)) {
            Recorder recorder = app.bean(Recorder.class);
            IncusClient client = app.bean(IncusClient.class);
            IncusEventStream stream = app.bean(IncusEventStream.class);
            await("the stream connects", () -> stream.state().status() == IncusEventStream.Status.CONNECTED);

            String inDefault = profile(client);
            String inProject = profile(client.project(project));
            await("profile-created of " + inProject, () -> recorder.created(inProject) != null);

            assertThat(recorder.created(inProject).event().project()).isEqualTo(project);
            assertThat(recorder.created(inDefault))
                    .as("the default project's profile-created, sent before the project's, was not published")
                    .isNull();
            assertThat(recorder.events).filteredOn(IncusLifecycleApplicationEvent.class::isInstance)
                    .allSatisfy(event -> assertThat(event.event().project()).isEqualTo(project));
        }
    }

    @Test
    void withAllProjectsTheEventsOfEveryProjectArrive(IncusDaemon daemon) throws Exception {
        String project = project(daemon);
        try (BootApp app = BootApp.startWith(Recorder.class, "incus.socket-path=" + daemon.socketPath(),
                "incus.events.enabled=true", "incus.events.all-projects=true")) {
            Recorder recorder = app.bean(Recorder.class);
            IncusClient client = app.bean(IncusClient.class);
            IncusEventStream stream = app.bean(IncusEventStream.class);
            await("the stream connects", () -> stream.state().status() == IncusEventStream.Status.CONNECTED);

            String inDefault = profile(client);
            String inProject = profile(client.project(project));
            await("profile-created of both", () -> recorder.created(inDefault) != null
                    && recorder.created(inProject) != null);

            assertThat(recorder.created(inDefault).event().project()).isEqualTo("default");
            assertThat(recorder.created(inProject).event().project()).isEqualTo(project);
        }
    }

    /** Creates a profile through the client, in the client's project; deleted after the test. */
    private String profile(IncusClient client) {
        String name = "evt-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));
        String project = client.currentProject() != null ? client.currentProject() : "default";
        createdProfiles.add(new String[] {project, name});
        client.profiles().create(name, ProfilePut.empty()).block(WAIT);
        return name;
    }

    /** Creates a project with profiles of its own (sharing the default project's images); deleted after the test. */
    private String project(IncusDaemon daemon) {
        String name = "evp-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));
        daemon.incusOrFail("project", "create", name, "-c", "features.images=false", "-c", "features.profiles=true");
        createdProjects.add(name);
        return name;
    }

    @AfterEach
    void deleteWhatTheTestCreated(IncusDaemon daemon) {
        for (String[] profile : createdProfiles) {
            daemon.incusOrFail("profile", "delete", profile[1], "--project", profile[0]);
        }
        for (String project : createdProjects) {
            daemon.incusOrFail("project", "delete", project);
        }
        assertThat(daemon.incusOrFail("query", "/1.0/profiles?all-projects=true"))
                .as("no profile of the test is left").doesNotContain("evt-");
        assertThat(daemon.incusOrFail("query", "/1.0/projects")).as("no project of the test is left")
                .doesNotContain("evp-");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> health(BootApp app) {
        return (Map<String, Object>) BootApp.<Map<String, Object>>json(app.get("/actuator/health").body(),
                "$.components.incusEvents");
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Records what it receives, on which thread, and whether a blocking call on the client works there. */
    @Configuration(proxyBeanMethods = false)
    static class Recorder {

        final List<IncusApplicationEvent> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<Boolean> blockingCallsAnswered = new CopyOnWriteArrayList<>();

        @EventListener
        void on(IncusLifecycleApplicationEvent event) {
            threads.add(Thread.currentThread().getName());
            blockingCallsAnswered.add(event.getSource().server().get().block(WAIT).isTrusted());
            events.add(event);
        }

        @EventListener
        void on(IncusOperationApplicationEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        @EventListener
        void on(IncusLoggingApplicationEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        /** The first logging event that mentions a text in its message or context, or {@code null}. */
        IncusLoggingApplicationEvent logging(String text) {
            return events.stream().filter(IncusLoggingApplicationEvent.class::isInstance)
                    .map(IncusLoggingApplicationEvent.class::cast)
                    .filter(event -> event.event().message().contains(text)
                            || event.event().context().toString().contains(text))
                    .findFirst().orElse(null);
        }

        /** The profile-created event of a profile, whatever its project, or {@code null}. */
        IncusLifecycleApplicationEvent created(String profile) {
            return events.stream().filter(IncusLifecycleApplicationEvent.class::isInstance)
                    .map(IncusLifecycleApplicationEvent.class::cast)
                    .filter(event -> event.event().action().equals("profile-created")
                            && (event.event().source().equals("/1.0/profiles/" + profile)
                                    || event.event().source().startsWith("/1.0/profiles/" + profile + "?")))
                    .findFirst().orElse(null);
        }

        boolean lifecycle(String action, String source) {
            return events.stream().anyMatch(event -> event instanceof IncusLifecycleApplicationEvent lifecycle
                    && lifecycle.event().action().equals(action) && lifecycle.event().source().equals(source));
        }

        IncusLifecycleApplicationEvent lifecycleEvent(String action, String source) {
            return events.stream().filter(IncusLifecycleApplicationEvent.class::isInstance)
                    .map(IncusLifecycleApplicationEvent.class::cast)
                    .filter(event -> event.event().action().equals(action) && event.event().source().equals(source))
                    .findFirst().orElseThrow();
        }
    }

    /** Takes a second per event: slower than the test makes them. */
    @Configuration(proxyBeanMethods = false)
    static class SlowRecorder {

        final List<IncusLifecycleApplicationEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(IncusLifecycleApplicationEvent event) throws InterruptedException {
            Thread.sleep(1_000);
            events.add(event);
        }
    }
}
