package io.github.incus4j.client.internal.transport;

import io.github.incus4j.client.exception.IncusSettingException.Setting;
import io.github.incus4j.client.exception.IncusSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Loads the key material for mutual TLS: the client's certificate and key, a pinned server
 * certificate, or a CA.
 *
 * <p>Every failure is an {@link IncusSettingException} that names the file and says what is
 * wrong with it, and whose {@link IncusSettingException#setting()} says which setting is at fault
 * (for example {@link Setting#CLIENT_KEY} rather than {@link Setting#CLIENT_CERTIFICATE});
 * passwords never appear in messages.
 */
public final class ClientKeys {

    private ClientKeys() {
    }

    /**
     * Reads a client certificate and its private key from PEM files, as written by
     * {@code openssl} or by the {@code incus} command line ({@code client.crt}, {@code client.key}).
     *
     * @param certificate the PEM certificate (chain) file
     * @param privateKey the PEM private key file (PKCS#8, SEC1 EC or PKCS#1 RSA, unencrypted)
     * @return a key manager factory offering that certificate
     * @throws IncusSettingException for {@link Setting#CLIENT_CERTIFICATE} or {@link Setting#CLIENT_KEY},
     *     whichever file is at fault (a key that does not belong to the certificate is the key's fault)
     */
    public static KeyManagerFactory fromPemFiles(Path certificate, Path privateKey) {
        String certificateSource = "client certificate file '" + certificate + "'";
        String keySource = "client key file " + fileName(privateKey);
        return fromPem(read(certificate, certificateSource, Setting.CLIENT_CERTIFICATE), certificateSource,
                read(privateKey, keySource, Setting.CLIENT_KEY), keySource);
    }

    /**
     * Builds key material from PEM text.
     *
     * @param certificatePem the PEM certificate (chain)
     * @param certificateSource where it came from, for messages
     * @param privateKeyPem the PEM private key
     * @param keySource where it came from, for messages
     * @return a key manager factory offering that certificate
     * @throws IncusSettingException for {@link Setting#CLIENT_CERTIFICATE} or {@link Setting#CLIENT_KEY}
     */
    public static KeyManagerFactory fromPem(String certificatePem, String certificateSource,
            String privateKeyPem, String keySource) {
        List<X509Certificate> chain = Pem.certificates(certificatePem, certificateSource, Setting.CLIENT_CERTIFICATE);
        PrivateKey key = Pem.privateKey(privateKeyPem, keySource);
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IncusSettingException(Setting.CLIENT_KEY,
                    keySource + " (" + key.getAlgorithm() + ") does not belong to "
                    + certificateSource + " (" + chain.get(0).getPublicKey().getAlgorithm() + ")");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("incus-client", key, password, chain.toArray(new Certificate[0]));
            return keyManagers(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IncusSettingException(Setting.CLIENT_KEY,
                    "cannot use " + keySource + " with " + certificateSource + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Loads key material from a keystore file.
     *
     * @param keyStore the keystore file
     * @param type {@code PKCS12} or {@code JKS}; {@code null} guesses from the file
     * @param password the keystore password (also used for the key)
     * @param alias the entry to use, or {@code null} for the only key entry
     * @return a key manager factory offering that entry's certificate
     * @throws IncusSettingException for {@link Setting#CLIENT_KEYSTORE} (missing or unreadable file),
     *     {@link Setting#CLIENT_KEYSTORE_TYPE} (a type the JVM does not know),
     *     {@link Setting#CLIENT_KEYSTORE_PASSWORD} (wrong password) or {@link Setting#CLIENT_KEY_ALIAS}
     *     (no such key entry, or several and no alias)
     */
    public static KeyManagerFactory fromKeyStore(Path keyStore, @Nullable String type, char[] password,
            @Nullable String alias) {
        String source = "client keystore '" + keyStore + "'";
        try {
            KeyStore store;
            if (type == null || type.isBlank()) {
                // The JDK recognises PKCS12 and JKS files by their content.
                store = KeyStore.getInstance(keyStore.toFile(), password);
            } else {
                store = ofType(type, source);
                try (InputStream in = Files.newInputStream(keyStore)) {
                    store.load(in, password);
                }
            }
            return fromKeyStore(store, password, alias, source);
        } catch (NoSuchFileException e) {
            throw new IncusSettingException(Setting.CLIENT_KEYSTORE, source + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IncusSettingException(Setting.CLIENT_KEYSTORE_PASSWORD, source
                        + " could not be opened: wrong keystore password", e);
            }
            throw new IncusSettingException(Setting.CLIENT_KEYSTORE, source + " could not be read (" + e.getMessage()
                    + "); check the file and the keystore type (PKCS12 or JKS)", e);
        } catch (GeneralSecurityException e) {
            throw unreadable(Setting.CLIENT_KEYSTORE, source, e);
        }
    }

    private static KeyStore ofType(String type, String source) {
        try {
            return KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw unreadable(Setting.CLIENT_KEYSTORE_TYPE, source, e);
        }
    }

    private static IncusSettingException unreadable(Setting setting, String source, GeneralSecurityException e) {
        return new IncusSettingException(setting, source + " could not be read: " + e.getMessage()
                + "; check the keystore type (PKCS12 or JKS)", e);
    }

    /**
     * Uses an already loaded keystore.
     *
     * @param store the keystore
     * @param password the key password
     * @param alias the entry to use, or {@code null} for the only key entry
     * @param source where the keystore came from, for messages
     * @return a key manager factory offering that entry's certificate
     * @throws IncusSettingException for {@link Setting#CLIENT_KEYSTORE_PASSWORD} (the key cannot be
     *     recovered with the password), {@link Setting#CLIENT_KEY_ALIAS} or {@link Setting#CLIENT_KEYSTORE}
     */
    public static KeyManagerFactory fromKeyStore(KeyStore store, char[] password, @Nullable String alias,
            String source) {
        try {
            String chosen = chooseAlias(store, alias, source);
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            single.setKeyEntry(chosen, store.getKey(chosen, password), password, store.getCertificateChain(chosen));
            return keyManagers(single, password);
        } catch (UnrecoverableKeyException e) {
            throw new IncusSettingException(Setting.CLIENT_KEYSTORE_PASSWORD, source
                    + ": the key cannot be recovered: wrong key password", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IncusSettingException(Setting.CLIENT_KEYSTORE, source + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a server certificate to pin, as found in {@code servercerts/<remote>.crt} of the
     * {@code incus} command line or in the daemon's {@code server.crt}.
     *
     * @param file the PEM file
     * @return the certificate
     * @throws IncusSettingException for {@link Setting#SERVER_CERTIFICATE}
     */
    public static X509Certificate certificateFromPemFile(Path file) {
        String source = "server certificate file '" + file + "'";
        return Pem.certificates(read(file, source, Setting.SERVER_CERTIFICATE), source, Setting.SERVER_CERTIFICATE)
                .get(0);
    }

    /**
     * Builds trust in the certificate authorities of a PEM file (PKI mode).
     *
     * @param file the PEM file with one or more CA certificates
     * @return a trust manager factory trusting exactly those authorities
     * @throws IncusSettingException for {@link Setting#CERTIFICATE_AUTHORITIES}
     */
    public static TrustManagerFactory trustAuthorities(Path file) {
        String source = "CA certificate file '" + file + "'";
        Setting setting = Setting.CERTIFICATE_AUTHORITIES;
        List<X509Certificate> authorities = Pem.certificates(read(file, source, setting), source, setting);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IncusSettingException(setting, source + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static String chooseAlias(KeyStore store, @Nullable String alias, String source)
            throws GeneralSecurityException {
        if (alias != null && !alias.isBlank()) {
            if (!store.isKeyEntry(alias)) {
                throw new IncusSettingException(Setting.CLIENT_KEY_ALIAS,
                        source + " has no key entry named '" + alias + "'; it has "
                        + Collections.list(store.aliases()));
            }
            return alias;
        }
        List<String> keyEntries = Collections.list(store.aliases()).stream().filter(name -> isKey(store, name)).toList();
        if (keyEntries.size() != 1) {
            throw new IncusSettingException(Setting.CLIENT_KEY_ALIAS,
                    source + " has " + keyEntries.size() + " key entries " + keyEntries
                    + "; name the one to use (key alias)");
        }
        return keyEntries.get(0);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyManagerFactory keyManagers(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory;
    }

    private static String read(Path file, String source, Setting setting) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            // The JDK's message is the file name: left out where that name is really a pasted key.
            throw new IncusSettingException(setting, source + " does not exist", isPem(file) ? null : e);
        } catch (IOException e) {
            throw new IncusSettingException(setting, source + " cannot be read"
                    + (isPem(file) ? "" : ": " + e.getMessage()), isPem(file) ? null : e);
        }
    }

    /** A key file's name in quotes, unless the caller passed the key itself for it, which is never echoed. */
    private static String fileName(Path file) {
        return isPem(file) ? "(PEM text given as the file name; not shown)" : "'" + file + "'";
    }

    private static boolean isPem(Path file) {
        String name = file.toString();
        return name.contains("-----") || name.contains("\n");
    }
}
