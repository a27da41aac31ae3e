package io.github.incus4j.test.wiremock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;

/**
 * The stand-in's fixed test key material, read from the class path (inside this module's jar), so
 * nothing has to be written to disk.
 */
final class TestTls {

    static final String DIRECTORY = "io/github/incus4j/test/wiremock/tls/";
    static final String PASSWORD = "changeit";

    private TestTls() {
    }

    static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DIRECTORY + name, e);
        }
    }

    /**
     * Copies the server's key store and trust store into a new temporary directory: WireMock reads
     * its trust store from a file only (its key store also from the class path, but one way for
     * both is simpler).
     */
    static Path extractServerStores() {
        try {
            Path directory = Files.createTempDirectory("incus-stand-in-tls-");
            for (String name : new String[] {"server.p12", "trusted-clients.p12"}) {
                try (InputStream in = open(name)) {
                    Files.copy(in, directory.resolve(name));
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the stand-in's key stores to a temporary directory", e);
        }
    }

    static void deleteServerStores(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve("server.p12"));
            Files.deleteIfExists(directory.resolve("trusted-clients.p12"));
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            System.err.println("[incus-stand-in] cannot delete " + directory + ": " + e);
        }
    }

    static X509Certificate certificate(String name) {
        try (InputStream in = open(name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DIRECTORY + name, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot parse " + DIRECTORY + name, e);
        }
    }

    static KeyManagerFactory clientKeyManagers() {
        try (InputStream in = open("client.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD.toCharArray());
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DIRECTORY + "client.p12", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load " + DIRECTORY + "client.p12", e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = TestTls.class.getClassLoader().getResourceAsStream(DIRECTORY + name);
        if (in == null) {
            throw new IOException("missing class path resource " + DIRECTORY + name);
        }
        return in;
    }
}
