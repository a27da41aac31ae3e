package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import io.github.incus4j.client.IncusSettingException;
import io.github.incus4j.client.IncusSettingException.Setting;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Turns the settings of one client ({@code incus.*} or {@code incus.clients.NAME.*}) into an
 * {@link IncusClient}.
 *
 * <p>With {@code remote} (or {@code cli-config-dir}) the settings are first completed from the
 * incus command line's configuration ({@link IncusCliRemotes}); a remote with several addresses
 * gives the client all of them, tried in turn. Every setting goes through the client's builder; whatever the builder refuses, and settings
 * that exclude each other, become an {@link IncusConfigurationException} naming the property and
 * the fix. Nothing is contacted: an unreachable daemon shows in the health and in the errors of
 * calls, not at startup.
 */
final class IncusClientFactory {

    private static final Log logger = LogFactory.getLog(IncusClientFactory.class);

    private static final String URL = "incus.url";
    private static final String SOCKET_PATH = "incus.socket-path";
    private static final String CLIENT_CERTIFICATE = "incus.client-certificate";
    private static final String CLIENT_KEY = "incus.client-key";
    private static final String CLIENT_KEYSTORE = "incus.client-keystore";
    private static final String CLIENT_KEYSTORE_TYPE = "incus.client-keystore-type";
    private static final String CLIENT_KEYSTORE_PASSWORD = "incus.client-keystore-password";
    private static final String CLIENT_KEY_ALIAS = "incus.client-key-alias";
    private static final String SERVER_CERTIFICATE = "incus.server-certificate";
    private static final String CERTIFICATE_AUTHORITIES = "incus.certificate-authorities";
    private static final String SSL_BUNDLE = "incus.ssl.bundle";

    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("(?<![\\w.-])incus\\.(?!example\\.)");

    private final IncusConnectionProperties configured;
    private final String prefix;
    private final @Nullable Path fallbackCliConfigDir;
    private final Function<String, @Nullable String> environment;
    private final Supplier<@Nullable SslBundles> sslBundles;
    private final Supplier<WebClient.@Nullable Builder> webClientBuilder;
    private final List<IncusClientCustomizer> customizers;

    /** The settings in force: the configured ones, completed from the incus command line's configuration. */
    private IncusConnectionProperties properties;

    /**
     * Creates the factory.
     *
     * @param properties the settings
     * @param prefix the prefix of the settings' properties, {@code incus} or {@code incus.clients.NAME}
     * @param fallbackCliConfigDir the command line's configuration directory to use when the settings
     *     name a remote but no directory (for named clients: {@code incus.cli-config-dir}), or {@code null}
     * @param environment looks up environment variables ({@code INCUS_CONF}, {@code HOME}, ...)
     * @param sslBundles the application's SSL bundles, looked up only when {@code incus.ssl.bundle} is set
     * @param webClientBuilder looks up the application's WebClient builder (observations, filters), which
     *     may be {@code null}; called on the client's first request, not at start-up
     * @param customizers callbacks applied after the properties, in order
     */
    IncusClientFactory(IncusConnectionProperties properties, String prefix, @Nullable Path fallbackCliConfigDir,
            Function<String, @Nullable String> environment, Supplier<@Nullable SslBundles> sslBundles,
            Supplier<WebClient.@Nullable Builder> webClientBuilder, List<IncusClientCustomizer> customizers) {
        this.configured = properties;
        this.properties = properties;
        this.prefix = prefix;
        this.fallbackCliConfigDir = fallbackCliConfigDir;
        this.environment = environment;
        this.sslBundles = sslBundles;
        this.webClientBuilder = webClientBuilder;
        this.customizers = List.copyOf(customizers);
    }

    /**
     * Builds the client.
     *
     * @return the client; nothing has been sent to the daemon
     * @throws IncusConfigurationException if the settings cannot make a client
     */
    IncusClient create() {
        // Whatever fails, nothing that may hold key material or a password leaves in a message.
        SecretValues secrets = SecretValues.of(configured, prefix);
        try {
            IncusCliRemotes.Resolved resolved = IncusCliRemotes.requested(configured)
                    ? IncusCliRemotes.resolve(configured, prefix, fallbackCliConfigDir, environment) : null;
            properties = resolved != null ? resolved.settings() : configured;
            try {
                return build(resolved);
            } catch (IncusConfigurationException e) {
                throw fromFile(renamed(e), resolved);
            }
        } catch (RuntimeException e) {
            throw secrets.redact(e);
        }
    }

