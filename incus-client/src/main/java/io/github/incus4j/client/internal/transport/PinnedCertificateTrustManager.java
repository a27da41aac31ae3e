package io.github.incus4j.client.internal.transport;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, the way the official Incus client pins a remote's
 * certificate: the server's leaf certificate must be byte-for-byte the pinned one. Host names,
 * chains and CAs play no part, because Incus servers present self-signed certificates whose names
 * rarely match the address used to reach them.
 *
 * <p>It extends {@link X509ExtendedTrustManager} so that the JDK does not add a host name check of
 * its own on top.
 */
final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {

    private final X509Certificate pinned;
    private final String pinnedFingerprint;

    PinnedCertificateTrustManager(X509Certificate pinned) {
        this.pinned = pinned;
        this.pinnedFingerprint = fingerprint(pinned);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        if (!chain[0].equals(pinned)) {
            throw new CertificateException("the server's certificate (SHA-256 " + fingerprint(chain[0])
                    + ") is not the pinned server certificate (SHA-256 " + pinnedFingerprint + ")");
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
        throw new CertificateException("this trust manager only checks servers");
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

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unknown";
        }
    }
}
