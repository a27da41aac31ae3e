package io.github.incus4j.spring.autoconfigure;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;

/**
 * Turns an {@link SslBundle} into the key and trust managers and the TLS versions the
 * {@link io.github.incus4j.client.IncusClientBuilder} takes, honouring what the bundle says or
 * refusing it with a message naming its setting, never ignoring it.
 *
 * <ul>
 * <li>The key alias selects the client's key entry. Spring Boot's own key managers apply an alias
 * only when they act as a server, so the entry is copied into a keystore of its own; a keystore
 * with several key entries and no alias is refused rather than left to the JDK's choice.</li>
 * <li>Enabled protocols map onto the client's TLS versions: TLS 1.3, and TLS 1.2 only where
 * allowed. Anything else, and cipher suites (the client uses the JVM's defaults), are refused.</li>
 * </ul>
 */
final class SslBundleTls {

    private static final String TLS12 = "TLSv1.2";
    private static final String TLS13 = "TLSv1.3";
    private static final char[] COPY_PASSWORD = new char[0];

    private SslBundleTls() {
    }

    /**
     * How a bundle's settings are called, for messages.
     *
     * @param bundle the bundle as a whole
     * @param keyAlias its key alias
     * @param keyPassword the password of its key entry
     * @param enabledProtocols its enabled protocols
     * @param ciphers its cipher suites
     * @param protocol its SSL protocol
     */
    record Names(String bundle, String keyAlias, String keyPassword, String enabledProtocols, String ciphers,
            String protocol) {

        /**
         * Names the settings of a Spring Boot bundle.
         *
         * @param name the bundle's name
         * @param kind {@code pem} or {@code jks} when it is defined by properties, else {@code null}
         * @return its names
         */
        static Names ofSpringBundle(String name, @Nullable String kind) {
            if (kind == null) {
                String bundle = "the SSL bundle '" + name + "'";
                return new Names(bundle, bundle + " (key alias)", bundle + " (key password)",
                        bundle + " (enabled protocols)", bundle + " (ciphers)", bundle + " (protocol)");
            }
            String prefix = "spring.ssl.bundle." + kind + "." + name;
            return new Names(prefix, prefix + ".key.alias", prefix + ".key.password",
                    prefix + ".options.enabled-protocols", prefix + ".options.ciphers", prefix + ".protocol");
        }

        /**
         * Names the settings of a bundle made from a client's properties.
         *
         * @param prefix the properties' prefix
         * @param keyPassword the property holding the key entry's password
         * @return its names
         */
        static Names ofProperties(String prefix, String keyPassword) {
            String keystore = prefix + ".client-keystore";
            return new Names(keystore, prefix + ".client-key-alias", keyPassword, prefix + ".allow-tls12",
                    keystore, keystore);
        }

        /**
         * Names the settings of a bundle given by an {@link IncusConnectionDetails} bean.
         *
         * @param details the bean, as described in messages
         * @return its names
         */
        static Names ofDetails(String details) {
            String bundle = "the SSL bundle of " + details;
            return new Names(bundle, bundle + " (key alias)", bundle + " (key password)",
                    bundle + " (enabled protocols)", bundle + " (ciphers)", bundle + " (protocol)");
        }
    }

