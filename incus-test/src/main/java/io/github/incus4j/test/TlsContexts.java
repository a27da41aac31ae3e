package io.github.incus4j.test;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds mutual-TLS contexts that pin a single server certificate. */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * A context whose trust store holds nothing but the server's certificate. Clients that check host
     * names (the JDK's HttpClient does) still do, against the certificate's subject alternative names.
     */
    static SSLContext create(KeyStore clientKeyStore, String password, X509Certificate serverCertificate) {
        try {
            // A trust store with nothing but the server's own certificate: the JDK accepts a peer whose
            // certificate is itself a trust anchor, so the self-signed Incus certificate needs no CA.
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("incus-server", serverCertificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            return context(clientKeyStore, password, trust.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IncusDaemonException("Cannot build a TLS context for the Incus client: " + e.getMessage(), e);
        }
    }

    /**
     * A context that accepts a server if and only if it presents exactly {@code serverCertificate},
     * whatever address was dialled, as the {@code incus} command line treats a pinned certificate. The
     * members of a cluster all present the cluster certificate, whose names cover only the first
     * member's address.
     */
    static SSLContext createPinned(KeyStore clientKeyStore, String password, X509Certificate serverCertificate) {
        return context(clientKeyStore, password, new TrustManager[] {new PinnedTrustManager(serverCertificate)});
    }

    private static SSLContext context(KeyStore clientKeyStore, String password, TrustManager[] trustManagers) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(clientKeyStore, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IncusDaemonException("Cannot build a TLS context for the Incus client: " + e.getMessage(), e);
        }
    }

    /**
     * Trusts one certificate, compared as a whole. Being an {@link X509ExtendedTrustManager}, it is
     * also where the JDK would check the host name, so none is checked.
     */
    static final class PinnedTrustManager extends X509ExtendedTrustManager {

        private final X509Certificate pinned;

        PinnedTrustManager(X509Certificate pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(pinned)) {
                throw new CertificateException("The server presented "
                        + (chain == null || chain.length == 0 ? "no certificate" : "the certificate "
                        + Pem.sha256Hex(chain[0])) + ", not the pinned certificate " + Pem.sha256Hex(pinned));
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("This trust manager only checks servers");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
