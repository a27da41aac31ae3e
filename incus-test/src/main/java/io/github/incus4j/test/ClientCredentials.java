package io.github.incus4j.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A TLS client identity for the Incus HTTPS API: a self-signed certificate, its private key, and
 * the same pair in a PKCS#12 key store for Java clients.
 *
 * <p>Instances come from {@link IncusDaemon#trustedClient()} (already trusted by the daemon) and
 * {@link IncusDaemon#newClientCredentials(String)} (not trusted until passed to
 * {@link IncusDaemon#trust(ClientCredentials)}), and from the methods of the same names of
 * {@link IncusCluster}. The files belong to the daemon or cluster object and are deleted when it is
 * closed.
 *
 * @param name             the certificate's common name, also its name in the daemon's trust store
 * @param certificate      the X.509 certificate, PEM
 * @param privateKey       the private key, unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 * @param keyStore         a PKCS#12 key store holding the key and the certificate
 * @param keyStorePassword password of the key store and of the key entry in it
 * @param keyAlias         alias of the key entry in the key store (the same as {@code name})
 */
public record ClientCredentials(String name, Path certificate, Path privateKey, Path keyStore,
                                String keyStorePassword, String keyAlias) {

    /**
     * Checks that no component is missing.
     *
     * @param name             the certificate's common name
     * @param certificate      the certificate PEM file
     * @param privateKey       the PKCS#8 private key PEM file
     * @param keyStore         the PKCS#12 key store file
     * @param keyStorePassword the key store password
     * @param keyAlias         the alias of the key entry
     */
    public ClientCredentials {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyAlias, "keyAlias");
    }

    /**
     * Reads the certificate file.
     *
     * @return the certificate as PEM text
     * @throws UncheckedIOException if the file cannot be read (for example after the daemon was closed)
     */
    public String certificatePem() {
        try {
            return Files.readString(certificate, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read client certificate " + certificate, e);
        }
    }

    /**
     * Computes the certificate's fingerprint the way Incus names trusted certificates: SHA-256 of
     * the DER encoding, lowercase hex. Useful for {@code /1.0/certificates/<fingerprint>}.
     *
     * @return 64 lowercase hex digits
     */
    public String certificateFingerprint() {
        return Pem.sha256Hex(Pem.readCertificate(certificate));
    }

    /**
     * Loads the PKCS#12 key store.
     *
     * @return the key store with one key entry under {@link #keyAlias()}
     * @throws IncusDaemonException if the file cannot be read or parsed
     */
    public KeyStore loadKeyStore() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, keyStorePassword.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IncusDaemonException("Cannot load the PKCS#12 key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds a TLS context that presents these credentials and trusts exactly one server
     * certificate, typically {@link IncusDaemon#serverCertificate()}.
     *
     * <p>Incus server certificates are self-signed, so the usual certificate authorities are of no
     * use; pinning the one certificate is what the {@code incus} command line does too. Host names
     * are not checked by a bare {@link javax.net.ssl.SSLSocket}; HTTP clients that do check them
     * will find {@code 127.0.0.1} among the certificate's subject alternative names.
     *
     * @param trustedServerCertificate PEM file of the only server certificate to accept
     * @return an initialised TLS context
     * @throws IncusDaemonException if a file cannot be read or the JDK rejects the material
     */
    public SSLContext sslContext(Path trustedServerCertificate) {
        return TlsContexts.create(loadKeyStore(), keyStorePassword, Pem.readCertificate(trustedServerCertificate));
    }

    /**
     * Builds a TLS context that presents these credentials and accepts a server if and only if it
     * presents exactly {@code pinnedServerCertificate}, whatever address was dialled: the server's
     * host name or address is not checked against the certificate's names.
     *
     * <p>This is what a cluster needs: every member of an {@link IncusCluster} presents the same
     * cluster certificate ({@link IncusCluster#certificate()}), whose subject alternative names list
     * {@code 127.0.0.1} but not the other members' addresses, so a client that checks names, like
     * the JDK's {@code HttpClient} with {@link #sslContext(Path)}, refuses {@code 127.0.0.2}. The
     * {@code incus} command line trusts a pinned certificate the same way.
     *
     * @param pinnedServerCertificate PEM file of the only server certificate to accept
     * @return an initialised TLS context
     * @throws IncusDaemonException if a file cannot be read or the JDK rejects the material
     */
    public SSLContext pinnedSslContext(Path pinnedServerCertificate) {
        return TlsContexts.createPinned(loadKeyStore(), keyStorePassword, Pem.readCertificate(pinnedServerCertificate));
    }
}
