package io.github.incus4j.test.oidc;

import static io.github.incus4j.test.oidc.OidcHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the real daemon answers to bearer tokens from the test provider, over HTTPS without a client
 * certificate. The daemon is shared with other test classes: its oidc.* settings are reset after
 * every test that changes them and after the class.
 */
@IncusIntegrationTest
class OidcIncusIntegrationTest {

    private static final OidcUser ALICE = OidcUser.of("alice", "alice@example.com");
    private static final String CI_SECRET = "ci-secret";

    private static OidcProvider provider;
    private static IncusOidcConfig config;
    private static IncusHttps https;
    private static IncusDaemon daemon;

    @BeforeAll
    static void pointTheDaemonAtTheProvider(IncusDaemon incus) throws Exception {
        daemon = incus;
        provider = OidcProvider.builder()
                .client(OidcClient.publicClient("incus"))
                .client(OidcClient.confidential("ci", CI_SECRET))
                .user(ALICE)
                .start();
        config = IncusOidcConfig.forProvider(provider);
        config.applyTo(daemon);
        https = new IncusHttps(daemon);
    }

    @AfterAll
    static void resetTheDaemon() {
        OidcCleanup.resetAndStop(daemon, provider);
    }

    /** Tests that change the settings put the class's own back. */
    @AfterEach
    void restoreTheSettings() {
        if (!daemon.incusOrFail("config", "get", "oidc.audience").isBlank()
                || !daemon.incusOrFail("config", "get", "oidc.claim").isBlank()
                || !daemon.incusOrFail("config", "get", "oidc.issuer").strip().equals(provider.issuer())) {
            config.applyTo(daemon);
        }
    }

