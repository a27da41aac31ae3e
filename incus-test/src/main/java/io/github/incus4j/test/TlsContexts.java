package io.github.incus4j.test;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds mutual-TLS contexts that pin a single server certificate. */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLContext create(KeyStore clientKeyStore, String password, X509Certificate serverCertificate) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(clientKeyStore, password.toCharArray());

            // A trust store with nothing but the server's own certificate: the JDK accepts a peer whose
            // certificate is itself a trust anchor, so the self-signed Incus certificate needs no CA.
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("incus-server", serverCertificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IncusDaemonException("Cannot build a TLS context for the Incus client: " + e.getMessage(), e);
        }
    }
}
