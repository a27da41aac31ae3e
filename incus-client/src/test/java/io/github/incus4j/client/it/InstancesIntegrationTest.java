package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.Filter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceFull;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.StatusCode;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Instances on a real daemon, with the busybox image the test daemon imported. */
@IncusIntegrationTest
class InstancesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aContainerLivesItsWholeLife(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("life");
        String renamed = name + "-b";
        try (IncusClient client = transport.client(daemon)) {
            OperationHandle creation = client.instances()
                    .create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build()).block();
            Operation created = creation.await(WAIT).block();
            assertThat(created.isSuccess()).isTrue();
            assertThat(created.resources().get("instances")).contains("/1.0/instances/" + name);

            Instance running = client.instances().get(name).block();
            assertThat(running.isRunning()).isTrue();
            assertThat(running.status()).isEqualTo("Running");
            assertThat(client.instances().state(name).block().pid()).isPositive();

            client.instances().stop(name, true).flatMap(stop -> stop.await(WAIT)).block();
            assertThat(client.instances().get(name).block().statusCode()).isEqualTo(StatusCode.STOPPED);

            // The daemon's instance ETag covers the configuration, devices and profiles, not the
            // description, so the concurrent change here is a configuration key.
            ETagged<Instance> read = client.instances().getWithEtag(name).block();
            client.instances().update(name, read.value().toPut().withConfig("user.step", "1"), read.etag())
                    .flatMap(update -> update.await(WAIT)).block();
            assertThat(client.instances().get(name).block().config()).containsEntry("user.step", "1");
            assertThatThrownBy(() -> client.instances()
                    .update(name, read.value().toPut().withConfig("user.step", "stale"), read.etag()).block())
                    .isInstanceOfSatisfying(IncusPreconditionFailedException.class,
                            e -> assertThat(e.serverMessage()).contains("ETag doesn't match"));

            client.instances().rename(name, renamed).flatMap(rename -> rename.await(WAIT)).block();
            assertThat(client.instances().get(renamed).block().name()).isEqualTo(renamed);
            assertThatThrownBy(() -> client.instances().get(name).block()).isInstanceOf(IncusNotFoundException.class);

            client.instances().delete(renamed).flatMap(deletion -> deletion.await(WAIT)).block();
            assertThat(client.instances().listNames().block()).doesNotContain(name, renamed);
        }
    }

    @Test
    void stoppingAStoppedInstanceFailsWithTheDaemonsText(IncusDaemon daemon) {
        String name = Transport.uniqueName("stopped");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();

            OperationHandle stop = client.instances().stop(name, false).block();

            assertThatThrownBy(() -> stop.await(WAIT).block())
                    .isInstanceOfSatisfying(IncusOperationException.class, e -> {
                        assertThat(e.error()).isEqualTo("The instance is already stopped");
                        assertThat(e.operation().statusCode()).isEqualTo(StatusCode.FAILURE);
                    });
            client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
        }
    }

    @Test
    void renamingARunningInstanceFailsItsOperationWithTheDaemonsText(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "norename")) {
            OperationHandle rename = client.instances().rename(container.name(), container.name() + "-b").block(WAIT);

            assertThatThrownBy(() -> rename.await(WAIT).block())
                    .isInstanceOfSatisfying(IncusOperationException.class,
                            e -> assertThat(e.error()).isEqualTo("Renaming of running instance not allowed"));
            assertThat(client.instances().get(container.name()).block(WAIT).isRunning()).isTrue();
        }
    }

    @Test
    void deletingARunningInstanceIsRefusedAtOnce(IncusDaemon daemon) {
        String name = Transport.uniqueName("busy");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                    .flatMap(creation -> creation.await(WAIT)).block();

            assertThatThrownBy(() -> client.instances().delete(name).block())
                    .isInstanceOfSatisfying(IncusApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serverMessage()).contains("running");
                    });

            client.instances().stop(name, true).flatMap(stop -> stop.await(WAIT)).block();
            client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
        }
    }

    @Test
    void anInstanceCanBeMadeFromTheImageFingerprint(IncusDaemon daemon) {
        String name = Transport.uniqueName("byfp");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.instances().create(InstancesPost.builder(name)
                    .source(InstanceSource.fingerprint(daemon.imageFingerprint())).build())
                    .flatMap(creation -> creation.await(WAIT)).block();

            Instance instance = client.instances().get(name).block();
            assertThat(instance.config()).containsEntry("volatile.base_image", daemon.imageFingerprint());
            client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownInstanceIsNotFoundWithTheDaemonsMessage(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon)) {
            assertThatThrownBy(() -> client.instances().get("no-such-instance").block())
                    .isInstanceOfSatisfying(IncusNotFoundException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.serverMessage()).contains("Instance not found");
                        assertThat(e.path()).isEqualTo("/1.0/instances/no-such-instance");
                    });
        }
    }

    @Test
    void recursionLevelsAndFiltersSelectTheSameInstances(IncusDaemon daemon) {
        String first = Transport.uniqueName("rec");
        String second = Transport.uniqueName("rec");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            for (String name : List.of(first, second)) {
                client.instances().create(InstancesPost.builder(name).source(InstanceSource.none())
                        .description("recursion test").build()).flatMap(creation -> creation.await(WAIT)).block();
            }
            ListOptions onlyFirst = ListOptions.filter(Filter.eq("name", first));

            assertThat(client.instances().listNames().block()).contains(first, second);
            assertThat(client.instances().listNames(onlyFirst).block()).containsExactly(first);
            assertThat(client.instances().list(onlyFirst).block()).extracting(Instance::name).containsExactly(first);
            List<InstanceFull> full = client.instances().listFull(onlyFirst).block();
            assertThat(full).singleElement().satisfies(instance -> {
                assertThat(instance.instance().name()).isEqualTo(first);
                assertThat(instance.instance().description()).isEqualTo("recursion test");
                assertThat(instance.state()).isNotNull();
                assertThat(instance.state().status()).isEqualTo("Stopped");
                assertThat(instance.snapshots()).isEmpty();
                assertThat(instance.instance().extra()).doesNotContainKeys("state", "snapshots", "backups");
            });
            assertThat(client.instances().list(ListOptions.filter(Filter.eq("description", "recursion test")
                    .and(Filter.ne("name", first)))).block()).extracting(Instance::name).contains(second)
                    .doesNotContain(first);
            assertThat(client.instances().list(ListOptions.allProjectsOptions()).block())
                    .extracting(Instance::name).contains(first, second);

            for (String name : List.of(first, second)) {
                client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "../../1.0", "x?recursion=1", "x#y", "with space", "%2e%2e"})
    void oddNamesNeverReachAnotherEndpoint(String name, IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            assertThatThrownBy(() -> client.instances().get(name).block())
                    .isInstanceOfSatisfying(IncusApiException.class,
                            e -> assertThat(e.status()).as(e.getMessage()).isIn(400, 404));
        }
    }

    @Test
    void dotNamesAreRefusedBeforeTheDaemonSeesThem(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            assertThatThrownBy(() -> client.instances().get("..")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name must not be '..'");
        }
    }
}
