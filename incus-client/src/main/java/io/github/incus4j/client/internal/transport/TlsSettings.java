package io.github.incus4j.client.internal.transport;

import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * How the client authenticates itself and the server over HTTPS.
 *
 * <p>The server is trusted in one of three ways, checked in this order:
 * <ol>
 *   <li>a pinned server certificate: exactly that certificate is accepted, whatever the host
 *       name in the URL (Incus servers use self-signed certificates, and the official client
 *       checks the certificate's identity rather than the URL's host);</li>
 *   <li>trust managers (a CA, or a Spring Boot SSL bundle's trust material), with host name
 *       verification;</li>
 *   <li>the JDK's default trust store, with host name verification.</li>
 * </ol>
 *
 * @param keyManagers the client's certificate and key; {@code null} connects without one (the
 *     server then treats the client as untrusted)
 * @param pinnedServerCertificate the exact server certificate to accept, or {@code null}
 * @param trustManagers the trust material for servers, or {@code null}
 * @param allowTls12 whether TLS 1.2 may be negotiated; Incus requires TLS 1.3 unless
 *     {@code INCUS_INSECURE_TLS} is set on the server, so this is off by default
 */
public record TlsSettings(
        @Nullable KeyManagerFactory keyManagers,
        @Nullable X509Certificate pinnedServerCertificate,
        @Nullable TrustManagerFactory trustManagers,
        boolean allowTls12) {

    /**
     * Hides the key material from logs.
     *
     * @return a description without secrets
     */
    @Override
    public String toString() {
        return "TlsSettings[clientCertificate=" + (keyManagers != null ? "present" : "none")
                + ", trust=" + (pinnedServerCertificate != null ? "pinned " + pinnedServerCertificate.getSubjectX500Principal()
                        : trustManagers != null ? "custom" : "system")
                + ", allowTls12=" + allowTls12 + "]";
    }
}
