package io.github.incus4j.test.oidc;

import static io.github.incus4j.test.oidc.OidcHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device authorization grant over HTTP, as the incus command line runs it: a public client
 * sending an empty client_secret and the scopes {@code openid offline_access email}; then refresh.
 */
class DeviceFlowTest {

    private static final String CLI_SCOPES = "openid offline_access email";
    private static final OidcUser ALICE = OidcUser.of("alice", "alice@example.com");
    private static final OidcUser BOB = OidcUser.withoutEmail("bob");
    private static OidcProvider provider;

    @BeforeAll
    static void start() {
        provider = OidcProvider.builder()
                .client(OidcClient.publicClient("incus"))
                .client(OidcClient.confidential("other", "other-secret"))
                .user(ALICE)
                .user(BOB)
                .start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void theCommandLinesFlowEndToEnd() throws Exception {
        Map<String, Object> started = startFlow("incus", CLI_SCOPES, null);
        String deviceCode = (String) started.get("device_code");
        String userCode = (String) started.get("user_code");
        assertThat(userCode).matches("[B-Z]{4}-[B-Z]{4}");
        assertThat(started).containsEntry("verification_uri", provider.issuer() + "/device")
                .containsEntry("verification_uri_complete", provider.issuer() + "/device?user_code=" + userCode)
                .containsEntry("interval", 1L).containsEntry("expires_in", 300L);

        OidcHttp.Response pending = poll("incus", deviceCode);
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.json()).containsEntry("error", "authorization_pending");

        OidcHttp.Response approval = OidcHttp.get(URI.create((String) started.get("verification_uri_complete")));
        assertThat(approval.status()).isEqualTo(200);
        assertThat(approval.body()).contains("Approved").contains("alice");

        OidcHttp.Response granted = poll("incus", deviceCode);
        assertThat(granted.status()).isEqualTo(200);
        Map<String, Object> tokens = granted.json();
        assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("scope", CLI_SCOPES)
                .containsKeys("access_token", "refresh_token", "id_token", "expires_in");
        Map<String, Object> access = Jwts.claims((String) tokens.get("access_token"));
        assertThat(access).containsEntry("iss", provider.issuer()).containsEntry("sub", "alice")
                .containsEntry("email", "alice@example.com").containsEntry("aud", "incus")
                .containsEntry("scope", CLI_SCOPES).containsEntry("client_id", "incus");
        Map<String, Object> id = Jwts.claims((String) tokens.get("id_token"));
        assertThat(id).containsEntry("sub", "alice").containsEntry("aud", "incus").containsKey("auth_time")
                .doesNotContainKey("scope");

        OidcHttp.Response again = poll("incus", deviceCode);
        assertThat(again.json()).containsEntry("error", "invalid_grant");
    }

