package io.github.incus4j.spring.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the properties and the application's WebClient setup do to the requests the client sends. */
class IncusClientRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WireMockExtension incus = IncusStub.server();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, IncusAutoConfiguration.class))
            .withPropertyValues(IncusStub.clientProperties(incus));

    @Test
    void requestsCarryTheUserAgentProjectAndTarget() {
        incus.stubFor(get(urlPathEqualTo("/1.0/instances/web-1")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(IncusStub.error(404, "Instance not found"))));

        runner.withPropertyValues("incus.user-agent=ops-bot/2", "incus.project=web", "incus.target=node2")
                .run(context -> {
                    IncusClient client = context.getBean(IncusClient.class);
                    assertThatThrownBy(() -> client.instances().get("web-1").block(WAIT))
                            .isInstanceOf(IncusNotFoundException.class);
                });

        incus.verify(getRequestedFor(urlPathEqualTo("/1.0/instances/web-1"))
                .withHeader("User-Agent", equalTo("ops-bot/2"))
                .withQueryParam("project", equalTo("web"))
                .withQueryParam("target", equalTo("node2")));
    }

    @Test
    void theClientIsBuiltOnTheApplicationsWebClientBuilder() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        runner.withUserConfiguration(HeaderCustomizer.class).run(context ->
                context.getBean(IncusClient.class).server().get().block(WAIT));

        incus.verify(getRequestedFor(urlPathEqualTo("/1.0")).withHeader("X-Customized-By", equalTo("application")));
    }

    @Test
    void withoutAnApplicationWebClientBuilderTheClientUsesItsOwn() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class))
                .withPropertyValues(IncusStub.clientProperties(incus))
                .run(context -> assertThat(context.getBean(IncusClient.class).server().get().block(WAIT).isTrusted())
                        .isTrue());
    }

    @Test
    void certificateAuthoritiesTrustAServerWhoseNameMatches() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class))
                .withPropertyValues("incus.url=https://localhost:" + incus.getHttpsPort(),
                        "incus.certificate-authorities=" + TestFiles.path("tls/server.crt"))
                .run(context -> assertThat(context.getBean(IncusClient.class).server().get().block(WAIT).isTrusted())
                        .isTrue());
    }

    @Test
    void theResponseTimeoutApplies() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true)).withFixedDelay(3_000)));

        runner.withPropertyValues("incus.response-timeout=300ms").run(context ->
                assertThatThrownBy(() -> context.getBean(IncusClient.class).server().get().block(WAIT))
                        .isInstanceOfSatisfying(IncusConnectionException.class,
                                e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TIMEOUT)));
    }

    @Test
    void theMaximumResponseSizeApplies() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.sync(
                "{\"api_version\":\"1.0\",\"auth\":\"trusted\",\"config\":{\"user.big\":\"" + "x".repeat(4096)
                        + "\"}}"))));

        runner.withPropertyValues("incus.max-response-size=1KB").run(context ->
                assertThatThrownBy(() -> context.getBean(IncusClient.class).server().get().block(WAIT))
                        .isInstanceOf(IncusProtocolException.class)
                        .hasMessageContaining("larger than the client's limit of 1024 bytes"));
    }

    @Test
    void callsAreRecordedAsIncusClientRequestsWithTemplatedUris() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));
        incus.stubFor(get(urlPathEqualTo("/1.0/instances/web-1")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(IncusStub.error(404, "Instance not found"))));

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(IncusStub.clientProperties(incus))
                .run()) {
            IncusClient client = context.getBean(IncusClient.class);
            client.server().get().block(WAIT);
            assertThatThrownBy(() -> client.instances().get("web-1").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Timer server = meters.find("incus.client.requests").tag("uri", "/1.0").tag("method", "GET")
                    .tag("status", "200").tag("incus.client", "default").tag("incus.request", "call").timer();
            Timer instance = meters.find("incus.client.requests").tag("uri", "/1.0/instances/{name}")
                    .tag("status", "404").timer();
            assertThat(server).isNotNull();
            assertThat(server.count()).isEqualTo(1);
            assertThat(instance).isNotNull();
            assertThat(meters.find("incus.client.requests").timers()).extracting(timer -> timer.getId().getTag("uri"))
                    .doesNotContain("/1.0/instances/web-1");
            assertThat(meters.find("http.client.requests").timers()).as("the application's other HTTP clients' name")
                    .isEmpty();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HeaderCustomizer {

        @Bean
        WebClientCustomizer addHeader() {
            return builder -> builder.defaultHeader("X-Customized-By", "application");
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
