package io.github.incus4j.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Reads the TLS material of one client's properties with Spring Boot's own PEM and keystore
 * support ({@link PemContent}, {@link PemSslStore}, {@link PemSslStoreBundle},
 * {@link JksSslStoreBundle}) and the application's {@link ResourceLoader}: every certificate, key
 * and keystore property takes a location ({@code classpath:}, {@code file:} or a path, as
 * {@code spring.ssl.bundle.*} does), and the PEM ones the PEM text itself; PKCS#8 keys may be
 * encrypted ({@code client-key-password}).
 *
 * <p>The client certificate and key (or keystore) and the certificate authorities become one
 * {@link SslBundle}; the pinned server certificate stays apart, because a bundle's truststore is
 * checked with host name verification and a pin is not. Everything is read and checked at
 * start-up; each failure names its property and the fix, and never quotes the value of
 * {@code client-key} or a password.
 */
final class PropertiesTlsMaterial {

    private final IncusConnectionProperties settings;
    private final String prefix;
    private final ResourceLoader resources;
    private final Function<String, @Nullable String> origins;

    private PropertiesTlsMaterial(IncusConnectionProperties settings, String prefix, ResourceLoader resources,
            Function<String, @Nullable String> origins) {
        this.settings = settings;
        this.prefix = prefix;
        this.resources = resources;
        this.origins = origins;
    }

    /**
     * What the properties give.
     *
     * @param sslBundle the client certificate (keystore) and authorities (truststore), or
     *     {@code null} when none of them is set
     * @param serverCertificate the server certificate to pin, or {@code null}
     * @param keyPasswordProperty the property holding the password of the bundle's key entry,
     *     for messages
     */
    record Material(@Nullable SslBundle sslBundle, @Nullable X509Certificate serverCertificate,
            String keyPasswordProperty) {

        /** Whether the bundle carries a client certificate. */
        boolean hasClientCertificate() {
            return sslBundle != null && sslBundle.getStores().getKeyStore() != null;
        }
    }

    /**
     * Reads the material of settings that are used over HTTPS and do not name an SSL bundle.
     *
     * @param settings the client's settings (explicit, completed from the incus command line)
     * @param prefix the properties' prefix, such as {@code incus} or {@code incus.clients.lab}
     * @param resources resolves locations
     * @param origins describes where a property was set (by its full name), or {@code null}
     * @param alias the alias of the key entry made from PEM (shown by Boot's ssl info)
     * @return the material
     * @throws IncusConfigurationException naming the property at fault
     */
    static Material read(IncusConnectionProperties settings, String prefix, ResourceLoader resources,
            Function<String, @Nullable String> origins, String alias) {
        return new PropertiesTlsMaterial(settings, prefix, resources, origins).read(alias);
    }

    private Material read(String alias) {
        String certificate = text(settings.getClientCertificate());
        String key = text(settings.getClientKey());
        String keystore = text(settings.getClientKeystore());
        String authorities = text(settings.getCertificateAuthorities());
        String pinned = text(settings.getServerCertificate());
        checkCombinations(certificate, key, keystore);
        PemSslStore trust = authorities != null ? PemSslStore.of(null, "ca", null,
                certificates("certificate-authorities", authorities, "the PEM certificates of the authorities that "
                        + "signed the daemon's certificate"), null) : null;
        X509Certificate serverCertificate = pinned != null ? certificates("server-certificate", pinned, "the daemon's "
                + "certificate in PEM: its server.crt, or the servercerts/REMOTE.crt of the incus command line")
                .get(0) : null;
        String keyPasswordProperty = property(StringUtils.hasText(settings.getClientKeyPassword())
                ? "client-key-password" : "client-keystore-password");
        SslBundle bundle;
        if (certificate != null && key != null) {
            List<X509Certificate> chain = certificates("client-certificate", certificate, "the PEM client "
                    + "certificate, such as the client.crt of the incus command line");
            PrivateKey privateKey = privateKey(key, chain.get(0).getPublicKey());
            bundle = SslBundle.of(new PemSslStoreBundle(PemSslStore.of(null, alias, null, chain, privateKey), trust));
        } else if (keystore != null) {
            KeyStore store = keyStore(keystore);
            KeyStore trustStore = trust != null ? new PemSslStoreBundle(null, trust).getTrustStore() : null;
            bundle = SslBundle.of(SslStoreBundle.of(store, settings.getClientKeystorePassword(), trustStore),
                    SslBundleKey.of(text(settings.getClientKeyPassword()), text(settings.getClientKeyAlias())));
        } else {
            bundle = trust != null ? SslBundle.of(new PemSslStoreBundle(null, trust)) : null;
        }
        return new Material(bundle, serverCertificate, keyPasswordProperty);
    }