    @Test
    void refreshTokensAreSingleUseAndGiveNewTokens() throws Exception {
        Map<String, Object> first = approvedTokens("incus", CLI_SCOPES, "");
        String refresh = (String) first.get("refresh_token");

        OidcHttp.Response refreshed = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type", "refresh_token",
                "refresh_token", refresh, "client_id", "incus", "client_secret", "", "scope", CLI_SCOPES));

        assertThat(refreshed.status()).isEqualTo(200);
        Map<String, Object> second = refreshed.json();
        assertThat(second.get("refresh_token")).isNotNull().isNotEqualTo(refresh);
        assertThat(second.get("access_token")).isNotEqualTo(first.get("access_token"));
        assertThat(Jwts.claims((String) second.get("access_token"))).containsEntry("sub", "alice")
                .containsEntry("email", "alice@example.com");
        OidcHttp.Response replay = OidcHttp.postForm(provider.tokenEndpoint(),
                form("grant_type", "refresh_token", "refresh_token", refresh, "client_id", "incus"));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json()).containsEntry("error", "invalid_grant");
    }

    @Test
    void aRefreshCanNarrowButNotWidenTheScopes() throws Exception {
        Map<String, Object> tokens = approvedTokens("incus", "offline_access email", "");

        OidcHttp.Response wider = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type", "refresh_token",
                "refresh_token", (String) tokens.get("refresh_token"), "client_id", "incus", "scope", "offline_access admin"));
        assertThat(wider.json()).containsEntry("error", "invalid_scope");

        Map<String, Object> again = approvedTokens("incus", "offline_access email", "");
        OidcHttp.Response narrower = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type", "refresh_token",
                "refresh_token", (String) again.get("refresh_token"), "client_id", "incus", "scope", "offline_access"));
        assertThat(narrower.status()).isEqualTo(200);
        assertThat(Jwts.claims((String) narrower.json().get("access_token")))
                .containsEntry("scope", "offline_access").doesNotContainKey("email");
    }

    @Test
    void anotherClientCannotUseTheRefreshToken() throws Exception {
        Map<String, Object> tokens = approvedTokens("incus", CLI_SCOPES, "");

        OidcHttp.Response stolen = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type", "refresh_token",
                "refresh_token", (String) tokens.get("refresh_token")), new String[] {"other", "other-secret"});

        assertThat(stolen.json()).containsEntry("error", "invalid_grant");
    }

    @Test
    void withoutOfflineAccessOrOpenidThereIsNoRefreshOrIdToken() throws Exception {
        Map<String, Object> tokens = approvedTokens("incus", "email", "");

        assertThat(tokens).containsKey("access_token").doesNotContainKeys("refresh_token", "id_token");
    }

    @Test
    void theVerificationUrlCanPickAnotherUser() throws Exception {
        Map<String, Object> tokens = approvedTokens("incus", CLI_SCOPES, "&user=bob");

        assertThat(Jwts.claims((String) tokens.get("access_token"))).containsEntry("sub", "bob").doesNotContainKey("email");
    }

    @Test
    void theAudienceAskedForBecomesTheAccessTokensAudience() throws Exception {
        Map<String, Object> started = startFlow("incus", CLI_SCOPES, "incus-api");
        OidcHttp.get(URI.create((String) started.get("verification_uri_complete")));

        Map<String, Object> tokens = poll("incus", (String) started.get("device_code")).json();

        assertThat(Jwts.claims((String) tokens.get("access_token"))).containsEntry("aud", "incus-api");
        assertThat(Jwts.claims((String) tokens.get("id_token"))).containsEntry("aud", "incus");
    }

    @Test
    void aDeniedCodeGivesAccessDenied() throws Exception {
        Map<String, Object> started = startFlow("incus", CLI_SCOPES, null);
        String userCode = (String) started.get("user_code");

        OidcHttp.Response denial = OidcHttp.get(URI.create(provider.issuer() + "/device?deny=true&user_code=" + userCode));
        assertThat(denial.status()).isEqualTo(200);
        assertThat(denial.body()).startsWith("Denied");
        assertThat(OidcHttp.get(URI.create(provider.verificationUri() + "?user_code=" + userCode)).status()).isEqualTo(409);

        assertThat(poll("incus", (String) started.get("device_code")).json()).containsEntry("error", "access_denied");
    }

    @Test
    void userCodesAreMatchedWithoutCaseOrDash() throws Exception {
        Map<String, Object> started = startFlow("incus", CLI_SCOPES, null);
        String typed = ((String) started.get("user_code")).replace("-", "").toLowerCase();

        assertThat(OidcHttp.get(URI.create(provider.verificationUri() + "?user_code=" + typed)).status()).isEqualTo(200);
    }

    @Test
    void theVerificationUrlExplainsItselfAndRejectsUnknownCodesAndUsers() throws Exception {
        OidcHttp.Response bare = OidcHttp.get(provider.verificationUri());
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.body()).contains("?user_code=");
        assertThat(OidcHttp.get(URI.create(provider.verificationUri() + "?user_code=BBBB-BBBB")).status()).isEqualTo(404);
        Map<String, Object> started = startFlow("incus", CLI_SCOPES, null);
        OidcHttp.Response nobody = OidcHttp.get(URI.create((String) started.get("verification_uri_complete") + "&user=nobody"));
        assertThat(nobody.status()).isEqualTo(400);
    }

    @Test
    void onlyTheClientThatStartedTheFlowCanPoll() throws Exception {
        Map<String, Object> started = startFlow("incus", CLI_SCOPES, null);
        OidcHttp.get(URI.create((String) started.get("verification_uri_complete")));

        OidcHttp.Response foreign = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type",
                "urn:ietf:params:oauth:grant-type:device_code", "device_code", (String) started.get("device_code")),
                new String[] {"other", "other-secret"});

        assertThat(foreign.json()).containsEntry("error", "invalid_grant");
        assertThat(poll("incus", (String) started.get("device_code")).status()).isEqualTo(200);
    }

    @Test
    void aConfidentialClientCanUseTheFlowWithItsSecret() throws Exception {
        OidcHttp.Response started = OidcHttp.postForm(provider.deviceAuthorizationEndpoint(),
                form("scope", "email"), new String[] {"other", "other-secret"});
        assertThat(started.status()).isEqualTo(200);
        OidcHttp.Response withoutSecret = OidcHttp.postForm(provider.deviceAuthorizationEndpoint(),
                form("client_id", "other", "scope", "email"));
        assertThat(withoutSecret.status()).isEqualTo(401);
    }

    @Test
    void idTokensHaveALifetimeOfTheirOwn() throws Exception {
        try (OidcProvider shortLived = OidcProvider.builder().accessTokenLifetime(Duration.ofSeconds(2))
                .idTokenLifetime(Duration.ofMinutes(7)).start()) {
            Map<String, Object> started = OidcHttp.postForm(shortLived.deviceAuthorizationEndpoint(),
                    form("client_id", "incus", "scope", CLI_SCOPES)).json();
            OidcHttp.get(URI.create((String) started.get("verification_uri_complete")));
            Map<String, Object> tokens = OidcHttp.postForm(shortLived.tokenEndpoint(), form("grant_type",
                    "urn:ietf:params:oauth:grant-type:device_code", "device_code", (String) started.get("device_code"),
                    "client_id", "incus")).json();

            assertThat(tokens).containsEntry("expires_in", 2L);
            assertThat(lifetime((String) tokens.get("access_token"))).isEqualTo(2);
            assertThat(lifetime((String) tokens.get("id_token"))).isEqualTo(420);
        }
    }

    private static long lifetime(String token) {
        Map<String, Object> claims = Jwts.claims(token);
        return (Long) claims.get("exp") - (Long) claims.get("iat");
    }

    private static Map<String, Object> startFlow(String clientId, String scope, String audience) throws Exception {
        Map<String, String> form = form("client_id", clientId, "client_secret", "", "scope", scope);
        if (audience != null) {
            form.put("audience", audience);
        }
        OidcHttp.Response response = OidcHttp.postForm(provider.deviceAuthorizationEndpoint(), form);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        return response.json();
    }

    private static OidcHttp.Response poll(String clientId, String deviceCode) throws Exception {
        return OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", deviceCode, "client_id", clientId, "client_secret", ""));
    }

    private static Map<String, Object> approvedTokens(String clientId, String scope, String userParameter) throws Exception {
        Map<String, Object> started = startFlow(clientId, scope, null);
        OidcHttp.Response approval = OidcHttp.get(URI.create(started.get("verification_uri_complete") + userParameter));
        assertThat(approval.status()).as(approval.body()).isEqualTo(200);
        OidcHttp.Response granted = poll(clientId, (String) started.get("device_code"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        return granted.json();
    }
}
