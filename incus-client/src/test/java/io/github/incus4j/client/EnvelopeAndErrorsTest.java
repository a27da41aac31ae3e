package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the client reads the Incus envelope and turns every kind of error into its exception. */
class EnvelopeAndErrorsTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).maxResponseSize(64 * 1024).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void syncMetadataIsDecodedIgnoringUnknownFieldsAndToleratingMissingOnes() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(sync("{\"api_version\":\"1.0\",\"auth\":\"trusted\",\"a_field_from_incus_9\":{\"x\":1},"
                        + "\"environment\":{\"server_version\":\"7.3\"}}"))));

        Server server = client.server().get().block();

        assertThat(server.apiVersion()).isEqualTo("1.0");
        assertThat(server.isTrusted()).isTrue();
        assertThat(server.environment().serverVersion()).isEqualTo("7.3");
        assertThat(server.apiExtensions()).isEmpty();
        assertThat(server.authMethods()).isEmpty();
        assertThat(server.extra()).containsKey("a_field_from_incus_9");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "400, io.github.incus4j.client.exception.IncusApiException",
        "403, io.github.incus4j.client.exception.IncusForbiddenException",
        "404, io.github.incus4j.client.exception.IncusNotFoundException",
        "409, io.github.incus4j.client.exception.IncusConflictException",
        "412, io.github.incus4j.client.exception.IncusPreconditionFailedException",
        "500, io.github.incus4j.client.exception.IncusApiException",
        "503, io.github.incus4j.client.exception.IncusApiException"})
    void everyErrorStatusHasItsExceptionCarryingWhatTheDaemonSaid(int status, Class<?> type) {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(error(status, "Daemon says no"))));

        assertThatThrownBy(() -> client.instances().get("c1").block())
                .isExactlyInstanceOf(type)
                .isInstanceOfSatisfying(IncusApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.errorCode()).isEqualTo(status);
                    assertThat(e.serverMessage()).isEqualTo("Daemon says no");
                    assertThat(e.method()).isEqualTo("GET");
                    assertThat(e.path()).isEqualTo("/1.0/instances/c1");
                    assertThat(e.isServerError()).isEqualTo(status >= 500);
                    assertThat(e.getMessage()).contains("GET /1.0/instances/c1", "HTTP " + status, "Daemon says no");
                });
    }

    @Test
    void forbiddenSaysHowToTrustTheCertificate() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(403)
                .withBody(error(403, "not authorized"))));

        assertThatThrownBy(() -> client.instances().get("c1").block())
                .hasMessageContaining("incus config trust add-certificate");
    }

    @Test
    void anErrorEnvelopeWithStatus200IsStillAnError() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(200)
                .withBody(error(404, "Instance not found"))));

        assertThatThrownBy(() -> client.instances().get("c1").block())
                .isInstanceOfSatisfying(IncusNotFoundException.class,
                        e -> assertThat(e.serverMessage()).isEqualTo("Instance not found"));
    }

    @Test
    void anHtmlPageFromAProxyIsAProtocolErrorWithTheStatusAndAnExcerpt() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1>" + "x".repeat(1000) + "</body></html>")));

        assertThatThrownBy(() -> client.server().get().block())
                .isInstanceOfSatisfying(IncusProtocolException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("HTTP 502", "<html><body><h1>502 Bad Gateway", "bytes in all");
                    assertThat(e.getMessage().length()).isLessThan(500);
                });
    }

    @Test
    void truncatedJsonIsAProtocolError() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withBody("{\"type\":\"sync\",\"metadata\":{\"api_version\":\"1.")));

        assertThatThrownBy(() -> client.server().get().block())
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void fieldsOfTheWrongTypeAreAProtocolErrorNamingTheType() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"name\":\"c1\",\"profiles\":{\"not\":\"a list\"}}"))));

        assertThatThrownBy(() -> client.instances().get("c1").block())
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining(Instance.class.getName());
    }

    @Test
    void anEmptyBodyIsAProtocolError() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> client.server().get().block())
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining("empty response body");
    }

    @Test
    void aBodyAboveTheLimitIsRefusedAndTheClientWorksOnTheNextCall() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[\"" + "a".repeat(100_000) + "\"]"))));
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"auth\":\"trusted\"}"))));

        assertThatThrownBy(() -> client.instances().listNames().block())
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining("larger than the client's limit of 65536 bytes")
                .hasMessageContaining("maxResponseSize");
        assertThat(client.server().get().block().auth()).isEqualTo("trusted");
    }

    @Test
    void aConnectionResetInTheBodyIsAConnectionErrorAndTheClientWorksOnTheNextCall() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"auth\":\"trusted\"}"))));

        assertThatThrownBy(() -> client.instances().listNames().block())
                .isInstanceOfSatisfying(IncusConnectionException.class,
                        e -> assertThat(e.reason()).isIn(IncusConnectionException.Reason.CONNECTION_CLOSED,
                                IncusConnectionException.Reason.IO));
        assertThat(client.server().get().block().auth()).isEqualTo("trusted");
    }

    @Test
    void aSlowAnswerHitsTheResponseTimeout() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{}")).withFixedDelay(3000)));
        try (IncusClient impatient = WireMockIncus.client(wireMock)
                .responseTimeout(java.time.Duration.ofMillis(300)).build()) {
            assertThatThrownBy(() -> impatient.server().get().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TIMEOUT);
                        assertThat(e.getMessage()).contains("PT0.3S");
                    });
        }
    }
}