    /**
     * Returns the key managers offering the bundle's client certificate.
     *
     * @param bundle the bundle
     * @param names its settings' names
     * @return the key managers; without a keystore, the bundle's own (possibly offering nothing)
     * @throws IncusConfigurationException if the key entry cannot be chosen or read
     */
    static KeyManagerFactory keyManagers(SslBundle bundle, Names names) {
        SslBundleKey key = bundle.getKey();
        String alias = StringUtils.hasText(key.getAlias()) ? key.getAlias() : null;
        KeyStore store;
        try {
            store = bundle.getStores().getKeyStore();
        } catch (RuntimeException e) {
            throw new IncusConfigurationException(names.bundle(), "The keystore of " + names.bundle()
                    + " cannot be loaded: " + e.getMessage(), "Fix the keystore of " + names.bundle() + ".", e);
        }
        if (store == null) {
            if (alias != null) {
                throw new IncusConfigurationException(names.keyAlias(), names.keyAlias() + " is set to '" + alias
                        + "' but " + names.bundle() + " has no keystore to choose from.", "Remove " + names.keyAlias()
                        + ", or give the bundle a keystore with the client certificate.", null);
            }
            try {
                return bundle.getManagers().getKeyManagerFactory();
            } catch (RuntimeException e) {
                throw new IncusConfigurationException(names.bundle(), "The key managers of " + names.bundle()
                        + " cannot be made: " + e.getMessage(), "Fix the key material of " + names.bundle() + ".", e);
            }
        }
        String password = key.getPassword() != null ? key.getPassword() : bundle.getStores().getKeyStorePassword();
        try {
            String chosen = chooseKeyEntry(store, alias, names);
            Key privateKey = store.getKey(chosen, password != null ? password.toCharArray() : null);
            Certificate[] chain = store.getCertificateChain(chosen);
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            single.setKeyEntry(chosen, privateKey, COPY_PASSWORD, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(single, COPY_PASSWORD);
            return factory;
        } catch (UnrecoverableKeyException e) {
            throw new IncusConfigurationException(names.keyPassword(), "Invalid " + names.keyPassword() + ": the key "
                    + "of " + names.bundle() + " cannot be recovered with it: wrong key password.", "Set "
                    + names.keyPassword() + " to the password of the key entry.", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IncusConfigurationException(names.bundle(), "The key entry of " + names.bundle()
                    + " cannot be used: " + e.getMessage(), "Give " + names.bundle() + " a key entry with the "
                    + "client certificate and its private key.", e);
        }
    }

    private static String chooseKeyEntry(KeyStore store, @Nullable String alias, Names names)
            throws GeneralSecurityException {
        List<String> keyEntries = new ArrayList<>();
        for (String entry : Collections.list(store.aliases())) {
            if (store.isKeyEntry(entry)) {
                keyEntries.add(entry);
            }
        }
        if (alias != null) {
            if (!store.isKeyEntry(alias)) {
                throw new IncusConfigurationException(names.keyAlias(), "Invalid " + names.keyAlias() + ": "
                        + names.bundle() + " has no key entry named '" + alias + "'; its key entries are " + keyEntries
                        + ".", "Set " + names.keyAlias() + " to the alias of the key entry holding the client "
                        + "certificate.", null);
            }
            return alias;
        }
        if (keyEntries.size() == 1) {
            return keyEntries.get(0);
        }
        if (keyEntries.isEmpty()) {
            throw new IncusConfigurationException(names.bundle(), names.bundle() + " has a keystore without a key "
                    + "entry (a private key with its certificate).", "Give " + names.bundle() + " a keystore holding "
                    + "the client certificate and its key.", null);
        }
        throw new IncusConfigurationException(names.keyAlias(), names.bundle() + " has " + keyEntries.size()
                + " key entries " + keyEntries + " and no key alias: the client would present whichever the JDK "
                + "picks.", "Set " + names.keyAlias() + " to the one holding the client certificate.", null);
    }

    /**
     * Returns the trust managers of the bundle: its truststore, or the JVM's default one.
     *
     * @param bundle the bundle
     * @param names its settings' names
     * @return the trust managers
     * @throws IncusConfigurationException if the truststore cannot be used
     */
    static TrustManagerFactory trustManagers(SslBundle bundle, Names names) {
        try {
            return bundle.getManagers().getTrustManagerFactory();
        } catch (RuntimeException e) {
            throw new IncusConfigurationException(names.bundle(), "The truststore of " + names.bundle()
                    + " cannot be used: " + e.getMessage(), "Give " + names.bundle() + " a truststore with the "
                    + "daemon's certificate or the authority that signed it.", e);
        }
    }

    /**
     * Decides whether TLS 1.2 may be negotiated, from the bundle's options and the client's own
     * setting; refuses options the client cannot honour.
     *
     * @param bundle the bundle
     * @param names its settings' names
     * @param allowTls12 the client's own setting
     * @param allowTls12Property the name of that setting
     * @return whether to allow TLS 1.2
     * @throws IncusConfigurationException for cipher suites, a protocol other than TLS, enabled
     *     protocols other than TLS 1.3 (with TLS 1.2), or enabled protocols that contradict the setting
     */
    static boolean allowTls12(SslBundle bundle, Names names, boolean allowTls12, String allowTls12Property) {
        SslOptions options = bundle.getOptions();
        if (options.getCiphers() != null) {
            throw new IncusConfigurationException(names.ciphers(), names.ciphers() + " is set, but the Incus client "
                    + "cannot restrict cipher suites: it negotiates TLS 1.3 (and TLS 1.2 where allowed) with the "
                    + "JVM's default suites.", "Remove " + names.ciphers() + ", or give Incus an SSL bundle of its "
                    + "own without ciphers (the JVM's suites can be limited with the jdk.tls.disabledAlgorithms "
                    + "security property).", null);
        }
        String protocol = bundle.getProtocol();
        if (!"TLS".equalsIgnoreCase(protocol) && !TLS13.equalsIgnoreCase(protocol)) {
            throw new IncusConfigurationException(names.protocol(), names.protocol() + " is '" + protocol
                    + "', but the Incus client speaks TLS 1.3 (and TLS 1.2 where allowed) whatever the SSL "
                    + "context's protocol.", "Remove " + names.protocol() + " (its default is TLS), and choose the TLS "
                    + "versions with " + names.enabledProtocols() + ".", null);
        }
        String[] enabled = options.getEnabledProtocols();
        if (enabled == null) {
            return allowTls12;
        }
        Set<String> protocols = new LinkedHashSet<>();
        for (String name : enabled) {
            protocols.add(name.strip());
        }
        Set<String> unsupported = new LinkedHashSet<>(protocols);
        unsupported.remove(TLS12);
        unsupported.remove(TLS13);
        if (!unsupported.isEmpty() || !protocols.contains(TLS13)) {
            throw new IncusConfigurationException(names.enabledProtocols(), "Invalid " + names.enabledProtocols()
                    + ": " + protocols + ". The Incus client always offers " + TLS13 + ", and " + TLS12 + " only "
                    + "where allowed" + (unsupported.isEmpty() ? "" : "; it cannot use " + unsupported) + ".", "Set "
                    + names.enabledProtocols() + " to " + TLS13 + " (Incus requires it unless INCUS_INSECURE_TLS is "
                    + "set), or to " + TLS13 + "," + TLS12 + ", or remove it.", null);
        }
        boolean withTls12 = protocols.contains(TLS12);
        if (allowTls12 && !withTls12) {
            throw new IncusConfigurationException(allowTls12Property, allowTls12Property + " is true but "
                    + names.enabledProtocols() + " does not list " + TLS12 + ".", "Add " + TLS12 + " to "
                    + names.enabledProtocols() + ", or remove " + allowTls12Property + ".", null);
        }
        return withTls12;
    }
}
