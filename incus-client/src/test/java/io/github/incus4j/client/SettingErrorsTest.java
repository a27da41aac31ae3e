package io.github.incus4j.client;

import static io.github.incus4j.client.WireMockIncus.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.incus4j.client.exception.IncusSettingException.Setting;
import io.github.incus4j.client.exception.IncusSettingException;
import io.github.incus4j.client.internal.transport.ClientKeys;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every setting the builder and {@link ClientKeys} refuse is reported as an
 * {@link IncusSettingException} naming that setting, with the message it always had.
 */
class SettingErrorsTest {

    private static final String HTTPS = "https://incus.example.net:8443";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path directory;

    @Test
    void theUrl() {
        assertThat(settingOf(() -> IncusClient.builder().url("http://incus.example.net"))).isEqualTo(Setting.URL);
        assertThat(settingOf(() -> IncusClient.builder().url("https:///1.0"))).isEqualTo(Setting.URL);
        assertThat(settingOf(() -> IncusClient.builder().url(HTTPS + "/1.0"))).isEqualTo(Setting.URL);
        assertThat(settingOf(() -> IncusClient.builder().url("https://incus example"))).isEqualTo(Setting.URL);
        assertThat(settingOf(() -> IncusClient.builder().url((String) null))).isEqualTo(Setting.URL);
        assertThat(settingOf(() -> IncusClient.builder().url((URI) null))).isEqualTo(Setting.URL);

        assertThat(failure(() -> IncusClient.builder().url("http://incus.example.net")))
                .hasMessage("url 'http://incus.example.net' must use https (Incus serves its API over HTTPS with "
                        + "mutual TLS); for a local daemon use the Unix socket instead");
    }

    @Test
    void theUrlsOfSeveralAddresses() {
        assertThat(settingOf(() -> IncusClient.builder().urls(List.of()))).isEqualTo(Setting.URL);
        assertThat(settingOf(() -> IncusClient.builder().urls(null))).isEqualTo(Setting.URL);
        assertThat(settingOf(() -> IncusClient.builder().urls(Arrays.asList(HTTPS, null)))).isEqualTo(Setting.URL);
        assertThat(failure(() -> IncusClient.builder().urls(List.of())))
                .hasMessage("urls is empty; give at least one https://host:port");
        assertThat(failure(() -> IncusClient.builder().urls(List.of(HTTPS, "http://node2"))))
                .hasMessageStartingWith("urls[1] 'http://node2' must use https");
        assertThat(failure(() -> IncusClient.builder().urls(List.of(HTTPS, "https://node2/1.0"))))
                .hasMessageStartingWith("urls[1] 'https://node2/1.0' must not have a path");

        IncusClient client = IncusClient.builder().urls(List.of("https://node1", "https://[fd00::2]:9443")).build();
        assertThat(client.endpoint().describe()).isEqualTo("https://node1:8443,https://[fd00::2]:9443");
        assertThat(failure(() -> IncusClient.builder().urls(List.of("https://node1", "https://node2"))
                .unixSocket(directory.resolve("unix.socket")).build()))
                .hasMessageStartingWith("both url (https://node1:8443,https://node2:8443) and unixSocket");
    }

    @Test
    void theUnixSocket() {
        assertThat(settingOf(() -> IncusClient.builder().unixSocket(null))).isEqualTo(Setting.SOCKET_PATH);
        assertThat(failure(() -> IncusClient.builder().unixSocket(null))).hasMessage("socketPath must not be null");
    }

    @Test
    void theClientCertificateFile() {
        Path missing = directory.resolve("client.crt");
        assertThat(settingOf(() -> IncusClient.builder().clientCertificate(missing, resource("tls/ec-pkcs8.key"))))
                .isEqualTo(Setting.CLIENT_CERTIFICATE);
        assertThat(failure(() -> ClientKeys.fromPemFiles(missing, resource("tls/ec-pkcs8.key"))))
                .hasMessage("client certificate file '" + missing + "' does not exist");
        // a key where the certificate should be
        assertThat(settingOf(() -> ClientKeys.fromPemFiles(resource("tls/ec-pkcs8.key"), resource("tls/ec-pkcs8.key"))))
                .isEqualTo(Setting.CLIENT_CERTIFICATE);
        assertThat(settingOf(() -> IncusClient.builder().clientCertificate(null, resource("tls/ec-pkcs8.key"))))
                .isEqualTo(Setting.CLIENT_CERTIFICATE);
    }

