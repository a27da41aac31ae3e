package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the refusals of a certificate restricted to other projects reach the caller: Incus 6.0 sends
 * some as HTTP 500 (measured on 6.0.4, see {@link IncusForbiddenException}); those, and only
 * those, are authorization errors, with the daemon's own status and text kept.
 */
class RestrictedCertificateErrorsTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** The answers of Incus 6.0.4 to a certificate restricted to project p1. */
    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "500 | User does not have permissions for project \"p2\"",
        "500 | User does not have permissions for project \"default\"",
        "500 | Certificate is restricted",
        "403 | User does not have permission for project \"p2\"",
        "403 | User does not have permissions for project \"p2\""})
    void aRestrictionRefusalIsAnAuthorizationErrorWithTheDaemonsStatusAndText(int status, String text) {
        stubInstancesList(status, text);

        assertThatThrownBy(() -> client.instances().listNames().block())
                .isInstanceOfSatisfying(IncusForbiddenException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.errorCode()).isEqualTo(status);
                    assertThat(e.serverMessage()).isEqualTo(text);
                    assertThat(e.method()).isEqualTo("GET");
                    assertThat(e.path()).isEqualTo("/1.0/instances");
                    assertThat(e.isServerError()).isFalse();
                    assertThat(e.getMessage())
                            .startsWith("GET /1.0/instances failed with HTTP " + status + ": " + text)
                            .contains("restricted to other projects")
                            .contains("incus config trust edit");
                });
    }

    /** Anything else keeps its status's meaning: a 500 is the daemon's own failure. */
    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "500 | database is closed",
        "500 | Failed loading instances: User does not have permissions for project \"p2\"",
        "500 | user does not have permissions for project \"p2\"",
        "500 | Certificate is restricted to some projects",
        "400 | User does not have permissions for project \"p2\"",
        "503 | Certificate is restricted"})
    void otherAnswersAreNotTakenForARestriction(int status, String text) {
        stubInstancesList(status, text);

        assertThatThrownBy(() -> client.instances().listNames().block())
                .isInstanceOfSatisfying(IncusApiException.class, e -> {
                    assertThat(e).isNotInstanceOf(IncusForbiddenException.class);
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.serverMessage()).isEqualTo(text);
                    assertThat(e.isServerError()).isEqualTo(status >= 500);
                    assertThat(e.getMessage()).doesNotContain("restricted to other projects");
                });
    }

    /** An untrusted client's 403 keeps the hint to trust the certificate. */
    @ParameterizedTest(name = "HTTP 403: {0}")
    @CsvSource(delimiter = '|', value = {"not authorized", "Certificate is not trusted"})
    void anUntrustedClientIsToldToTrustItsCertificate(String text) {
        stubInstancesList(403, text);

        assertThatThrownBy(() -> client.instances().listNames().block())
                .isInstanceOfSatisfying(IncusForbiddenException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("incus config trust add-certificate")
                            .doesNotContain("restricted to other projects");
                });
    }

    private static void stubInstancesList(int status, String text) {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(WireMockIncus.error(status, text))));
    }
}
