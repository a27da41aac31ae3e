package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.AccessEntry;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Profile;
import io.github.incus4j.client.model.ProfilePut;
import io.github.incus4j.client.model.Project;
import io.github.incus4j.client.model.ProjectPut;
import io.github.incus4j.client.model.ProjectState;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Projects on a real daemon: life cycle, ETags, state, and what a project keeps apart. */
@IncusIntegrationTest
class ProjectsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aProjectLivesItsWholeLife(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("proj");
        String renamed = name + "-b";
        try (IncusClient client = transport.client(daemon)) {
            client.projects().create(name, ProjectPut.empty().withDescription("test project")
                    .withConfig("features.profiles", "true").withConfig("limits.instances", "3")).block();

            Project created = client.projects().get(name).block();
            assertThat(created.description()).isEqualTo("test project");
            assertThat(created.config()).containsEntry("features.profiles", "true");
            assertThat(client.projects().listNames(ListOptions.NONE).block()).contains("default", name);
            assertThat(client.projects().list(ListOptions.NONE).block()).extracting(Project::name).contains(name);

            ProjectState state = client.projects().state(name).block();
            assertThat(state.resources().get("instances").limit()).isEqualTo(3);
            assertThat(state.resources().get("instances").usage()).isZero();
            assertThat(state.resources().get("cpu").isLimited()).isFalse();
            // Without OpenFGA, the trusted certificates allowed in the project, each as admin.
            assertThat(client.projects().access(name).block())
                    .contains(new AccessEntry(daemon.trustedClient().certificateFingerprint(), "tls", "admin"));

            // Measured on Incus 6.0.4: a PATCH that carries "config" replaces the whole configuration
            // (profiles merge theirs), so the full map is sent here.
            Map<String, String> config = new java.util.LinkedHashMap<>(created.config());
            config.put("user.owner", "tests");
            client.projects().patch(name, Map.of("config", config), null).block();
            assertThat(client.projects().get(name).block().config())
                    .containsEntry("user.owner", "tests").containsEntry("limits.instances", "3");
            client.projects().patch(name, Map.of("description", "patched"), null).block();
            assertThat(client.projects().get(name).block().description()).isEqualTo("patched");
            assertThat(client.projects().get(name).block().config()).containsEntry("user.owner", "tests");

            client.projects().rename(name, renamed).flatMap(rename -> rename.await(WAIT)).block();
            assertThatThrownBy(() -> client.projects().get(name).block()).isInstanceOf(IncusNotFoundException.class);
            client.projects().delete(renamed).block();
            assertThat(client.projects().listNames(ListOptions.NONE).block()).doesNotContain(name, renamed);
        }
    }

    @Test
    void aStaleEtagIsRefusedWith412(IncusDaemon daemon) {
        String name = Transport.uniqueName("proj-etag");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.projects().create(name, ProjectPut.empty()).block();
            ETagged<Project> read = client.projects().getWithEtag(name).block();
            assertThat(read.etag()).isNotBlank();

            client.projects().update(name, read.value().toPut().withConfig("user.a", "1"), read.etag()).block();

            assertThatThrownBy(() -> client.projects()
                    .update(name, read.value().toPut().withConfig("user.a", "2"), read.etag()).block())
                    .isInstanceOfSatisfying(IncusPreconditionFailedException.class,
                            e -> assertThat(e.status()).isEqualTo(412));
            assertThat(client.projects().get(name).block().config()).containsEntry("user.a", "1");
            client.projects().delete(name).block();
        }
    }

    @Test
    void instancesAndProfilesStayInTheirProjectAndAllProjectsListsThemAll(IncusDaemon daemon) {
        String project = Transport.uniqueName("iso");
        String inProject = Transport.uniqueName("in-p");
        String inDefault = Transport.uniqueName("in-d");
        String profile = Transport.uniqueName("pp");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.projects().create(project, ProjectPut.empty().withConfig("features.profiles", "true")).block();
            IncusClient scoped = client.project(project);
            scoped.profiles().create(profile, ProfilePut.empty()).block();
            // a project with its own profiles starts with an empty default profile: give it a root disk
            scoped.profiles().patch("default", Map.of("devices", Map.of("root",
                    Map.of("type", "disk", "path", "/", "pool", "default"))), null).block();
            scoped.instances().create(InstancesPost.builder(inProject).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            client.instances().create(InstancesPost.builder(inDefault).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            try {
                assertThat(scoped.instances().listNames().block()).contains(inProject).doesNotContain(inDefault);
                assertThat(client.instances().listNames().block()).contains(inDefault).doesNotContain(inProject);
                assertThat(scoped.profiles().listNames(ListOptions.NONE).block()).contains("default", profile);
                assertThat(client.profiles().listNames(ListOptions.NONE).block()).doesNotContain(profile);
                assertThatThrownBy(() -> client.profiles().get(profile).block())
                        .isInstanceOf(IncusNotFoundException.class);

                assertThat(client.instances().list(ListOptions.allProjectsOptions()).block())
                        .filteredOn(instance -> instance.name().equals(inProject) || instance.name().equals(inDefault))
                        .extracting(Instance::name, Instance::project)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(inProject, project),
                                org.assertj.core.groups.Tuple.tuple(inDefault, "default"));
                assertThat(client.profiles().list(ListOptions.allProjectsOptions()).block())
                        .filteredOn(found -> found.name().equals(profile))
                        .extracting(Profile::project).containsExactly(project);
                assertThat(client.projects().state(project).block().resources().get("instances").usage()).isEqualTo(1);

                assertThatThrownBy(() -> client.projects().delete(project).block())
                        .isInstanceOfSatisfying(IncusApiException.class,
                                e -> assertThat(e.serverMessage()).isEqualTo("Only empty projects can be removed."));
            } finally {
                scoped.instances().delete(inProject).flatMap(deletion -> deletion.await(WAIT)).block();
                client.instances().delete(inDefault).flatMap(deletion -> deletion.await(WAIT)).block();
                scoped.profiles().delete(profile).block();
            }
            client.projects().delete(project).block();
            assertThat(client.projects().listNames(ListOptions.NONE).block()).doesNotContain(project);
        }
    }

    // Measured on Incus 6.0.4: HTTP 500 with the database's "UNIQUE constraint failed" text, not 409.
    @Test
    void aDuplicateProjectNameIsRefused(IncusDaemon daemon) {
        String name = Transport.uniqueName("proj-dup");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.projects().create(name, ProjectPut.empty()).block();

            assertThatThrownBy(() -> client.projects().create(name, ProjectPut.empty()).block())
                    .isInstanceOfSatisfying(IncusApiException.class, e -> {
                        assertThat(e.serverMessage()).contains(name).containsAnyOf("already exists", "UNIQUE");
                        assertThat(e.status()).isIn(409, 500);
                    });
            client.projects().delete(name).block();
        }
    }
}