    @Test
    void theClientKeyFile() throws Exception {
        Path missing = directory.resolve("client.key");
        assertThat(settingOf(() -> IncusClient.builder().clientCertificate(resource("tls/ec.crt"), missing)))
                .isEqualTo(Setting.CLIENT_KEY);
        // a certificate where the key should be
        assertThat(settingOf(() -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), resource("tls/ec.crt"))))
                .isEqualTo(Setting.CLIENT_KEY);
        // a key of another certificate
        assertThat(settingOf(() -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), resource("tls/rsa-pkcs8.key"))))
                .isEqualTo(Setting.CLIENT_KEY);
        Path encrypted = Files.writeString(directory.resolve("encrypted.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThat(settingOf(() -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), encrypted)))
                .isEqualTo(Setting.CLIENT_KEY);
        Path notDer = Files.writeString(directory.resolve("garbage.key"),
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertThat(failure(() -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), notDer)))
                .isInstanceOf(IncusSettingException.class)
                .hasMessage("client key file '" + notDer + "' is not a well-formed DER private key");
        assertThat(settingOf(() -> IncusClient.builder().clientCertificate(resource("tls/ec.crt"), null)))
                .isEqualTo(Setting.CLIENT_KEY);
    }

    @Test
    void aPemBlockThatIsNotBase64NamesTheFileAndTheSetting() throws Exception {
        Path cut = Files.writeString(directory.resolve("cut.key"),
                "-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n");

        IncusSettingException failure = (IncusSettingException) failure(
                () -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), cut));

        assertThat(failure.setting()).isEqualTo(Setting.CLIENT_KEY);
        assertThat(failure).hasMessageStartingWith("client key file '" + cut + "' has a 'PRIVATE KEY' block that is "
                + "not valid base64");
    }

    @Test
    void theKeystore() {
        Path missing = directory.resolve("client.p12");
        assertThat(settingOf(() -> IncusClient.builder().clientKeyStore(missing, "PKCS12", PASSWORD, null)))
                .isEqualTo(Setting.CLIENT_KEYSTORE);
        assertThat(failure(() -> ClientKeys.fromKeyStore(missing, "PKCS12", PASSWORD, null)))
                .hasMessage("client keystore '" + missing + "' does not exist");
        // a PEM file is no keystore, whether its type is given or guessed
        assertThat(settingOf(() -> ClientKeys.fromKeyStore(resource("tls/ec.crt"), "PKCS12", PASSWORD, null)))
                .isEqualTo(Setting.CLIENT_KEYSTORE);
        assertThat(settingOf(() -> ClientKeys.fromKeyStore(resource("tls/ec.crt"), null, PASSWORD, null)))
                .isEqualTo(Setting.CLIENT_KEYSTORE);
        assertThat(settingOf(() -> IncusClient.builder().clientKeyStore(null, null, PASSWORD, null)))
                .isEqualTo(Setting.CLIENT_KEYSTORE);
    }

    @Test
    void theKeystoreType() {
        Throwable failure = failure(() -> IncusClient.builder().clientKeyStore(resource("tls/ec.p12"), "NOPE12",
                PASSWORD, null));

        assertThat(failure).isInstanceOfSatisfying(IncusSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(Setting.CLIENT_KEYSTORE_TYPE));
        assertThat(failure)
                .hasMessageStartingWith("client keystore '" + resource("tls/ec.p12") + "' could not be read: ")
                .hasMessageEndingWith("; check the keystore type (PKCS12 or JKS)");
    }

    @Test
    void theKeystorePassword() {
        assertThat(settingOf(() -> IncusClient.builder().clientKeyStore(resource("tls/ec.p12"), "PKCS12",
                "wrong".toCharArray(), null))).isEqualTo(Setting.CLIENT_KEYSTORE_PASSWORD);
        assertThat(settingOf(() -> IncusClient.builder().clientKeyStore(resource("tls/ec.p12"), null,
                "wrong".toCharArray(), null))).isEqualTo(Setting.CLIENT_KEYSTORE_PASSWORD);
        assertThat(settingOf(() -> IncusClient.builder().clientKeyStore(resource("tls/ec.p12"), "PKCS12", null, null)))
                .isEqualTo(Setting.CLIENT_KEYSTORE_PASSWORD);
    }

    @Test
    void theKeyPasswordOfALoadedKeystore() throws Exception {
        KeyStore store = loadEcKeystore();

        Throwable failure = failure(() -> ClientKeys.fromKeyStore(store, "wrong".toCharArray(), "client", "bundle"));

        assertThat(failure).hasMessage("bundle: the key cannot be recovered: wrong key password");
        assertThat(((IncusSettingException) failure).setting()).isEqualTo(Setting.CLIENT_KEYSTORE_PASSWORD);
    }

    @Test
    void theKeyAlias() throws Exception {
        assertThat(settingOf(() -> IncusClient.builder().clientKeyStore(resource("tls/ec.p12"), "PKCS12", PASSWORD,
                "nobody"))).isEqualTo(Setting.CLIENT_KEY_ALIAS);
        KeyStore two = loadEcKeystore();
        two.setKeyEntry("second", two.getKey("client", PASSWORD), PASSWORD, two.getCertificateChain("client"));

        Throwable failure = failure(() -> ClientKeys.fromKeyStore(two, PASSWORD, null, "bundle"));

        assertThat(((IncusSettingException) failure).setting()).isEqualTo(Setting.CLIENT_KEY_ALIAS);
        assertThat(failure).hasMessageStartingWith("bundle has 2 key entries ")
                .hasMessageEndingWith("; name the one to use (key alias)");
    }

    @Test
    void theServerCertificate() {
        Path missing = directory.resolve("server.crt");
        assertThat(settingOf(() -> IncusClient.builder().serverCertificate(missing)))
                .isEqualTo(Setting.SERVER_CERTIFICATE);
        assertThat(failure(() -> IncusClient.builder().serverCertificate(missing)))
                .hasMessage("server certificate file '" + missing + "' does not exist");
        assertThat(settingOf(() -> ClientKeys.certificateFromPemFile(resource("tls/ec-pkcs8.key"))))
                .isEqualTo(Setting.SERVER_CERTIFICATE);
        assertThat(settingOf(() -> IncusClient.builder().serverCertificate((Path) null)))
                .isEqualTo(Setting.SERVER_CERTIFICATE);
    }

    @Test
    void theCertificateAuthorities() {
        Path missing = directory.resolve("ca.crt");
        assertThat(settingOf(() -> IncusClient.builder().certificateAuthorities(missing)))
                .isEqualTo(Setting.CERTIFICATE_AUTHORITIES);
        assertThat(failure(() -> ClientKeys.trustAuthorities(resource("tls/ec-pkcs8.key"))))
                .hasMessage("CA certificate file '" + resource("tls/ec-pkcs8.key") + "' holds no "
                        + "'-----BEGIN CERTIFICATE-----' block");
        assertThat(settingOf(() -> ClientKeys.trustAuthorities(resource("tls/ec-pkcs8.key"))))
                .isEqualTo(Setting.CERTIFICATE_AUTHORITIES);
    }

    @Test
    void keyAndTrustManagers() {
        assertThat(settingOf(() -> IncusClient.builder().keyManagers((KeyManagerFactory) null)))
                .isEqualTo(Setting.KEY_MANAGERS);
        assertThat(settingOf(() -> IncusClient.builder().trustManagers((TrustManagerFactory) null)))
                .isEqualTo(Setting.TRUST_MANAGERS);
    }

    @Test
    void scopeAndLimits() {
        assertThat(settingOf(() -> IncusClient.builder().project(".."))).isEqualTo(Setting.PROJECT);
        assertThat(failure(() -> IncusClient.builder().project("..")))
                .hasMessage("project must not be '..': it is not a valid Incus name");
        assertThat(settingOf(() -> IncusClient.builder().target(" "))).isEqualTo(Setting.TARGET);
        assertThat(settingOf(() -> IncusClient.builder().userAgent(" "))).isEqualTo(Setting.USER_AGENT);
        assertThat(settingOf(() -> IncusClient.builder().connectTimeout(Duration.ZERO)))
                .isEqualTo(Setting.CONNECT_TIMEOUT);
        assertThat(failure(() -> IncusClient.builder().connectTimeout(Duration.ZERO)))
                .hasMessage("connectTimeout must be positive, got PT0S");
        assertThat(settingOf(() -> IncusClient.builder().responseTimeout(Duration.ofSeconds(-1))))
                .isEqualTo(Setting.RESPONSE_TIMEOUT);
        assertThat(settingOf(() -> IncusClient.builder().maxConnections(0))).isEqualTo(Setting.MAX_CONNECTIONS);
        assertThat(failure(() -> IncusClient.builder().maxConnections(0)))
                .hasMessage("maxConnections must be positive, got 0");
        assertThat(settingOf(() -> IncusClient.builder().maxResponseSize(-1))).isEqualTo(Setting.MAX_RESPONSE_SIZE);
        assertThat(settingOf(() -> IncusClient.builder().maxConnectionLifetime(Duration.ZERO)))
                .isEqualTo(Setting.MAX_CONNECTION_LIFETIME);
        assertThat(settingOf(() -> IncusClient.builder().maxConnectionLifetime(null)))
                .isEqualTo(Setting.MAX_CONNECTION_LIFETIME);
        assertThat(settingOf(() -> IncusClient.builder().webClientBuilder((WebClient.Builder) null)))
                .isEqualTo(Setting.WEB_CLIENT_BUILDER);
    }

    @Test
    void settingsThatDoNotGoTogether() {
        assertThat(settingOf(() -> IncusClient.builder().url(HTTPS).unixSocket(Path.of("/run/incus.socket")).build()))
                .isEqualTo(Setting.CONFLICT);
        assertThat(settingOf(() -> IncusClient.builder().unixSocket(Path.of("/run/incus.socket"))
                .serverCertificate(resource("tls/server.crt")).build())).isEqualTo(Setting.CONFLICT);
        Throwable bothTrusts = failure(() -> IncusClient.builder().url(HTTPS)
                .serverCertificate(resource("tls/server.crt"))
                .certificateAuthorities(resource("tls/server.crt")).build());
        assertThat(((IncusSettingException) bothTrusts).setting()).isEqualTo(Setting.CONFLICT);
        assertThat(bothTrusts).hasMessage("both serverCertificate (pinning) and certificateAuthorities/trustManagers "
                + "are set; choose one way to trust the server");
    }

    @Test
    void theBearerToken() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        assertThat(settingOf(() -> IncusClient.builder().bearerToken(null))).isEqualTo(Setting.BEARER_TOKEN);
        assertThat(settingOf(() -> IncusClient.builder().bearerToken(" "))).isEqualTo(Setting.BEARER_TOKEN);
        assertThat(settingOf(() -> IncusClient.builder().bearerTokens(null))).isEqualTo(Setting.BEARER_TOKEN);
        assertThat(failure(() -> IncusClient.builder().bearerToken("Bearer " + token)))
                .hasMessage("bearerToken starts with 'Bearer ': give the access token alone, the client adds the "
                        + "scheme");
        assertThat(failure(() -> IncusClient.builder().bearerToken(token + "\r\nX-Evil: 1")))
                .hasMessageStartingWith("bearerToken holds whitespace, control or non-ASCII characters")
                .hasMessageNotContaining(token);

        Throwable overTheSocket = failure(() -> IncusClient.builder().unixSocket(Path.of("/run/incus/unix.socket"))
                .bearerToken(token).build());
        assertThat(((IncusSettingException) overTheSocket).setting()).isEqualTo(Setting.BEARER_TOKEN);
        assertThat(overTheSocket).hasMessage("a bearer token applies only to an https url: over the Unix socket "
                + "Incus ignores bearer tokens and trusts the socket's user (the incus-admin group, or the incus-user "
                + "socket's project); set url(...) to use the token, or remove bearerToken/bearerTokens");
        assertThat(settingOf(() -> IncusClient.builder().bearerTokens(() -> reactor.core.publisher.Mono.just(token))
                .build())).isEqualTo(Setting.BEARER_TOKEN);
    }

    private static KeyStore loadEcKeystore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(resource("tls/ec.p12"))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static Throwable failure(ThrowingCallable call) {
        Throwable failure = catchThrowable(call);
        assertThat(failure).as("expected a failure").isNotNull().isInstanceOf(IllegalArgumentException.class);
        return failure;
    }

    private static Setting settingOf(ThrowingCallable call) {
        Throwable failure = failure(call);
        assertThat(failure).isInstanceOf(IncusSettingException.class);
        return ((IncusSettingException) failure).setting();
    }
}
