package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.ClientInternals;
import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.model.Event;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.OperationEvent;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpMethod;

/** The event stream of a real daemon, over both transports. */
@IncusIntegrationTest
class EventsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLaunchShowsItsLifecycleEventsAndItsOperation(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("events");
        String source = "/1.0/instances/" + name;
        try (IncusClient client = transport.client(daemon);
                EventSubscription listener = client.events()
                        .connect(EventFilter.types(EventFilter.LIFECYCLE, EventFilter.OPERATION)).block(WAIT)) {
            List<Event> seen = new CopyOnWriteArrayList<>();
            OperationHandle launch = client.instances()
                    .create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build()).block(WAIT);
            String operationId = launch.id();
            try {
                launch.await(WAIT).block(WAIT);

                listener.events()
                        .doOnNext(seen::add)
                        .takeUntil(event -> lifecycle(seen, source, "instance-started") && finalOperation(seen,
                                operationId))
                        .blockLast(WAIT);

                assertThat(lifecycle(seen, source, "instance-created")).as("instance-created in %s", seen).isTrue();
                assertThat(seen).filteredOn(LifecycleEvent.class::isInstance).map(LifecycleEvent.class::cast)
                        .filteredOn(event -> event.source().equals(source))
                        .extracting(LifecycleEvent::action)
                        .containsSubsequence("instance-created", "instance-started");
                assertThat(seen).filteredOn(OperationEvent.class::isInstance).map(OperationEvent.class::cast)
                        .filteredOn(event -> event.operation().id().equals(operationId))
                        .extracting(event -> event.operation().statusCode())
                        .contains(200);
                assertThat(seen).allSatisfy(event -> {
                    assertThat(event.timestamp()).isNotNull();
                    assertThat(event.project()).isIn("default", "");
                });
            } finally {
                RunningContainer.adopt(client, name).close();
            }
        }
    }

    @Test
    void eventsOfAnotherProjectArriveOnlyWithAllProjects(IncusDaemon daemon) {
        String project = Transport.uniqueName("evp");
        String inProject = Transport.uniqueName("in-p");
        String inDefault = Transport.uniqueName("in-d");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            ClientInternals.http(client).send(IncusRequest.of(HttpMethod.POST, "/1.0/projects").unscoped()
                    .json(Map.of("name", project, "config", Map.of("features.images", "false",
                            "features.profiles", "false"))).build()).block(WAIT);
            try (EventSubscription defaultOnly = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                    .block(WAIT);
                    EventSubscription everywhere = client.events()
                            .connect(EventFilter.types(EventFilter.LIFECYCLE).inAllProjects()).block(WAIT)) {
                create(client.project(project), inProject);
                create(client, inDefault);

                LifecycleEvent firstInDefault = defaultOnly.events().ofType(LifecycleEvent.class)
                        .filter(event -> event.action().equals("instance-created")).blockFirst(WAIT);
                List<LifecycleEvent> firstTwoEverywhere = everywhere.events().ofType(LifecycleEvent.class)
                        .filter(event -> event.action().equals("instance-created")).take(2).collectList().block(WAIT);

                assertThat(firstInDefault.source()).isEqualTo("/1.0/instances/" + inDefault);
                assertThat(firstTwoEverywhere).extracting(LifecycleEvent::name).containsExactly(inProject, inDefault);
                assertThat(firstTwoEverywhere.get(0).project()).isEqualTo(project);
            } finally {
                delete(client.project(project), inProject);
                delete(client, inDefault);
                ClientInternals.http(client).send(IncusRequest.of(HttpMethod.DELETE, "/1.0/projects/{name}").unscoped()
                        .path("name", "project", project).build()).block(WAIT);
            }
        }
    }

    @Test
    void anExecShowsUpAsALifecycleEvent(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "evexec");
                EventSubscription listener = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                        .block(WAIT)) {
            client.instances().exec(container.name()).run(ExecRequest.of("true")).block(WAIT);

            LifecycleEvent exec = listener.events().ofType(LifecycleEvent.class)
                    .filter(event -> event.action().equals("instance-exec")).blockFirst(WAIT);

            assertThat(exec.source()).isEqualTo("/1.0/instances/" + container.name());
            assertThat(exec.requestor()).isNotNull().extracting(LifecycleEvent.Requestor::protocol).isEqualTo("unix");
            assertThat(exec.context()).containsKey("command");
        }
    }

    private static boolean lifecycle(List<Event> seen, String source, String action) {
        return seen.stream().anyMatch(event -> event instanceof LifecycleEvent lifecycle
                && lifecycle.source().equals(source) && lifecycle.action().equals(action));
    }

    private static boolean finalOperation(List<Event> seen, String id) {
        return seen.stream().anyMatch(event -> event instanceof OperationEvent operation
                && operation.operation().id().equals(id) && operation.operation().isFinal());
    }

    private static void create(IncusClient client, String name) {
        client.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                .flatMap(creation -> creation.await(WAIT)).block(WAIT);
    }

    private static void delete(IncusClient client, String name) {
        try {
            client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block(WAIT);
        } catch (RuntimeException alreadyGone) {
            // the project is deleted next; a leftover instance would make that fail loudly
        }
    }
}
