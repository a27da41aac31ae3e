package io.github.incus4j.spring.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.test.oidc.OidcClient;
import io.github.incus4j.test.oidc.OidcProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * How the tokens of {@code incus.oidc.registration} are renewed, seen where a user would look: the
 * stand-in daemon records every bearer token it gets (and, like Incus, refuses one past its
 * {@code exp}), and a WireMock proxy in front of {@code incus-test}'s identity provider counts the
 * requests to its token endpoint. Tokens are never compared in assertion messages, which would print
 * them.
 */
class OAuth2TokenRenewalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "ci-Secret-5c1d93";
    /** What Incus 6.0.4 answers for a token past its {@code exp}. */
    private static final String EXPIRED = "Failed to authenticate: token has expired";
    /** The name the unnamed client's tokens are kept under in Spring Security. */
    private static final String PRINCIPAL = "incus";

    @RegisterExtension
    static WireMockExtension incus = IncusStub.server();

    @RegisterExtension
    static WireMockExtension tokenEndpoint = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** Five-minute tokens, the provider's default. */
    private static OidcProvider provider;
    /** Twenty-second tokens, as OidcStarterIntegrationTest's provider issues them. */
    private static OidcProvider shortLived;
    /** Four-second tokens, to watch one being renewed. */
    private static OidcProvider fleeting;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
                    IncusAutoConfiguration.class))
            .withPropertyValues(IncusStub.clientProperties(incus))
            .withPropertyValues("incus.oidc.registration=incus",
                    "spring.security.oauth2.client.registration.incus.client-id=ci",
                    "spring.security.oauth2.client.registration.incus.client-secret=" + SECRET,
                    "spring.security.oauth2.client.registration.incus.authorization-grant-type=client_credentials",
                    "spring.security.oauth2.client.registration.incus.provider=test",
                    "spring.security.oauth2.client.provider.test.token-uri=http://127.0.0.1:" + tokenEndpoint.getPort()
                            + "/token");

    @BeforeAll
    static void startProviders() {
        provider = start(Duration.ofMinutes(5));
        shortLived = start(Duration.ofSeconds(20));
        fleeting = start(Duration.ofSeconds(4));
    }

    @AfterAll
    static void stopProviders() {
        for (OidcProvider started : new OidcProvider[] {provider, shortLived, fleeting}) {
            if (started != null) {
                started.close();
            }
        }
    }

    @Test
    void aTokenIncusRefusesAsExpiredIsReplacedAndTheRequestSentAgain() {
        tokensFrom(provider);
        // Incus refuses the first token as expired although it is not (the clocks disagree), then
        // accepts what it gets.
        incus.stubFor(get(urlPathEqualTo("/1.0")).inScenario("clocks").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(refusedAsExpired()).willSetStateTo("renewed"));
        incus.stubFor(get(urlPathEqualTo("/1.0")).inScenario("clocks").whenScenarioStateIs("renewed")
                .willReturn(okJson(IncusStub.server(true))));

        runner.run(context -> {
            assertThat(context).hasNotFailed();
            IncusClient client = context.getBean(IncusClient.class);

            Server server = client.server().get().block(WAIT);

            assertThat(server.isTrusted()).as("the caller gets the daemon's answer, not the refusal").isTrue();
            List<String> sent = bearers();
            assertThat(sent.size()).as("requests to Incus: the refused one and the one sent again").isEqualTo(2);
            assertThat(sent.get(1).equals(sent.get(0))).as("the request was sent again with another token").isFalse();
            assertThat(JwtClaims.read(sent.get(1)).text("sub")).as("a client_credentials token").isEqualTo("ci");
            assertThat(JwtClaims.read(sent.get(1)).text("iss")).isEqualTo(provider.issuer());
            assertThat(tokenRequests()).as("requests to the token endpoint: the new token came from there")
                    .isEqualTo(2);
            // A five-minute token is far from its expiry: Spring Security's manager handed out a new
            // one only because the refused one was removed from its authorized client service.
            OAuth2AuthorizedClient kept = context.getBean(OAuth2AuthorizedClientService.class)
                    .loadAuthorizedClient("incus", PRINCIPAL);
            assertThat(kept).as("Spring Security's authorized client of the registration").isNotNull();
            assertThat(kept.getAccessToken().getTokenValue().equals(sent.get(1)))
                    .as("Spring Security keeps the new token in place of the refused one").isTrue();

            assertThat(client.server().get().block(WAIT).isTrusted()).isTrue();
            assertThat(bearers().size()).isEqualTo(3);
            assertThat(bearers().get(2).equals(sent.get(1))).as("the next request uses the new token").isTrue();
            assertThat(tokenRequests()).as("and fetches none").isEqualTo(2);
        });
    }

    @Test
    void aShortLivedTokenServesManyRequestsRatherThanOneTokenPerRequest() {
        tokensFrom(shortLived);
        incusAcceptsTokensUntilTheyExpire();

        runner.run(context -> {
            IncusClient client = context.getBean(IncusClient.class);
            for (int i = 0; i < 5; i++) {
                assertThat(client.server().get().block(WAIT).isTrusted()).isTrue();
            }

            assertThat(bearers().size()).isEqualTo(5);
            assertThat(bearers().stream().distinct().count()).as("different tokens sent in five quick requests")
                    .isEqualTo(1);
            assertThat(tokenRequests()).as("requests to the token endpoint for 20-second tokens").isEqualTo(1);
        });
    }

    @Test
    void aTokenIsRenewedBeforeItExpiresSoIncusNeverRefusesOne() {
        tokensFrom(fleeting);
        incusAcceptsTokensUntilTheyExpire();

        runner.run(context -> {
            IncusClient client = context.getBean(IncusClient.class);
            assertThat(client.server().get().block(WAIT).isTrusted()).isTrue();
            // A four-second token is renewed when less than a quarter of its lifetime is left.
            Thread.sleep(3_300);
            assertThat(client.server().get().block(WAIT).isTrusted()).isTrue();

            List<String> sent = bearers();
            assertThat(sent.size()).as("requests to Incus: none was refused and sent again").isEqualTo(2);
            assertThat(sent.get(1).equals(sent.get(0))).as("the second request carried a renewed token").isFalse();
            assertThat(tokenRequests()).isEqualTo(2);
        });
        assertThat(incus.getAllServeEvents()).extracting(event -> event.getResponse().getStatus())
                .as("statuses Incus answered").containsOnly(200);
    }

    private static OidcProvider start(Duration lifetime) {
        return OidcProvider.builder().client(OidcClient.publicClient("incus"))
                .client(OidcClient.confidential("ci", SECRET)).accessTokenLifetime(lifetime).start();
    }

    /** The token endpoint the registration names forwards to a provider's. */
    private static void tokensFrom(OidcProvider issuer) {
        tokenEndpoint.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().proxiedFrom(issuer.issuer())));
    }

    /** Like Incus, which allows no clock skew: a token past its {@code exp} is refused, others trusted. */
    private static void incusAcceptsTokensUntilTheyExpire() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).atPriority(1)
                .andMatching(request -> MatchResult.of(pastItsExpiry(request))).willReturn(refusedAsExpired()));
        incus.stubFor(get(urlPathEqualTo("/1.0")).atPriority(2).willReturn(okJson(IncusStub.server(true))));
    }

    private static boolean pastItsExpiry(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = JwtClaims.read(authorization.substring("Bearer ".length())).expiry();
        return expiry != null && Instant.now().isAfter(expiry);
    }

    private static ResponseDefinitionBuilder refusedAsExpired() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withHeader("X-Incus-OIDC-issuer", provider.issuer()).withHeader("X-Incus-OIDC-clientid", "incus")
                .withBody(IncusStub.error(401, EXPIRED));
    }

    /** The bearer tokens Incus got, oldest first. */
    private static List<String> bearers() {
        return incus.findAll(getRequestedFor(urlPathEqualTo("/1.0"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> request.getHeader("Authorization"))
                .map(header -> header != null && header.startsWith("Bearer ") ? header.substring(7) : "")
                .toList();
    }

    /** How many token requests the provider got (a number: the requests carry the client secret). */
    private static int tokenRequests() {
        return tokenEndpoint.findAll(postRequestedFor(urlPathEqualTo("/token"))).size();
    }
}
