package io.github.incus4j.test.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.IncusConflictException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the stand-in answers, seen through the client as a user's code would see it. */
class IncusStandInTest {

    @RegisterExtension
    static IncusStandIn incus = IncusStandIn.create();

    @Test
    void itAnswersGet10AsATrustedIncus604OverHttpsWithTheClientCertificate() {
        try (IncusClient client = incus.clientBuilder().build()) {
            Server server = client.server().get().block();

            assertThat(server.auth()).isEqualTo("trusted");
            assertThat(server.environment().serverVersion()).isEqualTo("6.0.4");
            assertThat(server.apiExtensions()).hasSize(450).contains("instances", "instance_access");
        }
    }

    @Test
    void itAnswersOnAUnixSocketToo() {
        incus.get("/1.0/instances").returns("[\"/1.0/instances/web1\"]");

        try (IncusClient client = incus.unixSocketClientBuilder().build()) {
            assertThat(client.instances().listNames().block()).containsExactly("web1");
            assertThat(client.endpoint().socketPath()).contains(incus.socketPath());
        }
    }

    @Test
    void aClientWithoutTheTestCertificateIsRefusedAtTheHandshake() {
        try (IncusClient client = IncusClient.builder().url(incus.url()).serverCertificate(incus.serverCertificate())
                .build()) {
            assertThatThrownBy(() -> client.server().get().block()).isInstanceOf(IncusConnectionException.class);
        }
    }

    @Test
    void chosenApiExtensionsDecideWhichCallsTheClientAllows() {
        incus.apiExtensions("instances");

        try (IncusClient client = incus.clientBuilder().build()) {
            assertThatThrownBy(() -> client.instances().access("web1").block())
                    .isInstanceOf(IncusUnsupportedException.class)
                    .hasMessageContaining("instance_access");
        }
        incus.wireMock().verify(0, getRequestedFor(urlPathEqualTo("/1.0/instances/web1/access")));
    }

    @Test
    void errorsAreEnvelopesWithTheStatusAsErrorCode() {
        incus.delete("/1.0/instances/web1").fails(409, "Instance is running");

        try (IncusClient client = incus.clientBuilder().build()) {
            assertThatThrownBy(() -> client.instances().delete("web1").block())
                    .isInstanceOfSatisfying(IncusConflictException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(409);
                        assertThat(e.serverMessage()).isEqualTo("Instance is running");
                    });
        }
    }

    @Test
    void whatIsNotStubbedIsAnIncusNotFoundNamingTheRequest() {
        try (IncusClient client = incus.clientBuilder().build()) {
            assertThatThrownBy(() -> client.instances().get("nothing").block())
                    .isInstanceOfSatisfying(IncusNotFoundException.class, e -> assertThat(e.serverMessage())
                            .startsWith("not found (the Incus stand-in has no answer for GET /1.0/instances/nothing"));
        }
    }

    @Test
    void aQueryParameterNarrowsAStub() {
        incus.get("/1.0/instances").returns("[\"/1.0/instances/web1\"]");
        incus.get("/1.0/instances").query("project", "ci").returns("[\"/1.0/instances/runner1?project=ci\"]");

        try (IncusClient client = incus.clientBuilder().build()) {
            assertThat(client.instances().listNames().block()).containsExactly("web1");
            assertThat(client.project("ci").instances().listNames().block())
                    .containsExactly("runner1");
        }
    }

    @Test
    void waitAnswersWhenTheOperationEndsOrItsTimeoutPasses() {
        incus.post("/1.0/instances").startsOperation(StandInOperation.succeeds().after(Duration.ofMillis(600)));

        try (IncusClient client = incus.clientBuilder().build()) {
            OperationHandle handle = client.instances().create(InstancesPost.builder("web1").image("busybox").build())
                    .block();
            assertThat(handle.lastSeen().status()).isEqualTo("Running");
            long started = System.nanoTime();

            assertThat(handle.await(Duration.ofSeconds(10)).block().status()).isEqualTo("Success");

            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        }
    }

    @Test
    void aTimeoutCanCancelTheOperation() {
        incus.post("/1.0/instances").startsOperation(StandInOperation.neverFinishes());

        try (IncusClient client = incus.clientBuilder().build()) {
            OperationHandle handle = client.instances().create(InstancesPost.builder("web1").image("busybox").build())
                    .block();

            long started = System.nanoTime();
            assertThatThrownBy(() -> handle.await(Duration.ofSeconds(1), true).block())
                    .isInstanceOfSatisfying(IncusOperationTimeoutException.class,
                            e -> assertThat(e.cancelRequested()).isTrue());
            // /wait honoured the client's timeout (1 s) rather than the stand-in's longest wait (30 s).
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(incus.operations()).singleElement().satisfies(operation -> {
            assertThat(operation.isCancelled()).isTrue();
            assertThat(operation.status()).isEqualTo("Cancelled");
        });
    }

    @Test
    void everyTestStartsWithoutTheStubsAndOperationsOfTheOthers() {
        // Runs in any order with the tests above, which stub /1.0/instances and start operations.
        assertThat(incus.operations()).isEmpty();
        incus.wireMock().verify(0, getRequestedFor(anyUrl()));
        try (IncusClient client = incus.clientBuilder().build()) {
            assertThatThrownBy(() -> client.instances().listNames().block()).isInstanceOf(IncusNotFoundException.class);
        }
    }

    @Test
    void withoutJUnitItIsStartedAndClosedByHand() throws Exception {
        URI url;
        try (IncusStandIn own = IncusStandIn.start()) {
            url = own.url();
            own.get("/1.0/instances").returns("[]");
            try (IncusClient client = own.clientBuilder().build()) {
                assertThat(client.instances().listNames().block()).isEmpty();
            }
            assertThat(own.socketPath()).exists();
        }
        HttpClient http = HttpClient.newHttpClient();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
    }

    /** The enclosing class's stand-in serves nested classes too, and stays up after them. */
    @Nested
    class FirstNested {
        @Test
        void seesTheSameStandIn() {
            incus.get("/1.0/instances").returns("[]");
            try (IncusClient client = incus.clientBuilder().build()) {
                assertThat(client.instances().listNames().block()).isEmpty();
            }
        }
    }

    @Nested
    class SecondNested {
        @Test
        void findsItStillRunningAfterTheOtherNestedClass() {
            assertThat(incus.wireMock().isRunning()).isTrue();
        }
    }

    @Test
    void metadataThatIsNotJsonFailsWhereItIsStubbed() {
        assertThatThrownBy(() -> incus.get("/1.0/instances").returns("[\"/1.0/instances/web1\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metadataJson is not JSON");
    }
}
