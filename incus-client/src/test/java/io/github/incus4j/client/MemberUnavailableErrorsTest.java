package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusMemberUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answers of a cluster member that cannot forward a request to a dead member (texts measured on
 * Incus 6.0.4, see {@link IncusMemberUnavailableException}) become that exception, naming the
 * member the client targeted; other server errors stay plain {@link IncusApiException}s.
 */
class MemberUnavailableErrorsTest {

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

    @ParameterizedTest
    @ValueSource(strings = {"Missing event connection with target cluster member", "Server isn't ready yet",
        "Get \"https://10.0.0.3:8443/1.0?target=m3\": Unable to connect to: 10.0.0.3:8443 ([dial tcp 10.0.0.3:8443: "
            + "connect: connection refused])"})
    void theTargetedMembersFailureNamesItAndSaysWhatToDo(String text) {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(WireMockIncus.error(500, text))));

        assertThatThrownBy(() -> client.target("m3").server().get().block())
                .isInstanceOfSatisfying(IncusMemberUnavailableException.class, unavailable -> {
                    assertThat(unavailable.status()).isEqualTo(500);
                    assertThat(unavailable.serverMessage()).isEqualTo(text);
                    assertThat(unavailable.member()).isEqualTo("m3");
                    assertThat(unavailable.memberAddress()).isEqualTo(text.contains("Unable") ? "10.0.0.3:8443" : null);
                    assertThat(unavailable.getMessage()).contains("member 'm3'", "Wait for it", "incus cluster evacuate",
                            "target(...)");
                });
    }

    @Test
    void anotherServerErrorStaysAPlainApiError() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(WireMockIncus.error(500, "disk full"))));

        assertThatThrownBy(() -> client.server().get().block())
                .isExactlyInstanceOf(IncusApiException.class).hasMessageContaining("disk full");
    }
}