    /** Settings that only make sense with others, refused rather than ignored. */
    private void checkCombinations(@Nullable String certificate, @Nullable String key, @Nullable String keystore) {
        String certificateProperty = property("client-certificate");
        String keyProperty = property("client-key");
        String keystoreProperty = property("client-keystore");
        if (certificate != null && key == null) {
            throw conflict(keyProperty, certificateProperty + " is set but " + keyProperty + " is not.", "Set "
                    + keyProperty + " to the PEM private key that goes with the certificate (client.key next to "
                    + "client.crt), or to its location.");
        }
        if (key != null && certificate == null) {
            throw conflict(certificateProperty, keyProperty + " is set but " + certificateProperty + " is not.",
                    "Set " + certificateProperty + " to the PEM certificate that goes with the key (client.crt next "
                            + "to client.key), or to its location.");
        }
        if (keystore == null) {
            for (String keystoreOnly : List.of("client-key-alias", "client-keystore-type", "client-keystore-password")) {
                String value = switch (keystoreOnly) {
                    case "client-key-alias" -> settings.getClientKeyAlias();
                    case "client-keystore-type" -> settings.getClientKeystoreType();
                    default -> settings.getClientKeystorePassword();
                };
                if (StringUtils.hasText(value)) {
                    throw conflict(property(keystoreOnly), property(keystoreOnly) + " is set but " + keystoreProperty
                            + " is not: it applies to the client keystore only.", "Remove " + property(keystoreOnly)
                            + ", or give the client certificate as a keystore with " + keystoreProperty + ".");
                }
            }
            if (key == null && StringUtils.hasText(settings.getClientKeyPassword())) {
                throw conflict(property("client-key-password"), property("client-key-password") + " is set but "
                        + "neither " + keyProperty + " nor " + keystoreProperty + " is.", "Remove "
                        + property("client-key-password") + ", or set the encrypted key with " + keyProperty + ".");
            }
        }
    }

    /** The certificates of a PEM property, at least one. */
    private List<X509Certificate> certificates(String key, String value, String what) {
        String property = property(key);
        PemContent content = pem(property, value, false, what);
        try {
            List<X509Certificate> certificates = content.getCertificates();
            if (!certificates.isEmpty()) {
                return certificates;
            }
        } catch (RuntimeException e) {
            throw new IncusConfigurationException(property, "Invalid " + property + ": " + TlsValues.quoted(value)
                    + " holds no readable PEM certificate (-----BEGIN CERTIFICATE-----): " + e.getMessage(),
                    pointAt(property, what), e);
        }
        throw new IncusConfigurationException(property, "Invalid " + property + ": " + TlsValues.quoted(value)
                + " holds no PEM certificate (-----BEGIN CERTIFICATE-----).", pointAt(property, what),
                null);
    }

