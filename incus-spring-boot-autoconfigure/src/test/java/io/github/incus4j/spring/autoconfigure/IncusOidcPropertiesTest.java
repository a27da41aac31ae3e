package io.github.incus4j.spring.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import io.github.incus4j.test.oidc.OidcClient;
import io.github.incus4j.test.oidc.OidcProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code incus.oidc.*} with no daemon: a stand-in daemon checks the header, the test identity
 * provider of {@code incus-test} issues the {@code client_credentials} tokens, and every mistake
 * stops the start with the property and the fix, never quoting a token.
 */
class IncusOidcPropertiesTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
    private static final String SECRET = "ci-Secret-4417";

    @RegisterExtension
    static WireMockExtension incus = IncusStub.server();

    private static OidcProvider provider;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
                    IncusAutoConfiguration.class, IncusHealthContributorAutoConfiguration.class));

    @BeforeAll
    static void startProvider() {
        provider = OidcProvider.builder().client(OidcClient.publicClient("incus"))
                .client(OidcClient.confidential("ci", SECRET)).start();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void aFixedTokenGoesWithEveryRequestAndIsNeverShown() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues("incus.oidc.token=" + TOKEN)
                .run(context -> {
                    context.getBean(IncusClient.class).server().get().block(Duration.ofSeconds(10));
                    assertThat(context.getBean(IncusProperties.class).toString()).contains("oidc.token=******")
                            .doesNotContain(TOKEN);
                });

        incus.verify(getRequestedFor(urlPathEqualTo("/1.0")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aNamedClientTakesItsOwnToken() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        runner.withPropertyValues("incus.clients.lab.url=https://127.0.0.1:" + incus.getHttpsPort(),
                "incus.clients.lab.server-certificate=" + TestFiles.path("tls/server.crt"),
                "incus.clients.lab.oidc.token=" + TOKEN)
                .run(context -> context.getBean(IncusClients.class).get("lab").server().get()
                        .block(Duration.ofSeconds(10)));

        incus.verify(getRequestedFor(urlPathEqualTo("/1.0")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aTokenForTheUnixSocketIsRefused() {
        runner.withPropertyValues("incus.oidc.token=" + TOKEN).run(context -> assertThat(failure(context))
                .satisfies(failure -> assertThat(failure.property()).isEqualTo("incus.oidc.token"))
                .hasMessage("incus.oidc.token is set but incus.url is not: bearer tokens apply only to a remote "
                        + "daemon over HTTPS, and over the Unix socket Incus ignores them and trusts the socket's "
                        + "user."));
        runner.withPropertyValues("incus.socket-path=/run/incus/unix.socket", "incus.oidc.registration=incus")
                .run(context -> assertThat(failure(context).property()).isEqualTo("incus.oidc.registration"));
    }

    @Test
    void aMalformedTokenIsRefusedWithoutBeingQuoted() {
        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues("incus.oidc.token=Bearer "
                + TOKEN).run(context -> {
                    IncusConfigurationException failure = failure(context);
                    assertThat(failure.property()).isEqualTo("incus.oidc.token");
                    assertThat(failure).hasMessage("Invalid incus.oidc.token: the value starts with 'Bearer ': give "
                            + "the access token alone, the client adds the scheme.");
                    assertThat(failure.action()).doesNotContain(TOKEN);
                });
    }

    @Test
    void aTokenAndARegistrationExcludeEachOther() {
        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues("incus.oidc.token=" + TOKEN,
                "incus.oidc.registration=incus").run(context -> assertThat(failure(context))
                        .hasMessage("incus.oidc.token and incus.oidc.registration are both set."));
    }

    @Test
    void aRegistrationNeedsSpringSecurityAndTheStarterWorksWithoutIt() {
        ApplicationContextRunner withoutSpringSecurity = runner.withClassLoader(
                new FilteredClassLoader("org.springframework.security"));

        withoutSpringSecurity.withPropertyValues(IncusStub.clientProperties(incus))
                .withPropertyValues("incus.oidc.registration=incus").run(context -> {
                    IncusConfigurationException failure = failure(context);
                    assertThat(failure).hasMessage("incus.oidc.registration is set to 'incus', but Spring Security's "
                            + "OAuth2 client is not on the class path.");
                    assertThat(failure.action()).contains("spring-boot-starter-security-oauth2-client");
                });
        withoutSpringSecurity.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues(
                "incus.oidc.token=" + TOKEN).run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(IncusClient.class).doesNotHaveBean(RegistrationTokenSources.class));
    }

    @Test
    void anUnknownRegistrationListsTheDefinedOnes() {
        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues(
                "incus.oidc.registration=incus", "spring.security.oauth2.client.registration.other.client-id=x",
                "spring.security.oauth2.client.registration.other.client-secret=" + SECRET,
                "spring.security.oauth2.client.registration.other.authorization-grant-type=client_credentials",
                "spring.security.oauth2.client.registration.other.provider=test",
                "spring.security.oauth2.client.provider.test.token-uri=" + provider.tokenEndpoint())
                .run(context -> {
                    IncusConfigurationException failure = failure(context);
                    assertThat(failure).hasMessage("Invalid incus.oidc.registration: there is no OAuth2 client "
                            + "registration 'incus' (spring.security.oauth2.client.registration.incus; defined: "
                            + "[other]).");
                    assertThat(failure.getMessage() + failure.action()).doesNotContain(SECRET);
                });
    }

    @Test
    void aRegistrationMustUseClientCredentials() {
        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues(
                "incus.oidc.registration=incus", "spring.security.oauth2.client.registration.incus.client-id=x",
                "spring.security.oauth2.client.registration.incus.authorization-grant-type=authorization_code",
                "spring.security.oauth2.client.registration.incus.redirect-uri=http://127.0.0.1/login",
                "spring.security.oauth2.client.registration.incus.provider=test",
                "spring.security.oauth2.client.provider.test.authorization-uri=" + provider.issuer() + "/authorize",
                "spring.security.oauth2.client.provider.test.token-uri=" + provider.tokenEndpoint())
                .run(context -> assertThat(failure(context)).hasMessageContaining("the OAuth2 client registration "
                        + "'incus' uses authorization-grant-type authorization_code, but an application's Incus client "
                        + "authenticates as a service account, with client_credentials"));
    }

    @Test
    void aRegistrationsTokenComesFromSpringSecurityAndServesTheNextRequestsToo() throws Exception {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues(registration())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    IncusClient client = context.getBean(IncusClient.class);
                    client.server().get().block(Duration.ofSeconds(10));
                    client.server().get().block(Duration.ofSeconds(10));
                });

        List<LoggedRequest> requests = incus.findAll(getRequestedFor(urlPathEqualTo("/1.0"))
                .withHeader("Authorization", matching("Bearer eyJ.+")));
        assertThat(requests).hasSize(2);
        String token = requests.get(0).getHeader("Authorization").substring("Bearer ".length());
        assertThat(JwtClaims.read(token).text("sub")).as("a client_credentials token").isEqualTo("ci");
        assertThat(JwtClaims.read(token).text("iss")).isEqualTo(provider.issuer());
        assertThat(requests.get(1).getHeader("Authorization").equals(requests.get(0).getHeader("Authorization")))
                .as("the second request reused the five-minute token (renewal: OAuth2TokenRenewalTest)").isTrue();
    }

    @Test
    void theHealthShowsWhoIsTrustedAndExplainsARefusedToken() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(IncusStub.sync("{\"api_version\":\"1.0\",\"auth\":\"trusted\","
                        + "\"auth_user_name\":\"ci\",\"auth_user_method\":\"oidc\",\"environment\":{\"server_version\":"
                        + "\"6.0.4\",\"project\":\"default\"}}"))));
        String expired = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJleHBpcmVkIn0.ZXhwaXJlZC1zaWduYXR1cmU";
        incus.stubFor(get(urlPathEqualTo("/1.0")).withHeader("Authorization", equalTo("Bearer " + expired))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withHeader("X-Incus-OIDC-issuer", provider.issuer())
                        .withHeader("X-Incus-OIDC-clientid", "incus")
                        .withBody(IncusStub.error(401, "Failed to authenticate: token has expired"))));

        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues("incus.oidc.token=" + TOKEN)
                .run(context -> assertThat(health(context).getDetails()).containsEntry("authUserMethod", "oidc")
                        .containsEntry("authUserName", "ci"));
        runner.withPropertyValues(IncusStub.clientProperties(incus)).withPropertyValues("incus.oidc.token=" + expired)
                .run(context -> {
                    Health health = health(context);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("reason", "unauthenticated")
                            .containsEntry("authFailure", "expired")
                            .containsEntry("oidcIssuer", provider.issuer());
                    assertThat((String) health.getDetails().get("hint")).contains("a fixed incus.oidc.token cannot be "
                            + "renewed, use incus.oidc.registration");
                    assertThat((String) health.getDetails().get("error")).contains("token has expired");
                    assertThat(health.getDetails().toString()).doesNotContain(expired);
                });
    }

    private String[] registration() {
        return new String[] {"incus.oidc.registration=incus",
            "spring.security.oauth2.client.registration.incus.client-id=ci",
            "spring.security.oauth2.client.registration.incus.client-secret=" + SECRET,
            "spring.security.oauth2.client.registration.incus.authorization-grant-type=client_credentials",
            "spring.security.oauth2.client.registration.incus.provider=test",
            "spring.security.oauth2.client.provider.test.token-uri=" + provider.tokenEndpoint()};
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean("incusHealthContributor", ReactiveHealthIndicator.class).health()
                .block(Duration.ofSeconds(10));
    }

    private static IncusConfigurationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IncusConfigurationException configuration) {
                assertThat(configuration.getMessage()).doesNotContain(TOKEN);
                return configuration;
            }
        }
        throw new AssertionError("no IncusConfigurationException in " + context.getStartupFailure());
    }
}
