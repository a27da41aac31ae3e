package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ClientInternals;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Operation ids, the websockets of an operation reached by an untrusted client with its secrets,
 * the exec record-output files, and the API versions, on a real daemon.
 */
@IncusIntegrationTest
class OperationsPublicIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theServerSpeaksVersionOneAndListsOperationIds(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                IncusClient untrusted = Transport.https(daemon, daemon.newClientCredentials("stranger")).build()) {
            assertThat(client.server().apiVersions().block()).contains("1.0");
            assertThat(untrusted.server().apiVersions().block()).contains("1.0");

            OperationHandle token = client.images().createSecret(daemon.imageFingerprint()).block().operation();
            try {
                assertThat(client.operations().listNames(ListOptions.NONE).block()).contains(token.id());
                assertThat(client.operations().listNames(ListOptions.allProjectsOptions()).block()).contains(token.id());
            } finally {
                token.cancel().block();
            }
        }
    }

    @Test
    void anUntrustedClientWithTheSecretAttachesToAMigrationStream(IncusDaemon daemon) throws Exception {
        String name = Transport.uniqueName("migrate");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                IncusClient untrusted = Transport.https(daemon, daemon.newClientCredentials("stranger")).build()) {
            client.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            // The source side of a migration, as a target server would be handed it: an operation
            // whose websockets (control, fs) the other server attaches to with their secrets.
            IncusResponse started = ClientInternals.http(client).send(IncusRequest.of(HttpMethod.POST, "/1.0/instances/{name}")
                    .path("name", "instance", name).json(Map.of("migration", true)).build()).block(WAIT);
            Operation operation = started.metadataAs(Operation.class);
            String secret = (String) operation.metadata().get("control");
            try {
                assertThatThrownBy(() -> untrusted.operations().websocket(operation.id(), "wrong",
                        stream -> stream.receive().then()).blockLast(WAIT))
                        .isInstanceOfSatisfying(IncusApiException.class, e -> assertThat(e.status()).isEqualTo(403));

                String attached = untrusted.operations().websocket(operation.id(), secret,
                        stream -> Mono.just("attached")).blockFirst(WAIT);
                assertThat(attached).isEqualTo("attached");
            } finally {
                client.operations().cancel(operation.id()).onErrorResume(ended -> Mono.empty()).block(WAIT);
                client.operations().await(operation.id(), WAIT, false).onErrorResume(ended -> Mono.empty())
                        .block(WAIT);
                deleteOnceTheMigrationLockIsGone(client, name);
            }
        }
    }

    @Test
    void recordedOutputFilesAreListedReadAndDeleted(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "records")) {
            assertThat(client.instances().logs(container.name()).execOutputs().listNames().block()).isEmpty();

            IncusResponse started = ClientInternals.http(client).send(IncusRequest.of(HttpMethod.POST, "/1.0/instances/{name}/exec")
                    .path("name", "instance", container.name())
                    .json(Map.of("command", List.of("echo", "recorded"), "record-output", true,
                            "wait-for-websocket", false))
                    .build()).block(WAIT);
            String id = started.metadataAs(Operation.class).id();
            client.operations().await(id, WAIT, false).block(WAIT);

            String stdout = "exec_" + id + ".stdout";
            assertThat(client.instances().logs(container.name()).execOutputs().listNames().block())
                    .contains(stdout, "exec_" + id + ".stderr");
            assertThat(client.instances().logs(container.name()).execOutputs().read(stdout).block()).isEqualTo("recorded\n");
            client.instances().logs(container.name()).execOutputs().delete(stdout).block();
            assertThat(client.instances().logs(container.name()).execOutputs().listNames().block()).doesNotContain(stdout);
        }
    }

    @Test
    void theExecOutputsOfAnUnknownInstanceAreNotFound(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            assertThatThrownBy(() -> client.instances().logs("no-such-instance").execOutputs().listNames().block())
                    .isInstanceOfSatisfying(IncusApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    /** The daemon keeps the instance's "migrate" lock a while after the operation ended. */
    private static void deleteOnceTheMigrationLockIsGone(IncusClient client, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block(WAIT);
                return;
            } catch (IncusOperationException busy) {
                if (!busy.getMessage().contains("busy") || System.nanoTime() > deadline || attempt >= 120) {
                    throw busy;
                }
                Thread.sleep(250);
            }
        }
    }
}
