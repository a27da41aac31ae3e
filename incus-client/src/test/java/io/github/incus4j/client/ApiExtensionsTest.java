package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API extensions: read once per client, shared by scoped copies, and checked before calls that need them. */
class ApiExtensionsTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private static final String SERVER = sync("{\"api_extensions\":[\"projects\",\"network_acl\"],\"auth\":\"trusted\","
            + "\"environment\":{\"server_version\":\"6.0.4\"}}");

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theServerIsAskedOnceForTheClientAndItsScopedCopies() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200).withBody(SERVER)));

        assertThat(client.extensions().has("projects").block()).isTrue();
        assertThat(client.project("web").extensions().has("network_acl").block()).isTrue();
        assertThat(client.target("node2").extensions().has("network_address_set").block()).isFalse();
        assertThat(client.extensions().list().block()).containsExactly("projects", "network_acl");

        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/1.0")));
        // the read is not scoped: a project that does not exist must not break the check
        assertThat(wireMock.getAllServeEvents().get(0).getRequest().getUrl()).isEqualTo("/1.0");
    }

    @Test
    void separateClientsDoNotShareTheirCache() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200).withBody(SERVER)));
        try (IncusClient other = WireMockIncus.client(wireMock).build()) {
            client.extensions().has("projects").block();
            other.extensions().has("projects").block();
        }
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/1.0")));
    }

    @Test
    void aMissingExtensionFailsNamingItAndTheServer() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200).withBody(SERVER)));

        assertThatThrownBy(() -> client.extensions().require("network_address_set").block())
                .isInstanceOfSatisfying(IncusUnsupportedException.class, e -> {
                    assertThat(e.extension()).isEqualTo("network_address_set");
                    assertThat(e.getMessage()).contains("'network_address_set'").contains("Incus 6.0.4")
                            .contains("127.0.0.1");
                });
    }

    @Test
    void aFailedReadIsNotRemembered() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(500)
                .withBody(error(500, "boom"))));
        assertThatThrownBy(() -> client.extensions().has("projects").block()).isInstanceOf(IncusApiException.class);

        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200).withBody(SERVER)));
        assertThat(client.extensions().has("projects").block()).isTrue();
        assertThat(client.extensions().has("projects").block()).isTrue();
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/1.0")));
    }

    @Test
    void aBlankExtensionNameIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.extensions().has(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extension");
        wireMock.verify(0, getRequestedFor(anyUrl()));
    }
}
