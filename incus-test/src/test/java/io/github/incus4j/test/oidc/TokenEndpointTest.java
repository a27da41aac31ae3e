package io.github.incus4j.test.oidc;

import static io.github.incus4j.test.oidc.OidcHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token endpoint's client_credentials grant, client authentication and error answers. */
class TokenEndpointTest {

    private static final String SECRET = "s3cret:with+odd&chars";
    private static OidcProvider provider;
    private static URI token;

    @BeforeAll
    static void start() {
        provider = OidcProvider.builder()
                .client(OidcClient.publicClient("incus"))
                .client(OidcClient.confidential("ci", SECRET))
                .accessTokenLifetime(Duration.ofSeconds(90))
                .start();
        token = provider.tokenEndpoint();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void clientCredentialsWithHttpBasicGiveATokenWhoseSubjectIsTheClient() throws Exception {
        OidcHttp.Response response = OidcHttp.postForm(token,
                form("grant_type", "client_credentials", "scope", "read write"), new String[] {"ci", SECRET});

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        Map<String, Object> answer = response.json();
        assertThat(answer).containsEntry("token_type", "Bearer").containsEntry("expires_in", 90L)
                .containsEntry("scope", "read write").doesNotContainKeys("refresh_token", "id_token");
        String accessToken = (String) answer.get("access_token");
        Map<String, Object> claims = Jwts.claims(accessToken);
        assertThat(claims).containsEntry("iss", provider.issuer()).containsEntry("sub", "ci").containsEntry("aud", "ci")
                .containsEntry("client_id", "ci").containsEntry("scope", "read write").doesNotContainKey("email");
        assertThat((Long) claims.get("exp") - (Long) claims.get("iat")).isEqualTo(90);
        assertThat(Jwts.verifies(accessToken, OidcHttp.get(provider.jwksUri()).json())).isTrue();
    }

    @Test
    void clientCredentialsWithTheSecretInTheForm() throws Exception {
        OidcHttp.Response response = OidcHttp.postForm(token,
                form("grant_type", "client_credentials", "client_id", "ci", "client_secret", SECRET));

        assertThat(response.status()).isEqualTo(200);
        assertThat(Jwts.claims((String) response.json().get("access_token"))).containsEntry("sub", "ci")
                .doesNotContainKey("scope");
    }

    @Test
    void theAudienceParameterBecomesTheTokensAudience() throws Exception {
        OidcHttp.Response response = OidcHttp.postForm(token,
                form("grant_type", "client_credentials", "audience", "incus"), new String[] {"ci", SECRET});

        assertThat(Jwts.claims((String) response.json().get("access_token"))).containsEntry("aud", "incus");
    }

    @Test
    void aWrongSecretIsAnInvalidClient() throws Exception {
        OidcHttp.Response basic = OidcHttp.postForm(token, form("grant_type", "client_credentials"),
                new String[] {"ci", "wrong"});
        OidcHttp.Response post = OidcHttp.postForm(token,
                form("grant_type", "client_credentials", "client_id", "ci", "client_secret", "wrong"));

        for (OidcHttp.Response response : new OidcHttp.Response[] {basic, post}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(response.json()).containsEntry("error", "invalid_client")
                    .containsEntry("error_description", "wrong secret for client ci");
            assertThat(response.body()).doesNotContain("wrong\"").doesNotContain(SECRET);
        }
    }

    @Test
    void aMissingSecretOrAnUnknownClientIsAnInvalidClient() throws Exception {
        assertThat(OidcHttp.postForm(token, form("grant_type", "client_credentials", "client_id", "ci")).json())
                .containsEntry("error", "invalid_client");
        assertThat(OidcHttp.postForm(token, form("grant_type", "client_credentials", "client_id", "nobody",
                "client_secret", "x")).json()).containsEntry("error_description", "unknown client nobody");
        OidcHttp.Response anonymous = OidcHttp.postForm(token, form("grant_type", "client_credentials"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json()).containsEntry("error", "invalid_client");
    }

    @Test
    void aPublicClientCannotUseClientCredentials() throws Exception {
        OidcHttp.Response response = OidcHttp.postForm(token,
                form("grant_type", "client_credentials", "client_id", "incus", "client_secret", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "unauthorized_client");
    }

    @Test
    void aPublicClientSendingASecretIsRefused() throws Exception {
        OidcHttp.Response response = OidcHttp.postForm(token,
                form("grant_type", "client_credentials", "client_id", "incus", "client_secret", "guess"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("error", "invalid_client");
    }

    @Test
    void malformedRequestsAreInvalidRequests() throws Exception {
        assertThat(OidcHttp.postForm(token, form("client_id", "ci")).json())
                .containsEntry("error", "invalid_request").containsEntry("error_description", "the parameter grant_type is missing");
        OidcHttp.Response twice = OidcHttp.send(HttpRequest.newBuilder(token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&grant_type=password")).build());
        assertThat(twice.json()).containsEntry("error", "invalid_request");
        OidcHttp.Response json = OidcHttp.send(HttpRequest.newBuilder(token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json()).containsEntry("error", "invalid_request");
    }

    @Test
    void otherGrantTypesAreUnsupported() throws Exception {
        OidcHttp.Response response = OidcHttp.postForm(token, form("grant_type", "password", "username", "u",
                "password", "p"), new String[] {"ci", SECRET});

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "unsupported_grant_type");
    }

    @Test
    void anUnknownRefreshTokenIsAnInvalidGrant() throws Exception {
        OidcHttp.Response response = OidcHttp.postForm(token,
                form("grant_type", "refresh_token", "refresh_token", "made-up", "client_id", "incus"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "invalid_grant");
    }
}
