package io.github.incus4j.test.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider's documents, keys, routing and lifecycle. */
class OidcProviderTest {

    @Test
    void theIssuerIsTheLoopbackAddressAndPortWithoutATrailingSlash() {
        try (OidcProvider provider = OidcProvider.start()) {
            assertThat(provider.issuer()).isEqualTo("http://127.0.0.1:" + provider.port()).doesNotEndWith("/");
            assertThat(provider.port()).isPositive();
            assertThat(provider.toString()).isEqualTo("OidcProvider[" + provider.issuer() + "]");
        }
    }

    @Test
    void theDefaultsAreThePublicIncusClientAndOneUser() {
        try (OidcProvider provider = OidcProvider.start()) {
            assertThat(provider.clients()).containsExactly(OidcClient.publicClient("incus"));
            assertThat(provider.users()).containsExactly(OidcProvider.DEFAULT_USER);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDiscoveryDocumentNamesTheIssuerAndEveryEndpoint() throws Exception {
        try (OidcProvider provider = OidcProvider.start()) {
            OidcHttp.Response response = OidcHttp.get(URI.create(provider.issuer() + "/.well-known/openid-configuration"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            Map<String, Object> document = response.json();
            assertThat(document)
                    .containsEntry("issuer", provider.issuer())
                    .containsEntry("token_endpoint", provider.issuer() + "/token")
                    .containsEntry("device_authorization_endpoint", provider.issuer() + "/device_authorization")
                    .containsEntry("jwks_uri", provider.issuer() + "/jwks")
                    .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"));
            assertThat((List<Object>) document.get("grant_types_supported")).containsExactlyInAnyOrder("client_credentials",
                    "refresh_token", "urn:ietf:params:oauth:grant-type:device_code");
            assertThat((List<Object>) document.get("scopes_supported")).contains("openid", "offline_access", "email");
            assertThat(provider.discoveryUri()).isEqualTo(URI.create(provider.issuer() + "/.well-known/openid-configuration"));
            assertThat(provider.tokenEndpoint()).isEqualTo(URI.create((String) document.get("token_endpoint")));
            assertThat(provider.deviceAuthorizationEndpoint())
                    .isEqualTo(URI.create((String) document.get("device_authorization_endpoint")));
            assertThat(provider.jwksUri()).isEqualTo(URI.create((String) document.get("jwks_uri")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJwksHasTheCurrentRsaKeyOnly() throws Exception {
        try (OidcProvider provider = OidcProvider.start()) {
            Map<String, Object> jwks = OidcHttp.get(provider.jwksUri()).json();

            List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0)).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
                    .containsEntry("kid", provider.keyId()).containsEntry("e", "AQAB").containsKey("n")
                    .doesNotContainKeys("d", "p", "q");
            assertThat(Jwts.verifies(provider.token().mint(), jwks)).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void rotatingTheKeyPublishesANewKeyIdAndSignsWithIt() throws Exception {
        try (OidcProvider provider = OidcProvider.start()) {
            String before = provider.keyId();
            String oldToken = provider.token().mint();

            String after = provider.rotateSigningKey();

            assertThat(after).isNotEqualTo(before).isEqualTo(provider.keyId());
            Map<String, Object> jwks = OidcHttp.get(provider.jwksUri()).json();
            assertThat((List<Map<String, Object>>) jwks.get("keys")).extracting(key -> key.get("kid")).containsExactly(after);
            String newToken = provider.token().mint();
            assertThat(Jwts.header(newToken)).containsEntry("kid", after);
            assertThat(Jwts.verifies(newToken, jwks)).isTrue();
            assertThat(Jwts.verifies(oldToken, jwks)).isFalse();
        }
    }

    @Test
    void twoProvidersHaveDifferentKeyIds() {
        try (OidcProvider one = OidcProvider.start(); OidcProvider two = OidcProvider.start()) {
            assertThat(one.keyId()).isNotEqualTo(two.keyId());
            assertThat(one.issuer()).isNotEqualTo(two.issuer());
        }
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        try (OidcProvider provider = OidcProvider.start()) {
            assertThat(OidcHttp.get(URI.create(provider.issuer() + "/nothing")).status()).isEqualTo(404);
            OidcHttp.Response getToken = OidcHttp.get(provider.tokenEndpoint());
            assertThat(getToken.status()).isEqualTo(405);
            assertThat(getToken.header("Allow")).isEqualTo("POST");
            assertThat(OidcHttp.postForm(provider.jwksUri(), Map.of()).status()).isEqualTo(405);
        }
    }

    @Test
    void closingStopsTheListenerAndEveryThread() throws Exception {
        OidcProvider provider = OidcProvider.start();
        OidcHttp.get(provider.discoveryUri());
        OidcHttp.get(provider.jwksUri());
        String threadPrefix = "incus-test-oidc-" + provider.port() + "-";
        assertThat(threadsNamed(threadPrefix)).isNotEmpty();

        provider.close();
        provider.close();

        assertThat(threadsNamed(threadPrefix)).isEmpty();
        assertThatThrownBy(() -> connect(provider.port())).isInstanceOf(IOException.class);
    }

    @Test
    void aProviderCanStartAgainOnTheSamePortUnderTheSameIssuer() {
        String issuer;
        int port;
        String keyId;
        try (OidcProvider first = OidcProvider.start()) {
            issuer = first.issuer();
            port = first.port();
            keyId = first.keyId();
        }
        try (OidcProvider second = OidcProvider.builder().port(port).start()) {
            assertThat(second.issuer()).isEqualTo(issuer);
            assertThat(second.keyId()).isNotEqualTo(keyId);
        }
    }

    @Test
    void aTakenPortIsExplained() {
        try (OidcProvider first = OidcProvider.start()) {
            assertThatThrownBy(() -> OidcProvider.builder().port(first.port()).start())
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("is the port taken?");
        }
    }

    @Test
    void clientsMustHaveDistinctIds() {
        assertThatThrownBy(() -> OidcProvider.builder().client(OidcClient.publicClient("a"))
                .client(OidcClient.confidential("a", "s")).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered twice");
    }

    @Test
    void aClientNeverShowsItsSecret() {
        OidcClient client = OidcClient.confidential("ci", "very-secret");
        assertThat(client.toString()).isEqualTo("OidcClient[id=ci, confidential]").doesNotContain("very-secret");
        assertThat(OidcClient.publicClient("incus").toString()).isEqualTo("OidcClient[id=incus, public]");
        assertThatThrownBy(() -> new OidcClient("x", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive()).toList();
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
