package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusSettingException;
import io.github.incus4j.client.internal.protocol.LazyTransport;
import io.github.incus4j.client.model.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Building a client sets up nothing: the connection pool, the Reactor Netty clients and the
 * WebClient are made by the first request, once, and never after the client was closed.
 */
class LazyTransportTest {

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockIncus.server();

    @Test
    void theTransportIsBuiltByTheFirstRequestAndSharedWithScopedCopies() {
        SERVER.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(WireMockIncus.sync(
                "{\"api_version\":\"1.0\",\"auth\":\"trusted\"}"))));
        try (IncusClient client = WireMockIncus.client(SERVER).build()) {
            IncusClient scoped = client.project("p1");
            assertThat(transportOf(client).isBuilt()).isFalse();
            assertThat(transportOf(scoped)).isSameAs(transportOf(client));

            Server server = scoped.server().get().block();

            assertThat(server.auth()).isEqualTo("trusted");
            assertThat(transportOf(client).isBuilt()).isTrue();
            SERVER.verify(1, getRequestedFor(urlPathEqualTo("/1.0")));
        }
    }

    @Test
    void aSuppliedWebClientBuilderIsLookedUpOnceOnTheFirstRequest() {
        SERVER.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(WireMockIncus.sync(
                "{\"api_version\":\"1.0\",\"auth\":\"trusted\"}"))));
        AtomicInteger lookups = new AtomicInteger();
        AtomicInteger filtered = new AtomicInteger();
        WebClient.Builder application = WebClient.builder().filter((request, next) -> {
            filtered.incrementAndGet();
            return next.exchange(request);
        });
        try (IncusClient client = WireMockIncus.client(SERVER).webClientBuilder(() -> {
            lookups.incrementAndGet();
            return application;
        }).build()) {
            assertThat(lookups).hasValue(0);

            client.server().get().block();
            client.server().get().block();

            assertThat(lookups).hasValue(1);
            assertThat(filtered).as("the application's filter applies").hasValue(2);
        }
    }

    @Test
    void aClientClosedBeforeItsFirstRequestNeverBuildsItsTransport() {
        IncusClient client = WireMockIncus.client(SERVER).build();
        client.close();

        assertThatThrownBy(() -> client.server().get().block())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was closed");
        assertThat(transportOf(client).isBuilt()).isFalse();
        SERVER.verify(0, getRequestedFor(urlPathEqualTo("/1.0")));
    }

    @Test
    void aWarmUpBuildsTheTransportWithoutSendingTheDaemonAnything() throws IOException {
        SERVER.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(WireMockIncus.sync(
                "{\"api_version\":\"1.0\",\"auth\":\"trusted\"}"))));
        AtomicInteger lookups = new AtomicInteger();
        try (IncusClient client = WireMockIncus.client(SERVER).webClientBuilder(() -> {
            lookups.incrementAndGet();
            return WebClient.builder();
        }).build()) {
            List<Path> tempBefore = warmUpDirectories();
            client.warmUp();

            assertThat(transportOf(client).isBuilt()).isTrue();
            assertThat(warmUpDirectories()).as("the warm-up's throw-away socket directories").isEqualTo(tempBefore);
            assertThat(lookups).as("the application's WebClient builder is looked up by the warm-up").hasValue(1);
            assertThat(SERVER.getAllServeEvents()).as("requests the daemon received").isEmpty();

            client.warmUp();
            assertThat(client.server().get().block().auth()).isEqualTo("trusted");
            assertThat(lookups).hasValue(1);
            SERVER.verify(1, getRequestedFor(urlPathEqualTo("/1.0")));
        }
    }

    private static List<Path> warmUpDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("incus4j-warm-up")).sorted().toList();
        }
    }

    @Test
    void aClosedClientCannotBeWarmedUp() {
        IncusClient client = WireMockIncus.client(SERVER).build();
        client.close();

        assertThatThrownBy(client::warmUp).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(transportOf(client).isBuilt()).isFalse();
    }

    @Test
    void badTlsMaterialStillFailsAtBuildTime() {
        Path notAKey = WireMockIncus.resource("tls/server.crt");
        assertThatThrownBy(() -> WireMockIncus.client(SERVER).clientCertificate(notAKey, notAKey).build())
                .isInstanceOf(IncusSettingException.class);
    }

    private static LazyTransport transportOf(IncusClient client) {
        return (LazyTransport) ClientInternals.http(client).transport();
    }
}
