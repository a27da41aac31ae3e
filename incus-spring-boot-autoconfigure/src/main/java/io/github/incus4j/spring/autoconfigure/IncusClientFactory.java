package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import io.github.incus4j.client.IncusTokenSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Turns {@link IncusConnectionDetails} and the other settings of one client ({@code incus.*} or
 * {@code incus.clients.NAME.*}: target, timeouts, pool, limits) into an {@link IncusClient}.
 *
 * <p>Every setting goes through the client's builder; whatever it refuses becomes an
 * {@link IncusConfigurationException} naming the property (or the details bean) and the fix. An
 * SSL bundle named by {@code ssl.bundle} is followed when it reloads. Nothing is contacted: an
 * unreachable daemon shows in the health and in the errors of calls, not at startup.
 */
final class IncusClientFactory {

    private static final Log logger = LogFactory.getLog(IncusClientFactory.class);
    private static final String NAMED_PREFIX = "incus.clients.";

    private final IncusConnectionProperties settings;
    private final String prefix;
    private final Supplier<@Nullable SslBundles> sslBundles;
    private final Supplier<WebClient.@Nullable Builder> webClientBuilder;
    private final List<IncusClientCustomizer> customizers;

    /**
     * Creates the factory.
     *
     * @param settings the client's settings, for all but the connection details
     * @param prefix the prefix of the settings' properties, {@code incus} or {@code incus.clients.NAME}
     * @param sslBundles the application's SSL bundles, to follow the reloads of {@code ssl.bundle}
     * @param webClientBuilder looks up the WebClient builder to start from (the application's
     *     customizers), which may give {@code null}; called on the client's first request, not at start-up
     * @param customizers callbacks applied after the settings, in order
     */
    IncusClientFactory(IncusConnectionProperties settings, String prefix, Supplier<@Nullable SslBundles> sslBundles,
            Supplier<WebClient.@Nullable Builder> webClientBuilder, List<IncusClientCustomizer> customizers) {
        this.settings = settings;
        this.prefix = prefix;
        this.sslBundles = sslBundles;
        this.webClientBuilder = webClientBuilder;
        this.customizers = List.copyOf(customizers);
    }

    /**
     * Builds the client.
     *
     * @param details where the daemon is and how to authenticate
     * @return the client; nothing has been sent to the daemon
     * @throws IncusConfigurationException if the settings cannot make a client
     */
    IncusClient create(IncusConnectionDetails details) {
        PropertiesIncusConnectionDetails properties = details instanceof PropertiesIncusConnectionDetails own
                ? own : null;
        // Whatever fails, nothing that may hold key material or a password leaves in a message.
        SecretValues secrets = SecretValues.of(settings, prefix);
        try {
            Naming naming = properties != null ? new Naming(prefix, null) : new Naming(prefix, describe(details));
            List<Runnable> afterBuild = new ArrayList<>();
            IncusClient client = build(details, properties, naming, afterBuild);
            afterBuild.forEach(Runnable::run);
            return client;
        } catch (RuntimeException e) {
            throw secrets.redact(properties != null ? properties.explain(e) : e);
        }
    }

