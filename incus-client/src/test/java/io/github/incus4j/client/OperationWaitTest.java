package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.incus4j.client.WireMockIncus.async;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.operation;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Background operations: the 202 handle, the /wait loop, failures and deadlines. */
class OperationWaitTest {

    private static final String ID = "6916c8a6-9b93-4a6b-8ef5-1d9d4a8b7e20";
    private static final String WAIT = "/1.0/operations/" + ID + "/wait";
    private static final String OPERATION = "/1.0/operations/" + ID;

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
        wireMock.stubFor(post(urlPathEqualTo("/1.0/instances")).willReturn(aResponse().withStatus(202)
                .withHeader("Location", OPERATION).withBody(async(ID))));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private OperationHandle create() {
        return client.instances().create(InstancesPost.builder("c1").image("busybox").build()).block();
    }

    @Test
    void a202GivesAHandleWithTheOperation() {
        OperationHandle handle = create();

        assertThat(handle.id()).isEqualTo(ID);
        assertThat(handle.lastSeen().statusCode()).isEqualTo(103);
        assertThat(handle.lastSeen().resources()).containsKey("instances");
    }

    @Test
    void waitingLoopsUntilTheOperationIsFinal() {
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).inScenario("wait").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withBody(sync(operation(ID, 103, "Running", ""))))
                .willSetStateTo("second"));
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).inScenario("wait").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withBody(sync(operation(ID, 200, "Success", "")))));

        Operation done = create().await(Duration.ofSeconds(20)).block();

        assertThat(done.isSuccess()).isTrue();
        List<LoggedRequest> waits = wireMock.findAll(getRequestedFor(urlPathEqualTo(WAIT)));
        assertThat(waits).hasSize(2);
        assertThat(Integer.parseInt(waits.get(0).queryParameter("timeout").firstValue())).isBetween(1, 20);
    }

    @Test
    void aFailureEnvelopeFromWaitRaisesTheOperationsError() {
        // Incus 6.0 answers /wait of a failed operation with HTTP 200 and an error envelope.
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).willReturn(aResponse().withStatus(200)
                .withBody(error(400, "The instance is already stopped"))));
        wireMock.stubFor(get(urlPathEqualTo(OPERATION)).willReturn(aResponse().withStatus(200)
                .withBody(sync(operation(ID, 400, "Failure", "The instance is already stopped")))));

        assertThatThrownBy(() -> create().await(Duration.ofSeconds(5)).block())
                .isInstanceOfSatisfying(IncusOperationException.class, e -> {
                    assertThat(e.error()).isEqualTo("The instance is already stopped");
                    assertThat(e.operation().statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("The instance is already stopped");
                });
    }

    @Test
    void aFinalFailedOperationFromWaitRaisesTheOperationsError() {
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).willReturn(aResponse().withStatus(200)
                .withBody(sync(operation(ID, 401, "Cancelled", "Operation cancelled")))));

        assertThatThrownBy(() -> create().await(Duration.ofSeconds(5)).block())
                .isInstanceOfSatisfying(IncusOperationException.class,
                        e -> assertThat(e.error()).isEqualTo("Operation cancelled"));
    }

    @Test
    void theDeadlineEndsTheWaitAndLeavesTheOperationRunningByDefault() {
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).willReturn(aResponse().withStatus(200)
                .withBody(sync(operation(ID, 103, "Running", ""))).withFixedDelay(5000)));
        wireMock.stubFor(get(urlPathEqualTo(OPERATION)).willReturn(aResponse().withStatus(200)
                .withBody(sync(operation(ID, 103, "Running", "")))));
        OperationHandle handle = create();

        long started = System.nanoTime();
        assertThatThrownBy(() -> handle.await(Duration.ofMillis(800)).block())
                .isInstanceOfSatisfying(IncusOperationTimeoutException.class, e -> {
                    assertThat(e.cancelRequested()).isFalse();
                    assertThat(e.lastSeen().statusCode()).isEqualTo(103);
                    assertThat(e.getMessage()).contains("did not finish within PT0.8S");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        wireMock.verify(0, deleteRequestedFor(urlPathEqualTo(OPERATION)));
    }

    @Test
    void theDeadlineCancelsTheOperationWhenAsked() {
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).willReturn(aResponse().withStatus(200)
                .withBody(sync(operation(ID, 103, "Running", ""))).withFixedDelay(5000)));
        wireMock.stubFor(get(urlPathEqualTo(OPERATION)).willReturn(aResponse().withStatus(200)
                .withBody(sync(operation(ID, 103, "Running", "")))));
        wireMock.stubFor(delete(urlPathEqualTo(OPERATION)).willReturn(aResponse().withStatus(200)
                .withBody(sync("{}"))));

        assertThatThrownBy(() -> create().await(Duration.ofMillis(800), true).block())
                .isInstanceOfSatisfying(IncusOperationTimeoutException.class,
                        e -> assertThat(e.cancelRequested()).isTrue());
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo(OPERATION)));
    }

    @Test
    void anOperationSeenFinalIsAnsweredFromMemoryAfterTheDaemonForgotIt() {
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).inScenario("forget").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withBody(sync(operation(ID, 200, "Success", ""))))
                .willSetStateTo("forgotten"));
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).inScenario("forget").whenScenarioStateIs("forgotten")
                .willReturn(aResponse().withStatus(404).withBody(error(404, "Operation not found"))));
        OperationHandle handle = create();
        handle.await(Duration.ofSeconds(5)).block();

        Operation again = handle.await(Duration.ofSeconds(5)).block();

        assertThat(again.isSuccess()).isTrue();
        assertThat(handle.refresh().block().isSuccess()).isTrue();
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(WAIT)));
    }

    @Test
    void anUnknownOperationIsNotFound() {
        wireMock.stubFor(get(urlPathEqualTo(WAIT)).willReturn(aResponse().withStatus(404)
                .withBody(error(404, "Operation not found"))));
        wireMock.stubFor(get(urlPathEqualTo(OPERATION)).willReturn(aResponse().withStatus(404)
                .withBody(error(404, "Operation not found"))));

        assertThatThrownBy(() -> client.operations().await(ID, Duration.ofSeconds(2), false).block())
                .isInstanceOf(IncusNotFoundException.class);
    }
}