    /** The private key of {@code client-key}, checked against the certificate's public key. */
    private PrivateKey privateKey(String value, PublicKey certificateKey) {
        String property = property("client-key");
        String passwordProperty = property("client-key-password");
        String password = text(settings.getClientKeyPassword());
        String text = pem(property, value, true, "the PEM private key").toString();
        if (text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw conflict(property, "Invalid " + property + ": the key is encrypted the legacy OpenSSL way "
                    + "(Proc-Type: 4,ENCRYPTED), which Java cannot read.", "Convert it to encrypted PKCS#8 ('openssl "
                    + "pkcs8 -topk8 -v2 aes-256-cbc -in client.key -out client-pkcs8.key') and set "
                    + passwordProperty + ", or decrypt it ('openssl pkey -in client.key -out plain.key').");
        }
        boolean encrypted = text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        if (encrypted && password == null) {
            throw conflict(passwordProperty, "The private key of " + property + " is encrypted (-----BEGIN ENCRYPTED "
                    + "PRIVATE KEY-----) but " + passwordProperty + " is not set.", "Set " + passwordProperty
                    + " to the key's password, or give " + property + " an unencrypted key.");
        }
        if (!encrypted && password != null) {
            throw conflict(passwordProperty, passwordProperty + " is set but the private key of " + property
                    + " is not encrypted.", "Remove " + passwordProperty + ", or give " + property
                    + " the encrypted PKCS#8 key (-----BEGIN ENCRYPTED PRIVATE KEY-----) it belongs to.");
        }
        PrivateKey key;
        try {
            key = PemContent.of(text).getPrivateKey(password);
        } catch (RuntimeException e) {
            if (encrypted) {
                throw new IncusConfigurationException(passwordProperty, "Invalid " + passwordProperty + ": the "
                        + "private key of " + property + " cannot be decrypted with it (wrong password, or an "
                        + "encryption Java does not support): " + e.getMessage(), "Set " + passwordProperty
                        + " to the password the key was encrypted with.", e);
            }
            throw new IncusConfigurationException(property, "Invalid " + property + ": " + hidden(property)
                    + " holds no private key Spring Boot can read: " + e.getMessage(), pointAt(property,
                    "the PEM private key (PKCS#8, encrypted PKCS#8, SEC1 EC or PKCS#1 RSA)"), e);
        }
        if (key == null || !belongTogether(key, certificateKey)) {
            throw conflict(property, "Invalid " + property + ": the private key " + (key == null ? "is missing"
                    : "(" + key.getAlgorithm() + ") does not belong to the certificate of " + property("client-certificate")
                    + " (" + certificateKey.getAlgorithm() + ")") + ".", pointAt(property,
                    "the private key that belongs to " + property("client-certificate")));
        }
        return key;
    }

    /** The keystore of {@code client-keystore}, opened with its type and password. */
    private KeyStore keyStore(String location) {
        String property = property("client-keystore");
        String typeProperty = property("client-keystore-type");
        String passwordProperty = property("client-keystore-password");
        String type = text(settings.getClientKeystoreType());
        if (type != null) {
            try {
                KeyStore.getInstance(type);
            } catch (KeyStoreException e) {
                throw new IncusConfigurationException(typeProperty, "Invalid " + typeProperty + ": '" + type
                        + "' is not a keystore type this JVM knows.", "Set " + typeProperty + " to PKCS12 or JKS, "
                        + "or remove it to recognise the type from the file.", e);
            }
        }
        resource(property, location, false, "Point " + property + " at a PKCS12 or JKS file with the client's "
                + "certificate and key (a path, or a file: or classpath: location).");
        JksSslStoreDetails details = new JksSslStoreDetails(type, null, location.strip(),
                settings.getClientKeystorePassword());
        try {
            KeyStore store = new JksSslStoreBundle(details, null, resources).getKeyStore();
            if (store != null) {
                return store;
            }
        } catch (RuntimeException e) {
            if (causedBy(e, UnrecoverableKeyException.class)) {
                throw new IncusConfigurationException(passwordProperty, "Invalid " + passwordProperty + ": the client "
                        + "keystore " + TlsValues.quoted(location) + " could not be opened: wrong keystore password.",
                        "Set " + passwordProperty + " to the password of " + property + " (it is used for the key "
                        + "entry too, unless " + property("client-key-password") + " is set).", e);
            }
            throw new IncusConfigurationException(property, "Invalid " + property + ": " + TlsValues.quoted(location)
                    + " could not be read as a " + (type != null ? type : "PKCS12 or JKS") + " keystore ("
                    + rootMessage(e) + ").", "Point " + property + " at a PKCS12 or JKS file with the client's "
                    + "certificate and key, and check " + typeProperty + ".", e);
        }
        throw conflict(property, "Invalid " + property + ": no keystore was loaded from " + TlsValues.quoted(location)
                + ".", "Point " + property + " at a PKCS12 or JKS file with the client's certificate and key.");
    }

