package io.github.incus4j.spring.autoconfigure.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.OperationProgress;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.spring.autoconfigure.IncusStub;
import io.github.incus4j.spring.autoconfigure.TestFiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** The waiting helper against a stand-in daemon: results, errors, deadlines, cancellation, progress. */
class IncusOperationWaiterTest {

    private static final String OPERATION = "5d1c0a3e-0000-4000-8000-000000000001";
    private static final String OPERATION_PATH = "/1.0/operations/" + OPERATION;
    private static final String WAIT_PATH = OPERATION_PATH + "/wait";

    @RegisterExtension
    static final WireMockExtension incus = IncusStub.server();

    private IncusClient client;

    @BeforeEach
    void startOperation() {
        client = IncusClient.builder().url("https://127.0.0.1:" + incus.getHttpsPort())
                .serverCertificate(TestFiles.resource("tls/server.crt")).build();
        incus.stubFor(post(urlPathEqualTo("/1.0/instances")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(IncusStub.async(OPERATION))));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aSuccessfulOperationCompletesWithItsFinalState() {
        incus.stubFor(get(urlPathEqualTo(WAIT_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 200, "", "{}")))));

        Operation done = waiter(Duration.ofSeconds(10), false).await(create()).block(Duration.ofSeconds(10));

        assertThat(done.isSuccess()).isTrue();
        assertThat(done.resources().get("instances")).containsExactly("/1.0/instances/c1");
    }

    @Test
    void aFailedOperationRaisesTheDaemonsError() {
        incus.stubFor(get(urlPathEqualTo(WAIT_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 400, "Failed creating instance: no space left on device", "{}")))));

        assertThatThrownBy(() -> waiter(Duration.ofSeconds(10), false).await(create()).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(IncusOperationException.class, e -> {
                    assertThat(e.error()).isEqualTo("Failed creating instance: no space left on device");
                    assertThat(e.getMessage()).contains("no space left on device");
                });
    }

    @Test
    void anOperationStillRunningAtTheDeadlineIsCancelledWhenConfigured() {
        stubStillRunning();
        incus.stubFor(delete(urlPathEqualTo(OPERATION_PATH)).willReturn(okJson(IncusStub.sync("{}"))));

        assertThatThrownBy(() -> waiter(Duration.ofSeconds(1), true).await(create()).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(IncusOperationTimeoutException.class, e -> {
                    assertThat(e.cancelRequested()).isTrue();
                    assertThat(e.lastSeen().id()).isEqualTo(OPERATION);
                });
        incus.verify(deleteRequestedFor(urlPathEqualTo(OPERATION_PATH)));
    }

    @Test
    void anOperationStillRunningAtTheDeadlineGoesOnByDefault() {
        stubStillRunning();

        assertThatThrownBy(() -> waiter(Duration.ofSeconds(1), false).await(create()).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(IncusOperationTimeoutException.class,
                        e -> assertThat(e.cancelRequested()).isFalse());
        incus.verify(0, deleteRequestedFor(urlPathEqualTo(OPERATION_PATH)));
    }

    @Test
    void aDeadlineOfTheCallerOverridesTheDefault() {
        stubStillRunning();
        IncusOperationWaiter waiter = waiter(Duration.ofMinutes(5), false);

        long started = System.nanoTime();
        assertThatThrownBy(() -> create().flatMap(handle -> waiter.await(handle, Duration.ofSeconds(1), null))
                .block(Duration.ofSeconds(10))).isInstanceOf(IncusOperationTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void progressIsReportedAsTheDaemonUpdatesIt() {
        incus.stubFor(get(urlPathEqualTo(OPERATION_PATH)).inScenario("progress").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("later")
                .willReturn(okJson(IncusStub.sync(IncusStub.operation(OPERATION, 103, "", progress(20))))));
        incus.stubFor(get(urlPathEqualTo(OPERATION_PATH)).inScenario("progress").whenScenarioStateIs("later")
                .willReturn(okJson(IncusStub.sync(IncusStub.operation(OPERATION, 103, "", progress(60))))));
        incus.stubFor(get(urlPathEqualTo(WAIT_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 200, "", progress(100)))).withFixedDelay(3_000)));
        List<OperationProgress> reported = new CopyOnWriteArrayList<>();

        Operation done = create().flatMap(handle -> waiter(Duration.ofSeconds(10), false).await(handle, reported::add))
                .block(Duration.ofSeconds(10));

        assertThat(done.isSuccess()).isTrue();
        assertThat(reported).extracting(OperationProgress::percent).containsExactly(20, 60);
        assertThat(reported.get(0)).isEqualTo(new OperationProgress(OPERATION, "Creating instance",
                "create_instance_from_image_unpack", 20, "Unpack: 20% (1.00MB/s)"));
    }

    @Test
    void aFailingProgressCallbackDoesNotStopTheWait() {
        incus.stubFor(get(urlPathEqualTo(OPERATION_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 103, "", progress(50))))));
        incus.stubFor(get(urlPathEqualTo(WAIT_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 200, "", "{}"))).withFixedDelay(600)));

        Operation done = create().flatMap(handle -> waiter(Duration.ofSeconds(10), false).await(handle, progress -> {
            throw new IllegalStateException("callback bug");
        })).block(Duration.ofSeconds(10));

        assertThat(done.isSuccess()).isTrue();
    }

    @Test
    void withoutCallbackNothingButTheWaitIsSent() {
        incus.stubFor(get(urlPathEqualTo(WAIT_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 200, "", "{}"))).withFixedDelay(500)));

        waiter(Duration.ofSeconds(10), false).await(create()).block(Duration.ofSeconds(10));

        incus.verify(0, getRequestedFor(urlPathEqualTo(OPERATION_PATH)));
    }

    @Test
    void anOperationKnownByIdIsAwaited() {
        incus.stubFor(get(urlPathEqualTo(OPERATION_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 103, "", "{}")))));
        incus.stubFor(get(urlPathEqualTo(WAIT_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 200, "", "{}")))));

        assertThat(waiter(Duration.ofSeconds(10), false).await(OPERATION).block(Duration.ofSeconds(10)).isSuccess())
                .isTrue();
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> new IncusOperationWaiter(client, Duration.ZERO, false, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be a positive");
        assertThatThrownBy(() -> new IncusOperationWaiter(client, Duration.ofSeconds(1), false, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("progressInterval");
    }

    @Test
    void progressIsReadFromTheProgressObject() {
        Operation operation = operation(Map.of("progress", Map.of("stage", "image_download", "percent", "35",
                "speed", "1000"), "image_download_progress", "Downloading: 35% (1.00kB/s)"));

        assertThat(OperationProgress.of(operation)).isEqualTo(new OperationProgress("op", "Downloading image",
                "image_download", 35, "Downloading: 35% (1.00kB/s)"));
    }

    @Test
    void progressWithoutPercentIsStillReported() {
        Operation operation = operation(Map.of("progress", Map.of("stage", "create_instance_from_image_unpack",
                "processed", "1048576", "speed", "2048")));

        OperationProgress progress = OperationProgress.of(operation);
        assertThat(progress.percent()).isNull();
        assertThat(progress.text()).isEqualTo("create_instance_from_image_unpack");
    }

    @Test
    void progressIsReadFromAStageTextAlone() {
        Operation operation = operation(Map.of("fs_progress", "rootfs: 75% (20.00MB/s)"));

        assertThat(OperationProgress.of(operation)).isEqualTo(new OperationProgress("op", "Downloading image", "fs",
                75, "rootfs: 75% (20.00MB/s)"));
    }

    @Test
    void anOperationWithoutProgressHasNone() {
        assertThat(OperationProgress.of(operation(Map.of("return", 0)))).isNull();
    }

    private void stubStillRunning() {
        incus.stubFor(get(urlPathEqualTo(WAIT_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 103, "", "{}"))).withFixedDelay(5_000)));
        incus.stubFor(get(urlPathEqualTo(OPERATION_PATH)).willReturn(okJson(IncusStub.sync(
                IncusStub.operation(OPERATION, 103, "", "{}")))));
    }

    private Mono<OperationHandle> create() {
        return client.instances().create(InstancesPost.builder("c1").source(InstanceSource.none()).build());
    }

    private IncusOperationWaiter waiter(Duration timeout, boolean cancelOnTimeout) {
        return new IncusOperationWaiter(client, timeout, cancelOnTimeout, Duration.ofMillis(100));
    }

    private static String progress(int percent) {
        return "{\"progress\":{\"stage\":\"create_instance_from_image_unpack\",\"percent\":\"" + percent
                + "\",\"speed\":\"1048576\"},\"create_instance_from_image_unpack_progress\":\"Unpack: " + percent
                + "% (1.00MB/s)\"}";
    }

    private static Operation operation(Map<String, Object> metadata) {
        return new Operation("op", "task", "Downloading image", null, null, "Running", 103, Map.of(), metadata, true,
                "", "none");
    }
}
