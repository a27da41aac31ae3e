package io.github.incus4j.client.transport;

import io.github.incus4j.client.IncusSettingException;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The JDK {@link SSLContext} for the same key and trust material as the client's Netty TLS
 * context, for the connections the client opens without Netty ({@link RawUpgrader}).
 */
final class JdkTls {

    private JdkTls() {
    }

    static SSLContext context(TlsSettings tls) {
        KeyManager[] keys = tls.keyManagers() != null ? tls.keyManagers().getKeyManagers() : null;
        TrustManager[] trust = tls.pinnedServerCertificate() != null
                ? new TrustManager[] {new PinnedCertificateTrustManager(tls.pinnedServerCertificate())}
                : tls.trustManagers() != null ? tls.trustManagers().getTrustManagers() : null;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IncusSettingException(IncusSettingException.Setting.TLS,
                    "cannot set up TLS with " + tls + ": " + e.getMessage(), e);
        }
    }
}
