package io.github.incus4j.spring.autoconfigure.observation;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusClientCustomizer;
import io.github.incus4j.spring.autoconfigure.IncusClients;
import io.github.incus4j.spring.autoconfigure.IncusStub;
import io.github.incus4j.spring.autoconfigure.TestFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One test per condition of {@link IncusObservationAutoConfiguration}, and what the clients then
 * record: a real {@link ObservationRegistry} whose observations become meters of a real
 * {@link SimpleMeterRegistry}, against a WireMock stand-in for the daemon.
 */
class IncusObservationAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WireMockExtension incus = IncusStub.server();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, IncusAutoConfiguration.class,
                    IncusObservationAutoConfiguration.class))
            .withPropertyValues(IncusStub.clientProperties(incus));

    @Test
    void withAnObservationRegistryEveryClientIsObservedUnderItsName() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));
        String lab = "https://127.0.0.1:" + incus.getHttpsPort();

        runner.withUserConfiguration(Observed.class)
                .withPropertyValues("incus.clients.lab.url=" + lab,
                        "incus.clients.lab.server-certificate=" + TestFiles.path("tls/server.crt"))
                .run(context -> {
                    assertThat(context).hasBean("incusObservationCustomizer");
                    context.getBean(IncusClient.class).server().get().block(WAIT);
                    context.getBean(IncusClients.class).get("lab").server().get().block(WAIT);

                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(calls(meters, "default").count()).isEqualTo(1);
                    assertThat(calls(meters, "lab").count()).isEqualTo(1);
                });
    }

    @Test
    void withoutAnObservationRegistryThereIsNoCustomizer() {
        runner.run(context -> assertThat(context).doesNotHaveBean("incusObservationCustomizer"));
    }

    @Test
    void withoutMicrometerObservationThereIsNoCustomizer() {
        runner.withUserConfiguration(Observed.class)
                .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean("incusObservationCustomizer"));
    }

    @Test
    void theApplicationsOwnCustomizerOfThatNameWins() {
        runner.withUserConfiguration(Observed.class, OwnCustomizer.class)
                .run(context -> assertThat(context.getBean("incusObservationCustomizer"))
                        .isSameAs(context.getBean(OwnCustomizer.class).customizer));
    }

    @Test
    void anExtraWebClientBuilderOfTheApplicationNeitherReachesTheClientNorStopsItsObservations() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        runner.withUserConfiguration(Observed.class, GitHubClient.class, HeaderCustomizer.class).run(context -> {
            assertThat(context.getBeansOfType(WebClient.Builder.class)).containsOnlyKeys("gitHubWebClientBuilder");
            context.getBean(IncusClient.class).server().get().block(WAIT);

            assertThat(calls(context.getBean(MeterRegistry.class), "default").count()).isEqualTo(1);
        });

        incus.verify(getRequestedFor(urlPathEqualTo("/1.0"))
                .withHeader("Authorization", absent())
                .withHeader("X-Customized-By", equalTo("application")));
    }

    @Test
    void withTwoWebClientBuildersTheClientIsStillObserved() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        runner.withUserConfiguration(Observed.class, GitHubClient.class, SlackClient.class).run(context -> {
            context.getBean(IncusClient.class).server().get().block(WAIT);

            assertThat(calls(context.getBean(MeterRegistry.class), "default").count()).isEqualTo(1);
        });
    }

    private static Timer calls(MeterRegistry meters, String client) {
        Timer timer = meters.find("incus.client.requests").tag("incus.client", client).tag("uri", "/1.0")
                .tag("incus.request", "call").timer();
        assertThat(timer).as("incus.client.requests of %s among %s", client,
                meters.find("incus.client.requests").timers().stream().map(Timer::getId).toList()).isNotNull();
        return timer;
    }

    /** What Spring Boot's actuator sets up, reduced to a registry whose observations become meters. */
    @Configuration(proxyBeanMethods = false)
    static class Observed {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    /** A builder made for another service: its base URL, its credentials, no observations. */
    @Configuration(proxyBeanMethods = false)
    static class GitHubClient {

        @Bean
        WebClient.Builder gitHubWebClientBuilder() {
            return WebClient.builder().baseUrl("https://api.github.com").defaultHeader("Authorization", "Bearer ghp_x");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlackClient {

        @Bean
        WebClient.Builder slackWebClientBuilder() {
            return WebClient.builder().baseUrl("https://slack.com/api");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HeaderCustomizer {

        @Bean
        WebClientCustomizer addHeader() {
            return builder -> builder.defaultHeader("X-Customized-By", "application");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCustomizer {

        final IncusClientCustomizer customizer = builder -> { };

        @Bean
        IncusClientCustomizer incusObservationCustomizer() {
            return customizer;
        }
    }
}
