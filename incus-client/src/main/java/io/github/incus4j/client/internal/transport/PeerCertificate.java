package io.github.incus4j.client.internal.transport;

import io.github.incus4j.client.exception.IncusConnectionException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the certificate a server presents, to check it against a fingerprint the caller already
 * trusts: how a server that joins a cluster learns the cluster's certificate from a join token,
 * as the {@code incus} command line does. The certificate is accepted only when its SHA-256
 * fingerprint is the expected one, so trusting any certificate during the handshake is safe here;
 * nothing is sent over the connection.
 */
public final class PeerCertificate {

    private PeerCertificate() {
    }

    /**
     * Connects to an address, reads the server's certificate and checks its fingerprint.
     *
     * @param address {@code host:port} (IPv6 in brackets)
     * @param expectedSha256 the certificate's SHA-256 fingerprint in hex, as a join token carries it
     * @param timeout for the connection and the handshake
     * @return the certificate in PEM
     * @throws IncusConnectionException if nothing answers there or the handshake fails
     * @throws IllegalArgumentException if the certificate is not the expected one
     */
    public static String fetch(String address, String expectedSha256, Duration timeout) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + address + "' is not host:port");
        }
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        X509Certificate certificate;
        try (SSLSocket socket = (SSLSocket) anyCertificate().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            certificate = (X509Certificate) chain[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new IncusConnectionException(IncusConnectionException.Reason.TLS, "https://" + address, "could not read the "
                    + "certificate of the cluster member at " + address + " named in the join token: " + e.getMessage()
                    + "; check that the address is reachable from here", e);
        }
        String actual = sha256(certificate);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new IllegalArgumentException("the cluster member at " + address + " presents a certificate with "
                    + "fingerprint " + actual + ", not the " + expectedSha256 + " the join token names: it is not "
                    + "the cluster that issued the token");
        }
        return pem(certificate);
    }

    private static SSLContext anyCertificate() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptAny()}, null);
        return context;
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the certificate cannot be encoded", e);
        }
    }

    /** Accepts any certificate: the fingerprint check after the handshake is what trusts it. */
    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // checked by fingerprint once the handshake is done
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
