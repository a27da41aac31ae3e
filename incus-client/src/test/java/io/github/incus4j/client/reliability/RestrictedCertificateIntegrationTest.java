package io.github.incus4j.client.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.ProjectPut;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A client certificate restricted to one project, over HTTPS with mutual TLS against the real
 * daemon: its own project works, every other project is an {@link IncusForbiddenException} (the
 * daemon answers some of those calls with HTTP 500), and listing all projects shows only its own.
 *
 * <p>The certificate is trusted and restricted with the {@code incus} command line, so the fixture
 * does not depend on the client under test.
 */
@IncusIntegrationTest
class RestrictedCertificateIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aCertificateRestrictedToOneProjectIsForbiddenEverywhereElse(IncusDaemon daemon) {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
        String allowed = "rc-allowed-" + suffix;
        String other = "rc-other-" + suffix;
        String mine = "rc-mine-" + suffix;
        String theirs = "rc-theirs-" + suffix;
        ClientCredentials restricted = daemon.newClientCredentials("restricted-" + suffix);
        String fingerprint = restricted.certificateFingerprint();
        try (IncusClient admin = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            for (String project : List.of(allowed, other)) {
                // Without their own profiles the projects use the default project's, with its root disk.
                admin.projects().create(project, ProjectPut.empty().withConfig("features.profiles", "false")).block(WAIT);
            }
            createEmptyInstance(admin.project(allowed), mine);
            createEmptyInstance(admin.project(other), theirs);
            daemon.incusOrFail("config", "trust", "add-certificate", restricted.certificate().toString(), "--name",
                    restricted.name(), "--restricted", "--projects", allowed);

            try (IncusClient client = IncusClient.builder().url(daemon.httpsUrl().toString())
                    .clientCertificate(restricted.certificate(), restricted.privateKey())
                    .serverCertificate(daemon.serverCertificate()).build()) {
                assertThat(client.server().get().block(WAIT).isTrusted()).as("GET /1.0 trusts the certificate").isTrue();
                assertThat(client.project(allowed).instances().listNames().block(WAIT)).containsExactly(mine);
                assertThat(client.instances().list(ListOptions.allProjectsOptions()).block(WAIT))
                        .as("all projects: only the allowed project's instances")
                        .extracting(Instance::name, Instance::project).containsExactly(org.assertj.core.groups.Tuple
                                .tuple(mine, allowed));

                List<String> seen = new ArrayList<>();
                IncusForbiddenException list = forbidden(seen, "list instances of another project",
                        () -> client.project(other).instances().listNames().block(WAIT));
                assertThat(list.serverMessage()).isEqualTo("User does not have permissions for project \"" + other
                        + "\"");
                assertThat(list.getMessage()).contains("restricted to other projects");
                IncusForbiddenException defaultProject = forbidden(seen, "list instances of the default project",
                        () -> client.instances().list().block(WAIT));
                assertThat(defaultProject.serverMessage()).contains("project \"default\"");
                IncusForbiddenException profiles = forbidden(seen, "list profiles of another project",
                        () -> client.project(other).profiles().listNames(ListOptions.NONE).block(WAIT));
                assertThat(profiles.serverMessage()).contains("project \"" + other + "\"");
                IncusForbiddenException single = forbidden(seen, "get an instance of another project",
                        () -> client.project(other).instances().get(theirs).block(WAIT));
                assertThat(single.serverMessage()).contains("project \"" + other + "\"");
                forbidden(seen, "list storage pools", () -> client.storagePools().listNames(ListOptions.NONE)
                        .block(WAIT));
                System.out.println("[reliability] restricted certificate on Incus " + daemon.version() + ": "
                        + String.join("; ", seen));
            }

            assertThat(admin.project(other).instances().listNames().block(WAIT)).as("nothing was changed")
                    .containsExactly(theirs);
        } finally {
            cleanUp(daemon, fingerprint, List.of(allowed + "/" + mine, other + "/" + theirs), List.of(allowed, other));
        }
    }

    private static IncusForbiddenException forbidden(List<String> seen, String call, Supplier<?> attempt) {
        IncusForbiddenException refusal = catchThrowableOfType(IncusForbiddenException.class, attempt::get);
        assertThat(refusal).as(call).isNotNull();
        assertThat(refusal.isServerError()).as(call).isFalse();
        assertThat(refusal.status()).as(call + ": the daemon's own status").isIn(403, 500);
        seen.add(call + " -> HTTP " + refusal.status() + " \"" + refusal.serverMessage() + "\"");
        return refusal;
    }

    private static void createEmptyInstance(IncusClient client, String name) {
        client.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                .flatMap(creation -> creation.await(WAIT)).block(WAIT);
    }

    /** Removes what the test made with the command line, whatever state the test left. */
    private static void cleanUp(IncusDaemon daemon, String fingerprint, List<String> instances, List<String> projects) {
        daemon.incus("config", "trust", "remove", fingerprint);
        for (String instance : instances) {
            String[] projectAndName = instance.split("/");
            daemon.incus("delete", "--force", "--project", projectAndName[0], projectAndName[1]);
        }
        for (String project : projects) {
            daemon.incus("project", "delete", project);
        }
    }
}