    private IncusClient build(IncusCliRemotes.@Nullable Resolved resolved) {
        IncusClientBuilder builder = IncusClient.builder();
        // Looked up on the first request: creating Boot's WebClient.Builder bean sets up an HTTP
        // connector and codecs, a cost start-up should not carry (docs/BENCHMARKS.md, B6). The
        // client clones the builder and sets its own connector, URI handling and codecs on the clone.
        builder.webClientBuilder(webClientBuilder);
        String url = StringUtils.hasText(properties.getUrl()) ? properties.getUrl().strip() : null;
        applyEndpoint(builder, url);
        if (resolved != null && resolved.addresses().size() > 1) {
            // The client tries them in turn: requests, websockets and raw connections alike.
            apply(URL, () -> builder.urls(resolved.addresses().stream().map(URI::toString).toList()),
                    "Check the addresses of remote '" + resolved.remote() + "' ('incus remote list').");
        }
        if (url != null) {
            applyTls(builder);
        } else {
            rejectTlsSettingsWithoutUrl();
        }
        applyScopeAndLimits(builder);
        customizers.forEach(customizer -> customizer.customize(builder));
        IncusClient client;
        try {
            client = builder.build();
        } catch (IllegalArgumentException e) {
            throw new IncusConfigurationException(prefix, "The Incus client cannot be built: " + e.getMessage(),
                    "Check the incus.* settings and the IncusClientCustomizer beans of the application.", e);
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Incus client " + prefix + " configured for " + client.endpoint().describe()
                    + (resolved != null && resolved.addresses().size() > 1 ? " (tried in turn)" : "")
                    + (resolved != null ? " from remote '" + resolved.remote() + "' of " + resolved.source() : "")
                    + (client.currentProject() != null ? ", project " + client.currentProject() : "")
                    + "; nothing is contacted until the first call");
        }
        return client;
    }

    /** The exception with the property names of this client's prefix, for a named client. */
    private IncusConfigurationException renamed(IncusConfigurationException e) {
        if (prefix.equals("incus")) {
            return e;
        }
        return new IncusConfigurationException(rename(e.property()), rename(String.valueOf(e.getMessage())),
                rename(e.action()), e.getCause());
    }

    private String rename(String text) {
        return PROPERTY_REFERENCE.matcher(text).replaceAll(Matcher.quoteReplacement(prefix + "."));
    }

    /** A bad value that came from the incus command line's configuration is reported as such. */
    private IncusConfigurationException fromFile(IncusConfigurationException e,
            IncusCliRemotes.@Nullable Resolved resolved) {
        if (resolved == null || !resolved.fromFile().containsKey(e.property())) {
            return e;
        }
        return new IncusConfigurationException(prefix + ".remote", "The configuration of remote '"
                + resolved.remote() + "' of the incus command line (" + resolved.fromFile().get(e.property())
                + ") cannot be used for " + e.property() + ": " + e.getMessage(), "Add the remote again ('incus "
                + "remote remove " + resolved.remote() + "', then 'incus remote add " + resolved.remote() + " ...'), "
                + "or set " + e.property() + " explicitly.", e);
    }

    private void applyEndpoint(IncusClientBuilder builder, @Nullable String url) {
        Path socketPath = properties.getSocketPath();
        if (url != null && socketPath != null) {
            throw new IncusConfigurationException(SOCKET_PATH, "Both " + URL + " (" + url + ") and " + SOCKET_PATH
                    + " (" + socketPath + ") are set, but the client talks to one daemon in one way.",
                    "Remove one of them: keep " + SOCKET_PATH + " for a local daemon, or " + URL
                            + " for a remote daemon over HTTPS.", null);
        }
        if (url != null) {
            apply(URL, () -> builder.url(url), "Set " + URL + " to the daemon's HTTPS address, such as "
                    + "https://incus.example.net:8443, or remove it to use the local Unix socket.");
        } else if (socketPath != null) {
            apply(SOCKET_PATH, () -> builder.unixSocket(socketPath), "Set " + SOCKET_PATH
                    + " to the daemon's socket, such as /var/lib/incus/unix.socket.");
        }
    }

    /** Client certificates and server trust only mean something for HTTPS. */
    private void rejectTlsSettingsWithoutUrl() {
        Map<String, @Nullable Object> tlsSettings = new LinkedHashMap<>();
        tlsSettings.put(CLIENT_CERTIFICATE, properties.getClientCertificate());
        tlsSettings.put(CLIENT_KEY, properties.getClientKey());
        tlsSettings.put(CLIENT_KEYSTORE, properties.getClientKeystore());
        tlsSettings.put(SERVER_CERTIFICATE, properties.getServerCertificate());
        tlsSettings.put(CERTIFICATE_AUTHORITIES, properties.getCertificateAuthorities());
        tlsSettings.put(SSL_BUNDLE, StringUtils.hasText(properties.getSsl().getBundle()) ? "set" : null);
        tlsSettings.forEach((property, value) -> {
            if (value != null) {
                throw new IncusConfigurationException(property, property + " is set but " + URL + " is not: client "
                        + "certificates and server trust apply only to a remote daemon over HTTPS, and without "
                        + URL + " the client uses the local Unix socket.", "Set " + URL + " to the daemon's HTTPS "
                        + "address, or remove " + property + " to use the local Unix socket.", null);
            }
        });
    }

    private void applyTls(IncusClientBuilder builder) {
        Path certificate = properties.getClientCertificate();
        String key = properties.getClientKey();
        Path keystore = properties.getClientKeystore();
        String bundle = StringUtils.hasText(properties.getSsl().getBundle()) ? properties.getSsl().getBundle() : null;
        Path serverCertificate = properties.getServerCertificate();
        Path authorities = properties.getCertificateAuthorities();
        boolean pem = certificate != null || key != null;
        if (pem && keystore != null) {
            throw conflict(CLIENT_KEYSTORE, CLIENT_CERTIFICATE + "/" + CLIENT_KEY + " and " + CLIENT_KEYSTORE
                    + " are both set.", "Give the client certificate one way: PEM files (" + CLIENT_CERTIFICATE
                    + " and " + CLIENT_KEY + ") or a keystore (" + CLIENT_KEYSTORE + ").");
        }
        if (bundle != null && (pem || keystore != null)) {
            throw conflict(SSL_BUNDLE, SSL_BUNDLE + " and " + (pem ? CLIENT_CERTIFICATE : CLIENT_KEYSTORE)
                    + " are both set.", "Take the client certificate from the SSL bundle or from "
                    + (pem ? CLIENT_CERTIFICATE + "/" + CLIENT_KEY : CLIENT_KEYSTORE) + ", not both.");
        }
        if (serverCertificate != null && authorities != null) {
            throw conflict(CERTIFICATE_AUTHORITIES, SERVER_CERTIFICATE + " and " + CERTIFICATE_AUTHORITIES
                    + " are both set.", "Trust the server one way: " + SERVER_CERTIFICATE + " pins the daemon's own "
                    + "certificate; " + CERTIFICATE_AUTHORITIES + " trusts the authority that signed it.");
        }
        if (bundle != null && authorities != null) {
            throw conflict(CERTIFICATE_AUTHORITIES, CERTIFICATE_AUTHORITIES + " and " + SSL_BUNDLE
                    + " are both set.", "Put the authorities in the SSL bundle's truststore, or pin the daemon's "
                    + "certificate with " + SERVER_CERTIFICATE + ".");
        }
        if (pem) {
            applyPemFiles(builder, certificate, key);
        } else if (keystore != null) {
            applyKeystore(builder, keystore);
        }
        if (serverCertificate != null) {
            apply(SERVER_CERTIFICATE, () -> builder.serverCertificate(serverCertificate), "Point "
                    + SERVER_CERTIFICATE + " at the daemon's certificate in PEM: its server.crt, or the "
                    + "servercerts/REMOTE.crt of the incus command line.");
        } else if (authorities != null) {
            apply(CERTIFICATE_AUTHORITIES, () -> builder.certificateAuthorities(authorities), "Point "
                    + CERTIFICATE_AUTHORITIES + " at a PEM file with the certificates of the authorities that "
                    + "signed the daemon's certificate.");
        }
        if (bundle != null) {
            applySslBundle(builder, bundle, serverCertificate != null);
        }
        builder.allowTls12(properties.isAllowTls12());
    }

    private static void applyPemFiles(IncusClientBuilder builder, @Nullable Path certificate, @Nullable String key) {
        if (certificate == null) {
            throw conflict(CLIENT_CERTIFICATE, CLIENT_KEY + " is set but " + CLIENT_CERTIFICATE + " is not.",
                    "Set " + CLIENT_CERTIFICATE + " to the PEM certificate that goes with the key (client.crt "
                            + "next to client.key).");
        }
        if (key == null) {
            throw conflict(CLIENT_KEY, CLIENT_CERTIFICATE + " is set but " + CLIENT_KEY + " is not.", "Set "
                    + CLIENT_KEY + " to the PEM file with the certificate's private key (client.key next to "
                    + "client.crt).");
        }
        Path keyFile;
        try {
            keyFile = Path.of(key);
        } catch (InvalidPathException e) {
            // Its message would quote the value, which may be a pasted key: no cause.
            throw conflict(CLIENT_KEY, "Invalid " + CLIENT_KEY + ": its value is not a file name (the value is not "
                    + "shown: it may hold a private key).", "Point " + CLIENT_KEY + " at the PEM file with the "
                    + "private key of " + CLIENT_CERTIFICATE + ".");
        }
        try {
            builder.clientCertificate(certificate, keyFile);
        } catch (IllegalArgumentException e) {
            // The client says which file is at fault; a key that does not belong to the certificate is the key's.
            if (settingOf(e) == Setting.CLIENT_KEY) {
                throw invalid(CLIENT_KEY, e, "Point " + CLIENT_KEY + " at the unencrypted PEM private key (PKCS#8, "
                        + "SEC1 EC or PKCS#1 RSA) that belongs to " + CLIENT_CERTIFICATE + ".");
            }
            throw invalid(CLIENT_CERTIFICATE, e, "Point " + CLIENT_CERTIFICATE + " at a readable PEM certificate "
                    + "file (-----BEGIN CERTIFICATE-----), such as the client.crt of the incus command line.");
        }
    }

    private void applyKeystore(IncusClientBuilder builder, Path keystore) {
        String type = StringUtils.hasText(properties.getClientKeystoreType())
                ? properties.getClientKeystoreType().strip() : null;
        String alias = StringUtils.hasText(properties.getClientKeyAlias()) ? properties.getClientKeyAlias() : null;
        String configured = properties.getClientKeystorePassword();
        char[] password = configured != null ? configured.toCharArray() : new char[0];
        try {
            builder.clientKeyStore(keystore, type, password, alias);
        } catch (IllegalArgumentException e) {
            Setting setting = settingOf(e);
            if (setting == Setting.CLIENT_KEYSTORE_TYPE) {
                throw new IncusConfigurationException(CLIENT_KEYSTORE_TYPE, "Invalid " + CLIENT_KEYSTORE_TYPE + ": '"
                        + type + "' is not a keystore type this JVM knows.", "Set " + CLIENT_KEYSTORE_TYPE
                        + " to PKCS12 or JKS, or remove it to recognise the type from the file.", e);
            }
            if (setting == Setting.CLIENT_KEYSTORE_PASSWORD) {
                throw invalid(CLIENT_KEYSTORE_PASSWORD, e, "Set " + CLIENT_KEYSTORE_PASSWORD + " to the password "
                        + "of " + CLIENT_KEYSTORE + " (it is used for the key entry too).");
            }
            if (setting == Setting.CLIENT_KEY_ALIAS) {
                throw invalid(CLIENT_KEY_ALIAS, e, "Set " + CLIENT_KEY_ALIAS + " to the alias of the key entry "
                        + "holding the client certificate.");
            }
            throw invalid(CLIENT_KEYSTORE, e, "Point " + CLIENT_KEYSTORE + " at a readable PKCS12 or JKS file "
                    + "with the client's certificate and key, and check " + CLIENT_KEYSTORE_TYPE + ".");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void applySslBundle(IncusClientBuilder builder, String name, boolean serverPinned) {
        SslBundles bundles = sslBundles.get();
        if (bundles == null) {
            throw conflict(SSL_BUNDLE, SSL_BUNDLE + " is set to '" + name + "' but the application has no SslBundles "
                    + "bean (SslAutoConfiguration is excluded).", "Let SslAutoConfiguration run, or give the client "
                    + "certificate with " + CLIENT_CERTIFICATE + " and " + CLIENT_KEY + ".");
        }
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            List<String> known = bundles.getBundleNames();
            throw new IncusConfigurationException(SSL_BUNDLE, "Invalid " + SSL_BUNDLE + ": there is no SSL bundle "
                    + "named '" + name + "' (" + (known.isEmpty() ? "no bundle is defined" : "defined: " + known)
                    + ").", "Define the bundle under spring.ssl.bundle.pem." + name + " (keystore.certificate, "
                    + "keystore.private-key, truststore.certificate) or spring.ssl.bundle.jks." + name
                    + ", or set " + SSL_BUNDLE + " to the name of a defined bundle.", e);
        }
        ReloadableTlsMaterial material;
        try {
            material = new ReloadableTlsMaterial(bundle.getManagers().getKeyManagerFactory(),
                    serverPinned ? null : bundle.getManagers().getTrustManagerFactory());
        } catch (RuntimeException e) {
            throw new IncusConfigurationException(SSL_BUNDLE, "Invalid " + SSL_BUNDLE + ": the SSL bundle '" + name
                    + "' cannot be used: " + e.getMessage(), "Give the bundle a keystore with the client "
                    + "certificate and its key, and a truststore with the daemon's certificate or its CA.", e);
        }
        builder.keyManagers(material.keyManagerFactory());
        TrustManagerFactory trust = material.trustManagerFactory();
        if (trust != null) {
            builder.trustManagers(trust);
        }
        bundles.addBundleUpdateHandler(name, updated -> {
            try {
                material.update(updated.getManagers().getKeyManagerFactory(),
                        serverPinned ? null : updated.getManagers().getTrustManagerFactory());
                logger.info("SSL bundle '" + name + "' was reloaded: new connections to Incus use its new material");
            } catch (RuntimeException e) {
                logger.warn("SSL bundle '" + name + "' was reloaded but cannot be used for Incus (" + e.getMessage()
                        + "); the client keeps the previous material");
            }
        });
    }

    private void applyScopeAndLimits(IncusClientBuilder builder) {
        String project = properties.getProject();
        if (StringUtils.hasText(project)) {
            apply("incus.project", () -> builder.project(project.strip()), "Set incus.project to the name of a "
                    + "project of the daemon (incus project list), or remove it for the default project.");
        }
        String target = properties.getTarget();
        if (StringUtils.hasText(target)) {
            apply("incus.target", () -> builder.target(target.strip()), "Set incus.target to the name of a "
                    + "cluster member (incus cluster list), or remove it.");
        }
        String userAgent = properties.getUserAgent();
        if (userAgent != null) {
            apply("incus.user-agent", () -> builder.userAgent(userAgent), "Set incus.user-agent to a non-blank "
                    + "value, or remove it for the default.");
        }
        Duration connectTimeout = properties.getConnectTimeout();
        apply("incus.connect-timeout", () -> builder.connectTimeout(connectTimeout),
                "Set incus.connect-timeout to a positive duration, such as 5s.");
        Duration responseTimeout = properties.getResponseTimeout();
        apply("incus.response-timeout", () -> builder.responseTimeout(responseTimeout),
                "Set incus.response-timeout to a positive duration, such as 30s.");
        apply("incus.max-connections", () -> builder.maxConnections(properties.getMaxConnections()),
                "Set incus.max-connections to a positive number, such as 16.");
        Duration maxConnectionLifetime = properties.getMaxConnectionLifetime();
        if (maxConnectionLifetime != null) {
            apply("incus.max-connection-lifetime", () -> builder.maxConnectionLifetime(maxConnectionLifetime),
                    "Set incus.max-connection-lifetime to a positive duration, such as 5m, or remove it so that "
                            + "connections are kept for as long as they are in use.");
        }
        long maxResponseSize = properties.getMaxResponseSize() != null ? properties.getMaxResponseSize().toBytes() : -1;
        if (maxResponseSize > Integer.MAX_VALUE) {
            throw new IncusConfigurationException("incus.max-response-size", "Invalid incus.max-response-size: "
                    + properties.getMaxResponseSize() + " is more than the client can buffer (2GB).",
                    "Set incus.max-response-size to at most 2047MB, such as 64MB.", null);
        }
        apply("incus.max-response-size", () -> builder.maxResponseSize((int) maxResponseSize),
                "Set incus.max-response-size to a positive size, such as 64MB.");
    }

    /** Which setting the client blames, from the exception's type rather than its message. */
    private static @Nullable Setting settingOf(IllegalArgumentException e) {
        return e instanceof IncusSettingException failure ? failure.setting() : null;
    }

    private static void apply(String property, Runnable setting, String action) {
        try {
            setting.run();
        } catch (IllegalArgumentException e) {
            throw invalid(property, e, action);
        }
    }

    private static IncusConfigurationException invalid(String property, IllegalArgumentException e, String action) {
        return new IncusConfigurationException(property, "Invalid " + property + ": " + e.getMessage(), action, e);
    }

    private static IncusConfigurationException conflict(String property, String description, String action) {
        return new IncusConfigurationException(property, description, action, null);
    }
}
