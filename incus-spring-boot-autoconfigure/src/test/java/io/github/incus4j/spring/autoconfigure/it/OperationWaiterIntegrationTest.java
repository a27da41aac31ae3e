package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationProgress;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The waiting helper on a real launch, stop and deletion. */
@IncusIntegrationTest
class OperationWaiterIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void anInstanceIsLaunchedStoppedAndDeletedThroughTheWaiter(IncusDaemon daemon) {
        String name = "waiter-" + Long.toHexString(System.nanoTime()).substring(6);
        try (BootApp app = BootApp.start("incus.socket-path=" + daemon.socketPath(), "incus.operations.timeout=60s",
                "incus.operations.progress-interval=100ms")) {
            IncusClient client = app.bean(IncusClient.class);
            IncusOperationWaiter waiter = app.bean(IncusOperationWaiter.class);
            List<OperationProgress> progress = new CopyOnWriteArrayList<>();
            try {
                Operation created = client.instances()
                        .create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                        .flatMap(operation -> waiter.await(operation, progress::add))
                        .block(WAIT);

                assertThat(created.isSuccess()).isTrue();
                assertThat(created.resources().get("instances")).contains("/1.0/instances/" + name);
                assertThat(client.instances().get(name).block(WAIT).isRunning()).isTrue();
                assertThat(progress).allSatisfy(report -> assertThat(report.operationId()).isEqualTo(created.id()));

                assertThat(waiter.await(client.instances().stop(name, true)).block(WAIT).isSuccess()).isTrue();
                assertThatThrownBy(() -> waiter.await(client.instances().stop(name, true)).block(WAIT))
                        .isInstanceOfSatisfying(IncusOperationException.class,
                                e -> assertThat(e.error()).containsIgnoringCase("already stopped"));

                assertThat(waiter.await(client.instances().delete(name)).block(WAIT).isSuccess()).isTrue();
                assertThatThrownBy(() -> client.instances().get(name).block(WAIT))
                        .isInstanceOf(IncusNotFoundException.class);
            } finally {
                daemon.incus("delete", "--force", name);
            }
        }
    }
}
