package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a user of the shared, run-wide daemon gets, checked through the socket, HTTPS and the CLI. */
@IncusIntegrationTest
class IncusDaemonIntegrationTest {

    private static IncusDaemon fromBeforeAll;
    private final IncusDaemon fromConstructor;
    private IncusDaemon fromBeforeEach;

    IncusDaemonIntegrationTest(IncusDaemon daemon) {
        this.fromConstructor = daemon;
    }

    @BeforeAll
    static void rememberDaemon(IncusDaemon daemon) {
        fromBeforeAll = daemon;
    }

    @BeforeEach
    void rememberDaemonAgain(IncusDaemon daemon) {
        fromBeforeEach = daemon;
    }

    @Test
    void everyInjectionPointGetsTheSameDaemon(IncusDaemon daemon) {
        assertThat(daemon).isSameAs(fromConstructor).isSameAs(fromBeforeEach).isSameAs(fromBeforeAll);
    }

    @Test
    void unixSocketAnswersAsTrusted(IncusDaemon daemon) throws Exception {
        assertThat(daemon.socketPath()).isEqualTo(daemon.directory().resolve("unix.socket"));
        assertThat(daemon.directory().toString()).startsWith("/tmp/incus-test-");

        RawHttp.Response response = RawHttp.getOverUnixSocket(daemon.socketPath(), "/1.0");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"auth\":\"trusted\"").contains("\"server_version\":\"" + daemon.version() + "\"");
    }

    @Test
    void busyboxImageIsImportedUnderItsAlias(IncusDaemon daemon) {
        assertThat(daemon.imageAlias()).isEqualTo("busybox");
        assertThat(daemon.imageFingerprint()).matches("[0-9a-f]{64}").isEqualTo(daemon.image().fingerprint());

        String images = daemon.incusOrFail("image", "list", "--format", "csv", "--columns", "lf");

        assertThat(images).contains("busybox,").contains(daemon.imageFingerprint().substring(0, 12));
        assertThat(daemon.incusOrFail("image", "info", "busybox")).contains("Fingerprint: " + daemon.imageFingerprint());
    }

    @Test
    void splitImageFilesImportToo(IncusDaemon daemon) throws Exception {
        String alias = "split-" + UUID.randomUUID().toString().substring(0, 8);
        BusyboxImage image = daemon.image();

        String output = daemon.incusOrFail("image", "import", image.metadataTarball().toString(),
                image.rootfsTarball().toString(), "--alias", alias);

        // A split image's fingerprint is the SHA-256 of the metadata followed by the rootfs.
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(image.metadataTarball()));
        sha.update(Files.readAllBytes(image.rootfsTarball()));
        String expected = java.util.HexFormat.of().formatHex(sha.digest());
        assertThat(output).contains(expected);
        daemon.incusOrFail("image", "delete", alias);
    }

    @Test
    void containersFromTheImageRunCommandsAsRootAndAsUser(IncusDaemon daemon) {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        daemon.incusOrFail("launch", daemon.imageAlias(), name);
        try {
            assertThat(daemon.incusOrFail("exec", name, "--", "echo", "hello")).isEqualTo("hello\n");
            assertThat(daemon.incusOrFail("exec", name, "--user", "1000", "--", "id"))
                    .startsWith("uid=1000(user) ");
            assertThat(daemon.incusOrFail("exec", name, "--", "stat", "-c", "%a", "/tmp")).isEqualTo("1777\n");
        } finally {
            daemon.incusOrFail("delete", "--force", name);
        }
    }

    @Test
    void httpsAcceptsTheTrustedClient(IncusDaemon daemon) throws Exception {
        ClientCredentials client = daemon.trustedClient();
        assertThat(daemon.httpsUrl().toString()).matches("https://127\\.0\\.0\\.1:\\d+");
        assertThat(daemon.serverCertificate()).isEqualTo(daemon.directory().resolve("server.crt")).exists();

        RawHttp.Response response = RawHttp.getOverTls(client.sslContext(daemon.serverCertificate()),
                daemon.httpsUrl(), "/1.0");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"auth\":\"trusted\"");
    }

    @Test
    void newCredentialsAreUntrustedUntilTrusted(IncusDaemon daemon) throws Exception {
        ClientCredentials stranger = daemon.newClientCredentials("stranger-" + UUID.randomUUID().toString().substring(0, 8));

        RawHttp.Response before = RawHttp.getOverTls(stranger.sslContext(daemon.serverCertificate()),
                daemon.httpsUrl(), "/1.0");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).contains("\"auth\":\"untrusted\"");

        daemon.trust(stranger);

        RawHttp.Response after = RawHttp.getOverTls(stranger.sslContext(daemon.serverCertificate()),
                daemon.httpsUrl(), "/1.0");
        assertThat(after.body()).contains("\"auth\":\"trusted\"");
        assertThat(daemon.incusOrFail("config", "trust", "list", "--format", "csv"))
                .contains(stranger.name()).contains(stranger.certificateFingerprint().substring(0, 12));
    }

    @Test
    void credentialFilesHaveTheDocumentedFormats(IncusDaemon daemon) throws Exception {
        ClientCredentials client = daemon.trustedClient();

        assertThat(client.name()).isEqualTo("incus-test");
        assertThat(client.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(client.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        KeyStore store = client.loadKeyStore();
        assertThat(store.isKeyEntry(client.keyAlias())).isTrue();
        assertThat(store.getKey(client.keyAlias(), client.keyStorePassword().toCharArray()).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void badClientNamesAreRejectedWithTheRule(IncusDaemon daemon) {
        assertThatThrownBy(() -> daemon.newClientCredentials("../evil"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits");
    }

    @Test
    void commandResultsCarryExitCodeAndOutput(IncusDaemon daemon) {
        CommandResult ok = daemon.incus("query", "/1.0");
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.stdout()).contains("\"api_version\"");

        CommandResult missing = daemon.incus("info", "no-such-instance");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("not found");

        assertThatThrownBy(() -> daemon.incusOrFail("info", "no-such-instance"))
                .isInstanceOf(IncusDaemonException.class)
                .hasMessageContaining("incus info no-such-instance")
                .hasMessageContaining("not found");
    }

    @Test
    void pidIsTheIncusdProcess(IncusDaemon daemon) throws Exception {
        Path executable = Files.readSymbolicLink(Path.of("/proc", String.valueOf(daemon.pid()), "exe"));
        assertThat(executable.getFileName().toString()).isEqualTo("incusd");
    }
}
