package io.github.incus4j.client.internal.transport;

import static io.github.incus4j.client.WireMockIncus.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key material in every form the Incus world uses, and clear errors for everything else. */
class ClientKeysTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"ec.crt, ec-pkcs8.key", "ec.crt, ec-sec1.key", "rsa.crt, rsa-pkcs8.key", "rsa.crt, rsa-pkcs1.key"})
    void pemKeysOfEveryFlavourAreRead(String certificate, String key) {
        KeyManagerFactory factory = ClientKeys.fromPemFiles(resource("tls/" + certificate), resource("tls/" + key));

        X509KeyManager manager = (X509KeyManager) factory.getKeyManagers()[0];
        PrivateKey privateKey = manager.getPrivateKey("incus-client");
        assertThat(privateKey).isNotNull();
        assertThat(manager.getCertificateChain("incus-client")[0].getPublicKey().getAlgorithm())
                .isEqualTo(privateKey.getAlgorithm());
    }

    @Test
    void sec1AndPkcs8FormsGiveTheSameKey() {
        PrivateKey sec1 = Pem.privateKey(read("tls/ec-sec1.key"), "sec1");
        PrivateKey pkcs8 = Pem.privateKey(read("tls/ec-pkcs8.key"), "pkcs8");

        assertThat(((java.security.interfaces.ECPrivateKey) sec1).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) pkcs8).getS());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() {
        assertThatThrownBy(() -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), resource("tls/rsa-pkcs8.key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path directory) {
        Path missing = directory.resolve("client.crt");

        assertThatThrownBy(() -> ClientKeys.fromPemFiles(missing, resource("tls/ec-pkcs8.key")))
                .hasMessage("client certificate file '" + missing + "' does not exist");
    }

    /** Key text passed where its file name belongs (read from an environment variable) is never echoed. */
    @Test
    void aKeyGivenAsTheFileNameIsNotShown() {
        String pem = read("tls/ec-pkcs8.key");
        Path pasted = Path.of(pem);

        assertThatThrownBy(() -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), pasted))
                .hasMessage("client key file (PEM text given as the file name; not shown) does not exist")
                .hasNoCause();
    }

    @Test
    void aFileWithoutKeyIsNamed() {
        assertThatThrownBy(() -> ClientKeys.fromPemFiles(resource("tls/ec.crt"), resource("tls/ec.crt")))
                .hasMessageContaining("client key file")
                .hasMessageContaining("holds no PEM private key");
    }

    @Test
    void aPkcs12KeystoreIsReadWithItsAlias() {
        KeyManagerFactory factory = ClientKeys.fromKeyStore(resource("tls/ec.p12"), "PKCS12", "changeit".toCharArray(),
                "client");

        assertThat(((X509KeyManager) factory.getKeyManagers()[0]).getPrivateKey("client")).isNotNull();
    }

    @Test
    void theKeystoreTypeIsRecognisedWhenNotGiven() {
        assertThat(ClientKeys.fromKeyStore(resource("tls/ec.p12"), null, "changeit".toCharArray(), null)).isNotNull();
    }

    @Test
    void aWrongPasswordIsSaidWithoutShowingIt() {
        assertThatThrownBy(() -> ClientKeys.fromKeyStore(resource("tls/ec.p12"), "PKCS12",
                "s3cr3t-wrong".toCharArray(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong keystore password")
                .hasMessageNotContaining("s3cr3t-wrong");
    }

    @Test
    void anUnknownAliasListsTheOnesThatExist() {
        assertThatThrownBy(() -> ClientKeys.fromKeyStore(resource("tls/ec.p12"), "PKCS12", "changeit".toCharArray(),
                "nobody"))
                .hasMessageContaining("has no key entry named 'nobody'")
                .hasMessageContaining("[client]");
    }

    @Test
    void aServerCertificateIsReadForPinning() {
        assertThat(ClientKeys.certificateFromPemFile(resource("tls/server.crt")).getSubjectX500Principal().getName())
                .isEqualTo("CN=localhost");
    }

    private static String read(String name) {
        try {
            return Files.readString(resource(name));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