    private IncusClient build(IncusConnectionDetails details, @Nullable PropertiesIncusConnectionDetails properties,
            Naming naming, List<Runnable> afterBuild) {
        IncusClientBuilder builder = IncusClient.builder();
        String name = prefix.startsWith(NAMED_PREFIX) ? prefix.substring(NAMED_PREFIX.length()) : "default";
        apply(prefix, () -> builder.name(name), "Name the client with letters, digits, '.', '_' or '-' only: "
                + "the name is the incus.client tag of its metrics.");
        // Looked up on the first request: applying Boot's WebClient customizers sets up an HTTP
        // connector and codecs, a cost start-up should not carry (docs/BENCHMARKS.md, B6). The
        // client clones the builder and sets its own connector, URI handling and codecs on the clone.
        builder.webClientBuilder(webClientBuilder);
        List<URI> urls = details.getUrls();
        if (urls != null && !urls.isEmpty()) {
            apply(naming.of("url", "getUrls()"), () -> {
                if (urls.size() == 1) {
                    builder.url(urls.get(0));
                } else {
                    // The client tries them in turn: requests, websockets and raw connections alike.
                    builder.urls(urls.stream().map(URI::toString).toList());
                }
            }, naming.fix("url", "to the daemon's HTTPS address, such as https://incus.example.net:8443, or remove "
                    + "it to use the local Unix socket", "getUrls()", "https://host:port addresses"));
            applyTls(builder, details, properties, naming, afterBuild);
        } else {
            Path socketPath = details.getSocketPath();
            if (socketPath != null) {
                apply(naming.of("socket-path", "getSocketPath()"), () -> builder.unixSocket(socketPath),
                        naming.fix("socket-path", "to the daemon's socket, such as /var/lib/incus/unix.socket",
                                "getSocketPath()", "the daemon's socket"));
            }
            if (details.getSslBundle() != null || details.getServerCertificate() != null) {
                throw conflict(naming.of("url", "getUrls()"), naming.of("url", "getUrls()") + " gives no address "
                        + "but TLS material is given: client certificates and server trust apply only to a remote "
                        + "daemon over HTTPS.", "Give the daemon's HTTPS address, or no TLS material for the local "
                        + "Unix socket.");
            }
        }
        IncusTokenSource tokens = details.getTokenSource();
        if (tokens != null) {
            apply(naming.of("oidc.token", "getTokenSource()"), () -> builder.bearerTokens(tokens),
                    naming.fix("url", "to the daemon's HTTPS address: bearer tokens are sent over HTTPS only",
                            "getUrls()", "the daemon's HTTPS addresses, as bearer tokens are sent over HTTPS only"));
        }
        String project = details.getProject();
        if (StringUtils.hasText(project)) {
            apply(naming.of("project", "getProject()"), () -> builder.project(project.strip()),
                    naming.fix("project", "to the name of a project of the daemon (incus project list), or remove it "
                            + "for the default project", "getProject()", "a project of the daemon (incus project list)"));
        }
        applyScopeAndLimits(builder);
        customizers.forEach(customizer -> customizer.customize(builder));
        IncusClient client;
        try {
            client = builder.build();
        } catch (IllegalArgumentException e) {
            throw new IncusConfigurationException(prefix, "The Incus client cannot be built: " + e.getMessage(),
                    "Check the " + prefix + ".* settings" + (naming.details() != null ? ", " + naming.details() : "")
                    + " and the IncusClientCustomizer beans of the application.", e);
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Incus client " + prefix + " configured for " + client.endpoint().describe()
                    + (urls != null && urls.size() > 1 ? " (tried in turn)" : "")
                    + (properties != null ? properties.describeSource() : " from " + naming.details())
                    + (client.currentProject() != null ? ", project " + client.currentProject() : "")
                    + "; nothing is contacted until the first call");
        }
        return client;
    }

    private void applyTls(IncusClientBuilder builder, IncusConnectionDetails details,
            @Nullable PropertiesIncusConnectionDetails properties, Naming naming, List<Runnable> afterBuild) {
        SslBundle bundle = details.getSslBundle();
        X509Certificate pinned = details.getServerCertificate();
        String allowTls12Property = prefix + ".allow-tls12";
        boolean allowTls12 = settings.isAllowTls12();
        if (bundle != null) {
            SslBundleTls.Names names = properties != null ? properties.sslBundleNames()
                    : SslBundleTls.Names.ofDetails(naming.details());
            allowTls12 = SslBundleTls.allowTls12(bundle, names, allowTls12, allowTls12Property);
            KeyManagerFactory keys = SslBundleTls.keyManagers(bundle, names);
            TrustManagerFactory trust = pinned == null ? SslBundleTls.trustManagers(bundle, names) : null;
            String followed = properties != null ? properties.followedSslBundle() : null;
            if (followed != null) {
                ReloadableTlsMaterial material;
                try {
                    material = new ReloadableTlsMaterial(keys, trust);
                } catch (RuntimeException e) {
                    throw new IncusConfigurationException(prefix + ".ssl.bundle", "Invalid " + prefix + ".ssl.bundle: "
                            + "the SSL bundle '" + followed + "' cannot be used: " + e.getMessage(), "Give the bundle "
                            + "a keystore with the client certificate and its key, and a truststore with the daemon's "
                            + "certificate or its CA.", e);
                }
                keys = material.keyManagerFactory();
                trust = material.trustManagerFactory();
                boolean tls12 = allowTls12;
                afterBuild.add(() -> followReloads(followed, names, material, pinned != null, tls12, allowTls12Property));
            }
            builder.keyManagers(keys);
            if (trust != null) {
                builder.trustManagers(trust);
            }
        }
        if (pinned != null) {
            apply(naming.of("server-certificate", "getServerCertificate()"), () -> builder.serverCertificate(pinned),
                    naming.fix("server-certificate", "to the daemon's certificate in PEM: its server.crt, or the "
                            + "servercerts/REMOTE.crt of the incus command line", "getServerCertificate()",
                            "the daemon's certificate"));
        }
        builder.allowTls12(allowTls12);
    }

    /** New connections use the bundle's new material; the TLS versions stay those of the start. */
    private void followReloads(String name, SslBundleTls.Names names, ReloadableTlsMaterial material, boolean pinned,
            boolean allowTls12, String allowTls12Property) {
        SslBundles bundles = sslBundles.get();
        if (bundles == null) {
            return;
        }
        bundles.addBundleUpdateHandler(name, updated -> {
            try {
                boolean tls12 = SslBundleTls.allowTls12(updated, names, settings.isAllowTls12(), allowTls12Property);
                material.update(SslBundleTls.keyManagers(updated, names),
                        pinned ? null : SslBundleTls.trustManagers(updated, names));
                logger.info("SSL bundle '" + name + "' was reloaded: new connections to Incus use its new material");
                if (tls12 != allowTls12) {
                    logger.warn("SSL bundle '" + name + "' was reloaded with other enabled protocols: the Incus client "
                            + "keeps TLS 1.2 " + (allowTls12 ? "allowed" : "refused") + " until the application "
                            + "restarts");
                }
            } catch (RuntimeException e) {
                logger.warn("SSL bundle '" + name + "' was reloaded but cannot be used for Incus (" + e.getMessage()
                        + "); the client keeps the previous material");
            }
        });
    }

    private void applyScopeAndLimits(IncusClientBuilder builder) {
        String target = settings.getTarget();
        if (StringUtils.hasText(target)) {
            apply(property("target"), () -> builder.target(target.strip()), "Set " + property("target") + " to the "
                    + "name of a cluster member (incus cluster list), or remove it.");
        }
        String userAgent = settings.getUserAgent();
        if (userAgent != null) {
            apply(property("user-agent"), () -> builder.userAgent(userAgent), "Set " + property("user-agent")
                    + " to a non-blank value, or remove it for the default.");
        }
        Duration connectTimeout = settings.getConnectTimeout();
        apply(property("connect-timeout"), () -> builder.connectTimeout(connectTimeout),
                "Set " + property("connect-timeout") + " to a positive duration, such as 5s.");
        Duration responseTimeout = settings.getResponseTimeout();
        apply(property("response-timeout"), () -> builder.responseTimeout(responseTimeout),
                "Set " + property("response-timeout") + " to a positive duration, such as 30s.");
        apply(property("max-connections"), () -> builder.maxConnections(settings.getMaxConnections()),
                "Set " + property("max-connections") + " to a positive number, such as 16.");
        Duration maxConnectionLifetime = settings.getMaxConnectionLifetime();
        if (maxConnectionLifetime != null) {
            apply(property("max-connection-lifetime"), () -> builder.maxConnectionLifetime(maxConnectionLifetime),
                    "Set " + property("max-connection-lifetime") + " to a positive duration, such as 5m, or remove "
                            + "it so that connections are kept for as long as they are in use.");
        }
        String maxResponseSizeProperty = property("max-response-size");
        long maxResponseSize = settings.getMaxResponseSize() != null ? settings.getMaxResponseSize().toBytes() : -1;
        if (maxResponseSize > Integer.MAX_VALUE) {
            throw conflict(maxResponseSizeProperty, "Invalid " + maxResponseSizeProperty + ": "
                    + settings.getMaxResponseSize() + " is more than the client can buffer (2GB).", "Set "
                    + maxResponseSizeProperty + " to at most 2047MB, such as 64MB.");
        }
        apply(maxResponseSizeProperty, () -> builder.maxResponseSize((int) maxResponseSize),
                "Set " + maxResponseSizeProperty + " to a positive size, such as 64MB.");
    }

    private String property(String key) {
        return prefix + "." + key;
    }

    private static String describe(IncusConnectionDetails details) {
        return "the IncusConnectionDetails bean (" + details.getClass().getName() + ")";
    }

    private static void apply(String property, Runnable setting, String action) {
        try {
            setting.run();
        } catch (IllegalArgumentException e) {
            throw new IncusConfigurationException(property, "Invalid " + property + ": " + e.getMessage(), action, e);
        }
    }

    private static IncusConfigurationException conflict(String property, String description, String action) {
        return new IncusConfigurationException(property, description, action, null);
    }

    /**
     * Names a connection setting in messages: a property of the prefix, or a method of the
     * application's details bean.
     *
     * @param prefix the properties' prefix
     * @param details the details bean, described, or {@code null} when the properties give the details
     */
    private record Naming(String prefix, @Nullable String details) {

        String of(String key, String method) {
            return details == null ? prefix + "." + key : details + " " + method;
        }

        String fix(String key, String propertyFix, String method, String methodFix) {
            return details == null ? "Set " + prefix + "." + key + " " + propertyFix + "."
                    : "Make " + method + " of " + details + " return " + methodFix + ".";
        }
    }
}
