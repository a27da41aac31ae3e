package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.test.Ports;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * Requests of a client with several addresses, through the real WebClient and TLS, against two
 * stand-ins: which address each request reaches, and that a request that reached one daemon is
 * never made again at the next, even when its failure carries a connection error as cause.
 */
class SeveralAddressesRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static WireMockExtension first = WireMockIncus.server();

    @RegisterExtension
    static WireMockExtension second = WireMockIncus.server();

    @Test
    void aDeadAddressIsSkippedOnceAndTheOneThatAnsweredIsKept() throws IOException {
        second.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse()
                .withBody(sync("{\"api_extensions\":[],\"auth\":\"trusted\"}"))));
        try (IncusClient client = client("https://127.0.0.1:" + Ports.freeLoopbackPort(), url(second))) {
            assertThat(client.server().get().block(WAIT).auth()).isEqualTo("trusted");
            assertThat(client.server().get().block(WAIT).auth()).isEqualTo("trusted");
        }
        second.verify(2, getRequestedFor(urlPathEqualTo("/1.0")));
    }

    @Test
    void aRequestWhoseBodyFailsAfterConnectingIsNotMadeAgainAtTheNextAddress() {
        first.stubFor(post(urlPathEqualTo("/1.0/instances/c1/files")).willReturn(aResponse().withBody(sync("{}"))));
        second.stubFor(post(urlPathEqualTo("/1.0/instances/c1/files")).willReturn(aResponse().withBody(sync("{}"))));
        // The content comes from somewhere that fails half-way, with a connection error as cause.
        Flux<DataBuffer> content = Flux.concat(
                Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("half".getBytes(StandardCharsets.UTF_8))),
                Flux.error(new IOException("the content's source went away", new ConnectException("refused"))));

        try (IncusClient client = client(url(first), url(second))) {
            assertThatThrownBy(() -> client.instances().files("c1").write("/root/f", content, FileWriteOptions.defaults())
                    .block(WAIT))
                    .satisfies(error -> assertThat(String.valueOf(error.getMessage())).doesNotContain("none of the"));
        }
        second.verify(0, anyRequestedFor(anyUrl()));
    }

    private static IncusClient client(String... urls) {
        return IncusClient.builder().urls(List.of(urls)).serverCertificate(WireMockIncus.resource("tls/server.crt"))
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static String url(WireMockExtension server) {
        return "https://127.0.0.1:" + server.getHttpsPort();
    }

}