    @Test
    void aGoodTokenIsTrustedAsTheUsersEmail() throws Exception {
        IncusHttps.Answer server = https.get("/1.0", provider.token().mint());

        assertThat(server.status()).as(server.toString()).isEqualTo(200);
        assertThat(server.metadata()).containsEntry("auth", "trusted").containsEntry("auth_user_method", "oidc")
                .containsEntry("auth_user_name", "alice@example.com");
        assertThat(https.get("/1.0/instances", provider.token().mint()).status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutATokenTheCallerIsUntrustedAndToldWhereToSignIn() throws Exception {
        IncusHttps.Answer server = https.get("/1.0", null);
        assertThat(server.status()).isEqualTo(200);
        assertThat(server.metadata()).containsEntry("auth", "untrusted");
        assertThat((List<Object>) server.metadata().get("auth_methods")).containsExactlyInAnyOrder("tls", "oidc");

        IncusHttps.Answer instances = https.get("/1.0/instances", null);

        assertThat(instances.status()).isEqualTo(403);
        assertThat(instances.error()).isEqualTo("not authorized");
        assertThat(instances.header("X-Incus-OIDC-issuer")).isEqualTo(provider.issuer());
        assertThat(instances.header("X-Incus-OIDC-clientid")).isEqualTo("incus");
        assertThat(instances.raw().headers().map()).containsKey("x-incus-oidc-audience");
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        assertRejected(provider.token().expired().mint(), "Failed to authenticate: token has expired");
    }

    @Test
    void aTokenThatIsNotAJwtIs401() throws Exception {
        assertRejected(MalformedTokens.notAJwt(),
                "Failed to authenticate: parsing of request failed: token contains an invalid number of segments");
    }

    @Test
    void aTokenWhosePayloadIsNotBase64Is401() throws Exception {
        assertRejected(MalformedTokens.undecodablePayload(),
                "Failed to authenticate: parsing of request failed: malformed jwt payload: illegal base64 data at input byte 3");
    }

    @Test
    void aTokenWhosePayloadIsNotJsonIs401() throws Exception {
        assertRejected(MalformedTokens.nonJsonPayload(),
                "Failed to authenticate: invalid character 'h' in literal true (expecting 'r')");
    }

    @Test
    void aTokenFromAnotherIssuerIs401() throws Exception {
        assertRejected(provider.token().issuer("http://127.0.0.1:1").mint(),
                "Failed to authenticate: issuer does not match: Expected: " + provider.issuer() + ", got: http://127.0.0.1:1");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() throws Exception {
        assertRejected(provider.token().signedByRogueKey().mint(), "Failed to authenticate: invalid signature "
                + "(signature verification failed: go-jose/go-jose: error in cryptographic primitive)");
    }

    @Test
    void aTokenNamingAKeyTheProviderDoesNotHaveIs401() throws Exception {
        assertRejected(provider.token().keyId("no-such-key").mint(),
                "Failed to authenticate: invalid signature (unable to validate signature: no possible keys matches)");
    }

    @Test
    void notBeforeAndIssuedAtAreNotChecked() throws Exception {
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        String early = provider.token().issuedAt(inAnHour).expiresAt(inAnHour.plus(Duration.ofMinutes(5)))
                .notBefore(inAnHour).mint();

        assertThat(https.get("/1.0", early).metadata()).containsEntry("auth", "trusted");
    }

    @Test
    @SuppressWarnings("unchecked")
    void resettingRemovesEveryOidcSettingAndItsTraces() throws Exception {
        IncusOidcConfig.Applied full = config.withAudience("incus-api").withClaim("email").applyTo(daemon);
        assertThat(daemon.incusOrFail("config", "get", "oidc.claim").strip()).isEqualTo("email");

        full.close();

        for (String key : IncusOidcConfig.KEYS) {
            assertThat(daemon.incusOrFail("config", "get", key).strip()).as(key).isEmpty();
        }
        assertThat((List<Object>) https.get("/1.0", null).metadata().get("auth_methods")).containsExactly("tls");
        IncusHttps.Answer instances = https.get("/1.0/instances", null);
        assertThat(instances.status()).isEqualTo(403);
        assertThat(instances.raw().headers().map().keySet()).noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-incus-oidc"));
    }

    @Test
    void aLowercaseBearerSchemeIs401() throws Exception {
        IncusHttps.Answer answer = https.send(HttpRequest.newBuilder(https.uri("/1.0"))
                .header("Authorization", "bearer " + provider.token().mint()).GET().build());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("Failed to authenticate: Bad authorization token, expected a Bearer token");
    }

    @Test
    void withAnAudienceSetOnlyTokensForThatAudienceAreAccepted() throws Exception {
        config.withAudience("incus-api").applyTo(daemon);

        assertRejected(provider.token().audience("incus").mint(),
                "Failed to authenticate: Provided OIDC token doesn't allow the configured audience");
        assertRejected(provider.token().audience().mint(),
                "Failed to authenticate: Provided OIDC token doesn't allow the configured audience");
        assertThat(https.get("/1.0", provider.token().audience("incus-api").mint()).metadata())
                .containsEntry("auth", "trusted");
        assertThat(https.get("/1.0", provider.token().audience("other", "incus-api").mint()).metadata())
                .containsEntry("auth", "trusted");
        assertThat(https.get("/1.0/instances", null).header("X-Incus-OIDC-audience")).isEqualTo("incus-api");
    }

    @Test
    void withAClaimSetTheCallerIsNamedByItOrUntrustedWithoutIt() throws Exception {
        config.withClaim("preferred_username").applyTo(daemon);

        assertThat(https.get("/1.0", provider.token().claim("preferred_username", "al").mint()).metadata())
                .containsEntry("auth", "trusted").containsEntry("auth_user_name", "al");
        IncusHttps.Answer without = https.get("/1.0", provider.token().mint());
        assertThat(without.status()).isEqualTo(200);
        assertThat(without.metadata()).containsEntry("auth", "untrusted");
    }

    @Test
    void aClientCredentialsTokenIsTrustedAsTheClient() throws Exception {
        OidcHttp.Response tokens = OidcHttp.postForm(provider.tokenEndpoint(),
                form("grant_type", "client_credentials", "scope", "incus"), new String[] {"ci", CI_SECRET});

        IncusHttps.Answer server = https.get("/1.0", (String) tokens.json().get("access_token"));

        assertThat(server.metadata()).containsEntry("auth", "trusted").containsEntry("auth_user_method", "oidc")
                .containsEntry("auth_user_name", "ci");
    }

    @Test
    void aDeviceFlowTokenIsTrustedAsTheUser() throws Exception {
        Map<String, Object> started = OidcHttp.postForm(provider.deviceAuthorizationEndpoint(),
                form("client_id", "incus", "scope", "openid offline_access email")).json();
        OidcHttp.get(URI.create((String) started.get("verification_uri_complete")));
        Map<String, Object> tokens = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type",
                "urn:ietf:params:oauth:grant-type:device_code", "device_code", (String) started.get("device_code"),
                "client_id", "incus")).json();

        assertThat(https.get("/1.0", (String) tokens.get("access_token")).metadata())
                .containsEntry("auth", "trusted").containsEntry("auth_user_name", "alice@example.com");
    }

    @Test
    void afterAKeyRotationNewTokensWorkAndOldOnesStopOnceTheDaemonRefetched() throws Exception {
        String before = provider.token().mint();
        assertThat(https.get("/1.0", before).metadata()).containsEntry("auth", "trusted");

        provider.rotateSigningKey();

        // The daemon still has the old key cached: the old token passes until something makes it refetch.
        assertThat(https.get("/1.0", before).metadata()).containsEntry("auth", "trusted");
        // A token under the new key id is unknown to the cache, so the daemon fetches the JWKS again.
        assertThat(https.get("/1.0", provider.token().mint()).metadata()).containsEntry("auth", "trusted");
        IncusHttps.Answer old = https.get("/1.0", before);
        assertThat(old.status()).as(old.toString()).isEqualTo(401);
        assertThat(old.error()).isEqualTo(
                "Failed to authenticate: invalid signature (unable to validate signature: no possible keys matches)");
    }

    @Test
    void aProviderRestartedUnderTheSameIssuerIsPickedUpThroughItsNewKeyId() throws Exception {
        int port;
        String earlier;
        IncusOidcConfig.Applied applied;
        try (OidcProvider first = OidcProvider.start()) {
            port = first.port();
            applied = IncusOidcConfig.forProvider(first).applyTo(daemon);
            earlier = first.token().mint();
            assertThat(https.get("/1.0", earlier).metadata()).containsEntry("auth", "trusted");
        }
        // The daemon verifies offline with the keys it cached: the issuer being down does not matter.
        assertThat(https.get("/1.0", earlier).metadata()).containsEntry("auth", "trusted");

        try (OidcProvider second = OidcProvider.builder().port(port).start()) {
            IncusHttps.Answer answer = https.get("/1.0", second.token().mint());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.metadata()).containsEntry("auth", "trusted");
            applied.reload();
            assertThat(https.get("/1.0", second.token().mint()).metadata()).containsEntry("auth", "trusted");
            assertThat(https.get("/1.0", earlier).status()).isEqualTo(401);
        }
    }

    private static void assertRejected(String token, String message) throws Exception {
        for (String path : List.of("/1.0", "/1.0/instances")) {
            IncusHttps.Answer answer = https.get(path, token);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo(message);
            assertThat(answer.header("X-Incus-OIDC-issuer")).isEqualTo(provider.issuer());
        }
    }
}
