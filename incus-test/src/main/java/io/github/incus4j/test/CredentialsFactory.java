package io.github.incus4j.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes self-signed TLS client certificates of the kind Incus accepts: an ECDSA P-384 key pair from
 * {@code openssl}, and a PKCS#12 key store of the same pair written with the JDK, so Java clients
 * can use it without any conversion.
 */
final class CredentialsFactory {

    /** Names become a certificate CN, a file name and a trust store entry; keep them plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(30);

    private final Path openssl;
    private final Path directory;
    private final CommandRunner runner;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param openssl   the openssl binary
     * @param directory an existing, private directory for the generated files
     * @param runner    runs openssl
     */
    CredentialsFactory(Path openssl, Path directory, CommandRunner runner) {
        this.openssl = openssl;
        this.directory = directory;
        this.runner = runner;
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Client name must be 1-63 characters of letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit; got: " + name);
        }
    }

    ClientCredentials create(String name) {
        checkName(name);
        try {
            // A directory per call, so the same name can be used twice without overwriting files.
            Path target = Files.createTempDirectory(directory, name + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path certificate = target.resolve("client.crt");
            Path privateKey = target.resolve("client.key");
            Path keyStore = target.resolve("client.p12");
            CommandResult result = runner.run(List.of(openssl.toString(), "req", "-x509",
                    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp384r1", "-nodes", "-days", "3650",
                    "-subj", "/CN=" + name, "-keyout", privateKey.toString(), "-out", certificate.toString()),
                    Map.of(), OPENSSL_TIMEOUT);
            if (!result.succeeded()) {
                throw new IncusDaemonException("openssl could not create a client certificate for " + name
                        + " (exit code " + result.exitCode() + "): " + result.stderr().strip());
            }
            String password = newPassword();
            writeKeyStore(certificate, privateKey, keyStore, name, password);
            return new ClientCredentials(name, certificate, privateKey, keyStore, password, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write client credentials for " + name + " below " + directory, e);
        }
    }

    private String newPassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeKeyStore(Path certificateFile, Path keyFile, Path keyStoreFile, String alias,
                                      String password) throws IOException {
        X509Certificate certificate = Pem.readCertificate(certificateFile);
        PrivateKey key = Pem.readPrivateKey(keyFile, certificate.getPublicKey().getAlgorithm());
        try (OutputStream out = Files.newOutputStream(keyStoreFile)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password.toCharArray(), new Certificate[] {certificate});
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IncusDaemonException("Cannot write the PKCS#12 key store " + keyStoreFile + ": " + e.getMessage(), e);
        }
    }
}
