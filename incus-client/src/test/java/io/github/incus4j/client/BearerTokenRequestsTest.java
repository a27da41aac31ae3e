package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusAuthenticationException.Reason;
import io.github.incus4j.client.exception.IncusAuthenticationException;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens against a stand-in daemon: the header, the daemon's 401 answers (their texts as
 * Incus 6.0.4 writes them) as {@link IncusAuthenticationException}s with the daemon's OIDC
 * headers, and the refresh rule: once, only after an expiry, only for a request that can be sent
 * again. The real daemon's answers are checked by {@code it.OidcIntegrationTest}.
 */
class BearerTokenRequestsTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.first-signature";
    private static final String FRESH = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.fresh-signature";
    private static final String EXPIRED_TEXT = "Failed to authenticate: token has expired";

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    @Test
    void everyRequestCarriesTheTokenAsABearer() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(json(200, sync("{\"auth\":\"trusted\"}"))));
        IncusClientBuilder builder = WireMockIncus.client(wireMock).bearerToken(TOKEN);

        try (IncusClient client = builder.build()) {
            assertThat(client.server().get().block().isTrusted()).isTrue();
            assertThat(client.project("other").server().get().block().isTrusted()).isTrue();
        }

        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/1.0")).withHeader("Authorization", equalTo("Bearer "
                + TOKEN)));
        assertThat(builder.toString()).contains("bearerToken=set").doesNotContain(TOKEN);
        assertThat(IncusTokenSource.of(TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0")).willReturn(json(200, sync("{\"auth\":\"trusted\"}"))));

        try (IncusClient client = WireMockIncus.client(wireMock).build()) {
            client.server().get().block();
        }

        wireMock.verify(getRequestedFor(urlPathEqualTo("/1.0")).withHeader("Authorization", absent()));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "Failed to authenticate: token has expired|EXPIRED|renewed before they expire",
        "Failed to authenticate: invalid signature (signature verification failed: go-jose/go-jose: error in "
                + "cryptographic primitive)|INVALID_SIGNATURE|does not verify with the keys",
        "Failed to authenticate: invalid signature (unable to validate signature: no possible keys matches)"
                + "|INVALID_SIGNATURE|does not verify with the keys",
        "Failed to authenticate: issuer does not match: Expected: http://127.0.0.1:8080, got: http://127.0.0.1:1"
                + "|WRONG_ISSUER|must match exactly",
        "Failed to authenticate: Provided OIDC token doesn't allow the configured audience|WRONG_AUDIENCE"
                + "|requires the audience 'incus'",
        "Failed to authenticate: Failed calling OIDC discovery endpoint: OpenID Provider Configuration Discovery "
                + "has failed|PROVIDER_UNREACHABLE|could not reach its identity provider",
        "Failed to authenticate: parsing of request failed: token contains an invalid number of segments"
                + "|MALFORMED_TOKEN|not a JSON Web Token",
        "Failed to authenticate: parsing of request failed: malformed jwt payload: illegal base64 data at input "
                + "byte 3|MALFORMED_TOKEN|not a JSON Web Token",
        "Failed to authenticate: invalid character 'h' in literal true (expecting 'r')|MALFORMED_TOKEN"
                + "|not a JSON Web Token",
        "Failed to authenticate: Bad authorization token, expected a Bearer token|MALFORMED_TOKEN"
                + "|not a JSON Web Token",
        "Failed to authenticate: oidc: json: cannot unmarshal array into Go struct field atcAlias.scope of type "
                + "string into *oidc.atcAlias|UNSUPPORTED_CLAIM|scope",
        "Failed to authenticate: something new|OTHER|Incus refused the bearer token"})
    void everyRefusalIsAnAuthenticationExceptionSayingWhichAndWhatToDo(String text, Reason reason, String advice) {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(refusal(text)));

        try (IncusClient client = WireMockIncus.client(wireMock).bearerToken(TOKEN).build()) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block());

            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.serverMessage()).isEqualTo(text);
            assertThat(refused.isServerError()).isFalse();
            assertThat(refused.oidcIssuer()).isEqualTo("https://sso.example.net/realms/incus");
            assertThat(refused.oidcClientId()).isEqualTo("incus-cli");
            assertThat(refused.oidcAudience()).isEqualTo("incus");
            assertThat(refused.freshTokenRefused()).isFalse();
            assertThat(refused.getMessage()).startsWith("GET /1.0/instances failed with HTTP 401: " + text)
                    .contains(advice)
                    .contains("issuer https://sso.example.net/realms/incus, client id incus-cli, audience incus")
                    .doesNotContain(TOKEN);
            assertThat(refused).hasToString(IncusAuthenticationException.class.getName() + ": "
                    + refused.getMessage());
        }
    }

    @Test
    void aTokenQuotedByTheDaemonIsTakenOutOfTheMessage() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(refusal("Failed to authenticate: bad "
                + "token '" + TOKEN + "'")));

        try (IncusClient client = WireMockIncus.client(wireMock).bearerToken(TOKEN).build()) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block());

            assertThat(refused.serverMessage()).isEqualTo("Failed to authenticate: bad token '[bearer token]'");
            assertThat(refused.getMessage()).doesNotContain(TOKEN);
        }
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheRequestSentAgain() {
        wireMock.stubFor(bearer(get(urlPathEqualTo("/1.0/instances")), TOKEN).willReturn(refusal(EXPIRED_TEXT)));
        wireMock.stubFor(bearer(get(urlPathEqualTo("/1.0/instances")), FRESH).willReturn(json(200,
                sync("[\"/1.0/instances/c1\"]"))));
        CountingSource source = new CountingSource(TOKEN, FRESH);

        try (IncusClient client = WireMockIncus.client(wireMock).bearerTokens(source).build()) {
            assertThat(client.instances().listNames().block()).containsExactly("c1");
        }

        assertThat(source.tokenCalls).hasValue(1);
        assertThat(source.refreshed).containsExactly(TOKEN);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/1.0/instances")));
    }

    @Test
    void aFreshTokenThatIsRefusedTooEndsTheRequestWithoutAThirdAttempt() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(refusal(EXPIRED_TEXT)));
        CountingSource source = new CountingSource(TOKEN, FRESH);

        try (IncusClient client = WireMockIncus.client(wireMock).bearerTokens(source).build()) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block());

            assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(refused.freshTokenRefused()).isTrue();
            assertThat(refused.getMessage()).contains("asked once for a fresh token").doesNotContain(TOKEN)
                    .doesNotContain(FRESH);
        }

        assertThat(source.tokenCalls).hasValue(1);
        assertThat(source.refreshed).hasSize(1);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/1.0/instances")));
    }

    @Test
    void aSourceThatGivesTheRefusedTokenAgainIsNotAskedToSendItTwice() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(refusal(EXPIRED_TEXT)));
        CountingSource source = new CountingSource(TOKEN, TOKEN);

        try (IncusClient client = WireMockIncus.client(wireMock).bearerTokens(source).build()) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block());
            assertThat(refused.freshTokenRefused()).isFalse();
        }

        assertThat(source.refreshed).hasSize(1);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/1.0/instances")));
    }

    @Test
    void aFixedTokenIsNeverRenewed() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(refusal(EXPIRED_TEXT)));

        try (IncusClient client = WireMockIncus.client(wireMock).bearerToken(TOKEN).build()) {
            assertThat(catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block()).reason()).isEqualTo(Reason.EXPIRED);
        }

        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/1.0/instances")));
    }

    @Test
    void otherRefusalsAreNotRetried() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances")).willReturn(refusal("Failed to authenticate: invalid "
                + "signature (unable to validate signature: no possible keys matches)")));
        CountingSource source = new CountingSource(TOKEN, FRESH);

        try (IncusClient client = WireMockIncus.client(wireMock).bearerTokens(source).build()) {
            assertThat(catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block()).reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        }

        assertThat(source.refreshed).isEmpty();
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/1.0/instances")));
    }

    @Test
    void aStreamedBodyIsNotSentTwice() {
        wireMock.stubFor(post(urlPathEqualTo("/1.0/instances/c1/files")).willReturn(refusal(EXPIRED_TEXT)));
        CountingSource source = new CountingSource(TOKEN, FRESH);
        IncusRequest upload = IncusRequest.of(HttpMethod.POST, "/1.0/instances/c1/files")
                .body(new IncusRequest.Body(BodyInserters.fromValue(new byte[] {1, 2, 3}),
                        MediaType.APPLICATION_OCTET_STREAM))
                .build();

        try (IncusClient client = WireMockIncus.client(wireMock).bearerTokens(source).build()) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> ClientInternals.http(client).send(upload).block());
            assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
        }

        assertThat(source.refreshed).isEmpty();
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/1.0/instances/c1/files")));
    }

    @Test
    void aJsonBodyIsSentAgainWithTheFreshToken() {
        wireMock.stubFor(bearer(post(urlPathEqualTo("/1.0/profiles")), TOKEN).willReturn(refusal(EXPIRED_TEXT)));
        wireMock.stubFor(bearer(post(urlPathEqualTo("/1.0/profiles")), FRESH).willReturn(json(200, sync("{}"))));
        CountingSource source = new CountingSource(TOKEN, FRESH);
        IncusRequest create = IncusRequest.of(HttpMethod.POST, "/1.0/profiles")
                .body(IncusRequest.Body.json(java.util.Map.of("name", "p1"))).build();

        try (IncusClient client = WireMockIncus.client(wireMock).bearerTokens(source).build()) {
            ClientInternals.http(client).send(create).block();
        }

        wireMock.verify(2, postRequestedFor(urlPathEqualTo("/1.0/profiles"))
                .withRequestBody(equalTo("{\"name\":\"p1\"}")));
    }

    @Test
    void aFailingTokenSourceFailsTheRequestBeforeAnythingIsSent() {
        IncusTokenSource broken = () -> Mono.error(new IllegalStateException("the token endpoint answered 503"));

        try (IncusClient client = WireMockIncus.client(wireMock).bearerTokens(broken).build()) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block());

            assertThat(refused.reason()).isEqualTo(Reason.TOKEN_UNAVAILABLE);
            assertThat(refused.status()).isZero();
            assertThat(refused.getCause()).hasMessage("the token endpoint answered 503");
            assertThat(refused.getMessage()).isEqualTo("GET /1.0/instances was not sent: the client's bearer token "
                    + "source gave no usable token (the token endpoint answered 503). Check the IncusTokenSource given "
                    + "to IncusClient.builder().bearerTokens(...) (with Spring Boot: incus.oidc.*, or the incus "
                    + "command line's sign-in for an OIDC remote)");
        }

        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void aSourceThatThrowsGivesNothingOrAMalformedTokenFailsTheRequestWithoutQuotingIt() {
        IncusTokenSource throwing = () -> {
            throw new IllegalStateException("the vault is sealed");
        };
        try (IncusClient thrower = WireMockIncus.client(wireMock).bearerTokens(throwing).build()) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> thrower.instances().listNames().block());
            assertThat(refused.reason()).isEqualTo(Reason.TOKEN_UNAVAILABLE);
            assertThat(refused.getCause()).hasMessage("the vault is sealed");
        }
        try (IncusClient empty = WireMockIncus.client(wireMock).bearerTokens(Mono::empty).build();
                IncusClient prefixed = WireMockIncus.client(wireMock)
                        .bearerTokens(() -> Mono.just("Bearer " + TOKEN)).build()) {
            assertThat(catchThrowableOfType(IncusAuthenticationException.class,
                    () -> empty.instances().listNames().block()).getMessage()).contains("the token source gave no "
                            + "token");
            assertThat(catchThrowableOfType(IncusAuthenticationException.class,
                    () -> prefixed.instances().listNames().block()).getMessage())
                    .contains("starts with 'Bearer ': give the access token alone").doesNotContain(TOKEN);
        }

        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    private static MappingBuilder bearer(MappingBuilder request, String token) {
        return request.withHeader("Authorization", equalTo("Bearer " + token));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refusal(String text) {
        return json(401, error(401, text))
                .withHeader("X-Incus-OIDC-issuer", "https://sso.example.net/realms/incus")
                .withHeader("X-Incus-OIDC-clientid", "incus-cli")
                .withHeader("X-Incus-OIDC-audience", "incus");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Gives one token, then a fixed "fresh" one, counting what it is asked. */
    private static final class CountingSource implements IncusTokenSource {
        private final String first;
        private final String fresh;
        final AtomicInteger tokenCalls = new AtomicInteger();
        final List<String> refreshed = new ArrayList<>();

        CountingSource(String first, String fresh) {
            this.first = first;
            this.fresh = fresh;
        }

        @Override
        public Mono<String> token() {
            return Mono.fromSupplier(() -> {
                tokenCalls.incrementAndGet();
                return first;
            });
        }

        @Override
        public Mono<String> refresh(String rejected) {
            return Mono.fromSupplier(() -> {
                synchronized (refreshed) {
                    refreshed.add(rejected);
                }
                return fresh;
            });
        }
    }
}
