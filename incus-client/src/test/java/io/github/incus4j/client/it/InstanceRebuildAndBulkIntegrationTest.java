package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.model.AccessEntry;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceRebuildPost;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstanceStatePut;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.ProjectPut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rebuilding an instance, changing the state of all instances of a project, and the access list. */
@IncusIntegrationTest
class InstanceRebuildAndBulkIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStoppedContainerIsRebuiltFromTheImageAndThenEmpty(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("rebuild");
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.adopt(client, name)) {
            client.instances().create(InstancesPost.builder(name).source(InstanceSource.none())
                    .config("user.kept", "yes").build()).flatMap(creation -> creation.await(WAIT)).block();
            assertThat(client.instances().get(name).block().config()).doesNotContainKey("volatile.base_image");

            client.instances().rebuild(name, new InstanceRebuildPost(InstanceSource.image(daemon.imageAlias())))
                    .flatMap(rebuild -> rebuild.await(WAIT)).block();

            Instance rebuilt = client.instances().get(name).block();
            assertThat(rebuilt.config()).containsEntry("volatile.base_image", daemon.imageFingerprint())
                    .containsEntry("user.kept", "yes");
            client.instances().start(name).flatMap(start -> start.await(WAIT)).block();
            assertThat(client.instances().get(name).block().isRunning()).isTrue();

            // Refused at once, not in the operation (measured on Incus 6.0.4).
            assertThatThrownBy(() -> client.instances().rebuild(name, new InstanceRebuildPost(InstanceSource.none()))
                    .block())
                    .isInstanceOfSatisfying(IncusApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serverMessage()).isEqualTo("Instance must be stopped to be rebuilt");
                    });

            client.instances().stop(name, true).flatMap(stop -> stop.await(WAIT)).block();
            client.instances().rebuild(name, new InstanceRebuildPost(InstanceSource.none()))
                    .flatMap(rebuild -> rebuild.await(WAIT)).block();
            assertThat(client.instances().get(name).block().config()).doesNotContainKey("volatile.base_image")
                    .containsEntry("user.kept", "yes");
        }
    }

    @Test
    void theInstancesOfOneProjectStartAndStopTogether(IncusDaemon daemon) {
        String project = Transport.uniqueName("bulk");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            // A project of its own, sharing the default project's images and profiles, so that the
            // bulk change cannot touch the instances of other tests.
            client.projects().create(project, ProjectPut.empty().withConfig("features.images", "false")
                    .withConfig("features.profiles", "false")).block();
            IncusClient scoped = client.project(project);
            List<String> names = List.of(Transport.uniqueName("bulk-a"), Transport.uniqueName("bulk-b"));
            try {
                for (String name : names) {
                    scoped.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).build())
                            .flatMap(creation -> creation.await(WAIT)).block();
                }

                scoped.instances().changeAllStates(InstanceStatePut.start()).flatMap(start -> start.await(WAIT))
                        .block();
                assertThat(scoped.instances().list().block()).extracting(Instance::name, Instance::isRunning)
                        .containsExactlyInAnyOrder(names.stream().map(n -> org.assertj.core.groups.Tuple.tuple(n, true))
                                .toArray(org.assertj.core.groups.Tuple[]::new));
                assertThat(client.instances().listNames().block()).doesNotContainAnyElementsOf(names);

                scoped.instances().changeAllStates(InstanceStatePut.stop(true)).flatMap(stop -> stop.await(WAIT))
                        .block();
                assertThat(scoped.instances().list().block()).extracting(Instance::isRunning).containsOnly(false);
            } finally {
                for (String name : scoped.instances().listNames().block()) {
                    try (RunningContainer leftover = RunningContainer.adopt(scoped, name)) {
                        // stopped and deleted on close
                    }
                }
                client.projects().delete(project).block();
            }
        }
    }

    @Test
    void withoutAnAuthoriserTheTrustedCertificatesAreAdmins(IncusDaemon daemon) {
        String name = Transport.uniqueName("access");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            try {
                // Without OpenFGA the daemon lists the trusted TLS certificates that are not
                // restricted to projects: here the test's client certificate, as admin.
                assertThat(client.instances().access(name).block())
                        .contains(new AccessEntry(daemon.trustedClient().certificateFingerprint(), "tls", "admin"));
            } finally {
                client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }

    @Test
    void aContainersMemoryCannotBeDumped(IncusDaemon daemon, @TempDir Path directory) {
        String name = Transport.uniqueName("memdump");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.adopt(client, name)) {
            client.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            Path dump = directory.resolve("memory.elf");

            assertThatThrownBy(() -> client.instances().debugMemory(name, null, dump).block())
                    .isInstanceOfSatisfying(IncusApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serverMessage()).contains("only supported for virtual machines");
                    });
            assertThat(dump).doesNotExist();
        }
    }
}