    /** The PEM content of a property: the text itself, or what its location holds. */
    private PemContent pem(String property, String value, boolean secret, String what) {
        if (PemContent.isPresentInText(value)) {
            return PemContent.of(value);
        }
        if (value.contains("-----BEGIN")) {
            throw conflict(property, "Invalid " + property + ": " + (secret ? hidden(property) : "its value")
                    + " starts like PEM content but has no matching '-----END ...-----' line; was it cut short?",
                    "Give " + property + " the whole PEM text, or the location of the file holding it.");
        }
        Resource resource = resource(property, value, secret, pointAt(property, what));
        try (InputStream in = resource.getInputStream()) {
            return PemContent.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IncusConfigurationException(property, "Invalid " + property + ": " + (secret ? hidden(property)
                    + " names a file or resource that cannot be read (" + e.getClass().getSimpleName() + ")"
                    : TlsValues.quoted(value) + " cannot be read: " + e.getMessage()) + ".", pointAt(property, what),
                    secret ? null : e);
        }
    }

    /** The existing resource a location names. */
    private Resource resource(String property, String location, boolean secret, String action) {
        Resource resource;
        try {
            resource = resources.getResource(location.strip());
        } catch (RuntimeException e) {
            boolean quotable = !secret && !TlsValues.isContent(location);
            throw new IncusConfigurationException(property, "Invalid " + property + ": " + (secret ? hidden(property)
                    : TlsValues.quoted(location)) + " is neither PEM text nor a location" + (quotable ? " ("
                    + e.getMessage() + ")" : "") + ".", action, quotable ? e : null);
        }
        if (!resource.exists()) {
            throw conflict(property, "Invalid " + property + ": " + (secret ? hidden(property)
                    + " is not PEM text, and the file or resource it names does not exist"
                    : TlsValues.quoted(location) + (TlsValues.isContent(location) ? ""
                            : " (" + resource.getDescription() + ")") + " does not exist") + ".",
                    action);
        }
        return resource;
    }

    /** Names a value that is never quoted, and where it was set, so that the user can find it. */
    private String hidden(String property) {
        String origin = origins.apply(property);
        return "its value (not shown: it may hold a private key" + (origin != null ? "; set in " + origin : "") + ")";
    }

    private static String pointAt(String property, String what) {
        return "Point " + property + " at " + what + " (a path, or a file: or classpath: location), or set it to the "
                + "PEM text itself.";
    }

    /** Whether the private key signs what the certificate's public key verifies. */
    private static boolean belongTogether(PrivateKey key, PublicKey certificateKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return key.getAlgorithm().equals(certificateKey.getAlgorithm());
        }
        try {
            byte[] probe = "incus4j key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 16; depth++, current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current.getCause() != null && current.getCause() != current && depth < 16; depth++) {
            current = current.getCause();
        }
        return current.getClass().getSimpleName() + (current.getMessage() != null ? ": " + current.getMessage() : "");
    }

    private String property(String key) {
        return prefix + "." + key;
    }

    private static @Nullable String text(@Nullable String value) {
        return StringUtils.hasText(value) ? value : null;
    }

    private static IncusConfigurationException conflict(String property, String description, String action) {
        return new IncusConfigurationException(property, description, action, null);
    }
}
