package io.github.incus4j.spring.autoconfigure;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Key and trust material that can be replaced while a client uses it, for SSL bundles that reload.
 *
 * <p>The {@link io.github.incus4j.client.IncusClient} is immutable and its TLS context is built
 * once. Instead of rebuilding the client (and the bean users hold), the client is given key and
 * trust managers that delegate to whatever material is current: every TLS handshake after
 * {@link #update} presents the new certificate and checks the server with the new trust. Sessions
 * negotiated with the old material are invalidated so that new connections cannot resume them.
 * Connections already open in the pool keep the identity they were opened with until they close
 * (the client drops idle connections after 30 seconds).
 */
final class ReloadableTlsMaterial {

    private static final Provider PROVIDER = new Provider("incus-reloadable", "1.0",
            "Key and trust managers that follow a reloading SSL bundle") {
        private static final long serialVersionUID = 1L;
    };

    private final AtomicReference<X509ExtendedKeyManager> keyManager;
    private final @Nullable AtomicReference<X509ExtendedTrustManager> trustManager;
    /** The client-side session caches the managers were used with, to invalidate on update. */
    private final Map<SSLSessionContext, Boolean> sessionContexts = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Creates the material.
     *
     * @param keyManagers the initial key material
     * @param trustManagers the initial trust material, or {@code null} when trust is not reloaded
     *     (a pinned server certificate)
     */
    ReloadableTlsMaterial(KeyManagerFactory keyManagers, @Nullable TrustManagerFactory trustManagers) {
        this.keyManager = new AtomicReference<>(x509KeyManager(keyManagers));
        this.trustManager = trustManagers != null ? new AtomicReference<>(x509TrustManager(trustManagers)) : null;
    }

    /**
     * Replaces the material; the next TLS handshake uses it.
     *
     * @param keyManagers the new key material
     * @param trustManagers the new trust material, ignored when trust is not reloaded
     */
    void update(KeyManagerFactory keyManagers, @Nullable TrustManagerFactory trustManagers) {
        X509ExtendedKeyManager newKeyManager = x509KeyManager(keyManagers);
        X509ExtendedTrustManager newTrustManager = trustManager != null && trustManagers != null
                ? x509TrustManager(trustManagers) : null;
        keyManager.set(newKeyManager);
        if (newTrustManager != null) {
            trustManager.set(newTrustManager);
        }
        invalidateSessions();
    }

    /**
     * Returns a factory whose one key manager always delegates to the current material.
     *
     * @return the key manager factory to give the client builder
     */
    KeyManagerFactory keyManagerFactory() {
        KeyManager[] managers = {new DelegatingKeyManager()};
        return new KeyManagerFactory(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore store, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return managers.clone();
            }
        }, PROVIDER, "IncusReloadable") {
        };
    }

    /**
     * Returns a factory whose one trust manager always delegates to the current material.
     *
     * @return the trust manager factory, or {@code null} when trust is not reloaded
     */
    @Nullable TrustManagerFactory trustManagerFactory() {
        if (trustManager == null) {
            return null;
        }
        TrustManager[] managers = {new DelegatingTrustManager(trustManager)};
        return new TrustManagerFactory(new TrustManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore store) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return managers.clone();
            }
        }, PROVIDER, "IncusReloadable") {
        };
    }

    private void remember(@Nullable SSLEngine engine) {
        SSLSession handshake = engine != null ? engine.getHandshakeSession() : null;
        SSLSessionContext context = handshake != null ? handshake.getSessionContext() : null;
        if (context != null) {
            sessionContexts.put(context, Boolean.TRUE);
        }
    }

    private void invalidateSessions() {
        synchronized (sessionContexts) {
            for (SSLSessionContext context : sessionContexts.keySet()) {
                for (byte[] id : Collections.list(context.getIds())) {
                    SSLSession session = context.getSession(id);
                    if (session != null) {
                        session.invalidate();
                    }
                }
            }
        }
    }

    private static X509ExtendedKeyManager x509KeyManager(KeyManagerFactory factory) {
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager x509) {
                return x509;
            }
        }
        throw new IllegalArgumentException("the SSL bundle's key managers include no X.509 key manager");
    }

    private static X509ExtendedTrustManager x509TrustManager(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalArgumentException("the SSL bundle's trust managers include no X.509 trust manager");
    }

    /** Offers the current client certificate; remembers the session cache of each handshake. */
    private final class DelegatingKeyManager extends X509ExtendedKeyManager {

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keyManager.get().getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return keyManager.get().chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            remember(engine);
            return keyManager.get().chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keyManager.get().getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyManager.get().chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return keyManager.get().chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keyManager.get().getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keyManager.get().getPrivateKey(alias);
        }
    }

    /** Checks servers with the current trust material; remembers the session cache of each handshake. */
    private final class DelegatingTrustManager extends X509ExtendedTrustManager {

        private final AtomicReference<X509ExtendedTrustManager> current;

        DelegatingTrustManager(AtomicReference<X509ExtendedTrustManager> current) {
            this.current = current;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            remember(engine);
            current.get().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            current.get().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            current.get().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            current.get().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            current.get().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            current.get().checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return current.get().getAcceptedIssuers();
        }
    }
}
