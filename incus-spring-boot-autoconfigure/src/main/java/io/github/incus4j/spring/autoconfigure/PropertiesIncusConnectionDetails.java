package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusTokenSource;
import io.github.incus4j.client.exception.IncusSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * The {@link IncusConnectionDetails} of one client's properties: {@code incus.*} for the unnamed
 * client (a bean, unless the application defines its own details) or {@code incus.clients.NAME.*}.
 *
 * <p>With {@code remote} or {@code cli-config-dir} the incus command line's configuration first
 * fills in what the properties leave empty ({@link IncusCliRemotes}). The certificate, key,
 * keystore and authority properties become an {@link SslBundle} ({@link PropertiesTlsMaterial});
 * {@code ssl.bundle} names one of the application's bundles instead.
 *
 * <p>Everything is read on first use, not when the bean is made, so that an application with its
 * own {@code IncusClient} never has these properties read. Every failure names the property at
 * fault (the remote's, when the value came from the command line's configuration) and never
 * quotes a value that may hold key material or a password.
 */
final class PropertiesIncusConnectionDetails implements IncusConnectionDetails {

    private final IncusConnectionProperties configured;
    private final String prefix;
    private final @Nullable Path fallbackCliConfigDir;
    private final Function<String, @Nullable String> environment;
    private final ResourceLoader resources;
    private final Function<String, @Nullable String> origins;
    private final Supplier<@Nullable SslBundles> sslBundles;
    private final Function<String, @Nullable String> bundleKinds;
    private final Supplier<@Nullable RegistrationTokenSources> registrationTokens;
    private final SecretValues secrets;

    /** Known once the command line's configuration was read, also when what follows fails. */
    private IncusCliRemotes.@Nullable Resolved cli;
    private @Nullable Resolution resolution;

    /** The details, resolved. */
    private record Resolution(List<URI> urls, @Nullable Path socketPath, @Nullable String project,
            @Nullable SslBundle sslBundle, SslBundleTls.Names sslBundleNames, @Nullable String followedBundle,
            boolean bundleFromProperties, @Nullable X509Certificate serverCertificate,
            @Nullable IncusTokenSource tokenSource) {
    }

    /**
     * Creates the details; nothing is read yet.
     *
     * @param properties the client's settings, as bound
     * @param prefix their prefix, {@code incus} or {@code incus.clients.NAME}
     * @param fallbackCliConfigDir the command line's configuration directory to use when the
     *     settings name a remote but no directory (for named clients: {@code incus.cli-config-dir})
     * @param environment looks up environment variables ({@code INCUS_CONF}, {@code HOME}, ...)
     * @param resources resolves the locations of certificates, keys and keystores
     * @param origins describes where a property (by its full name) was set, or {@code null}
     * @param sslBundles the application's SSL bundles, looked up only for {@code ssl.bundle}
     * @param bundleKinds says whether a bundle is defined by {@code spring.ssl.bundle.pem} or
     *     {@code .jks} properties ({@code pem}, {@code jks} or {@code null}), for messages
     * @param registrationTokens the token sources of Spring Security's OAuth2 client registrations,
     *     looked up only for {@code oidc.registration}; {@code null} without Spring Security
     */
    PropertiesIncusConnectionDetails(IncusConnectionProperties properties, String prefix,
            @Nullable Path fallbackCliConfigDir, Function<String, @Nullable String> environment,
            ResourceLoader resources, Function<String, @Nullable String> origins,
            Supplier<@Nullable SslBundles> sslBundles, Function<String, @Nullable String> bundleKinds,
            Supplier<@Nullable RegistrationTokenSources> registrationTokens) {
        this.configured = properties;
        this.prefix = prefix;
        this.fallbackCliConfigDir = fallbackCliConfigDir;
        this.environment = environment;
        this.resources = resources;
        this.origins = origins;
        this.sslBundles = sslBundles;
        this.bundleKinds = bundleKinds;
        this.registrationTokens = registrationTokens;
        this.secrets = SecretValues.of(properties, prefix);
    }

    @Override
    public List<URI> getUrls() {
        return resolved().urls();
    }

    @Override
    public @Nullable Path getSocketPath() {
        return resolved().socketPath();
    }

    @Override
    public @Nullable String getProject() {
        return resolved().project();
    }

    @Override
    public @Nullable SslBundle getSslBundle() {
        return resolved().sslBundle();
    }

    @Override
    public @Nullable X509Certificate getServerCertificate() {
        return resolved().serverCertificate();
    }

    @Override
    public @Nullable IncusTokenSource getTokenSource() {
        return resolved().tokenSource();
    }

    /** The properties' prefix. */
    String prefix() {
        return prefix;
    }

    /** How the settings of {@link #getSslBundle()} are called, for messages. */
    SslBundleTls.Names sslBundleNames() {
        return resolved().sslBundleNames();
    }

    /** The application bundle named by {@code ssl.bundle}, whose reloads the client follows, or {@code null}. */
    @Nullable String followedSslBundle() {
        return resolved().followedBundle();
    }

    /**
     * The bundle made from the certificate properties (or the command line's client.crt), when it
     * holds a client certificate: Spring Boot does not know it, so its validity is not reported.
     */
    @Nullable SslBundle certificatesToReport() {
        Resolution resolved = resolved();
        return resolved.bundleFromProperties() && resolved.sslBundle() != null
                && resolved.sslBundle().getStores().getKeyStore() != null ? resolved.sslBundle() : null;
    }

    /** Where the settings came from, for the log: {@code from remote 'lab' of ...}, or empty. */
    String describeSource() {
        return cli != null ? " from remote '" + cli.remote() + "' of " + cli.source() : "";
    }

    /**
     * Prepares a failure about these settings to be thrown: a bad value that came from the incus
     * command line's configuration is reported against {@code remote} with its file, and no
     * secret value is left in any message of the chain.
     *
     * @param failure the failure
     * @return the failure to throw
     */
    RuntimeException explain(RuntimeException failure) {
        RuntimeException explained = failure;
        if (failure instanceof IncusConfigurationException e && cli != null && cli.fromFile().containsKey(e.property())) {
            explained = new IncusConfigurationException(prefix + ".remote", "The configuration of remote '"
                    + cli.remote() + "' of the incus command line (" + cli.fromFile().get(e.property())
                    + ") cannot be used for " + e.property() + ": " + e.getMessage(), "Add the remote again ('incus "
                    + "remote remove " + cli.remote() + "', then 'incus remote add " + cli.remote() + " ...'), "
                    + "or set " + e.property() + " explicitly.", e);
        }
        return secrets.redact(explained);
    }

    private synchronized Resolution resolved() {
        if (resolution == null) {
            try {
                resolution = resolve();
            } catch (RuntimeException e) {
                throw explain(e);
            }
        }
        return resolution;
    }

    private Resolution resolve() {
        cli = IncusCliRemotes.requested(configured)
                ? IncusCliRemotes.resolve(configured, prefix, fallbackCliConfigDir, environment) : null;
        IncusConnectionProperties settings = cli != null ? cli.settings() : configured;
        String url = text(settings.getUrl());
        Path socketPath = settings.getSocketPath();
        String urlProperty = property("url");
        String socketProperty = property("socket-path");
        if (url != null && socketPath != null) {
            throw conflict(socketProperty, "Both " + urlProperty + " (" + url + ") and " + socketProperty + " ("
                    + socketPath + ") are set, but the client talks to one daemon in one way.", "Remove one of them: "
                    + "keep " + socketProperty + " for a local daemon, or " + urlProperty + " for a remote daemon "
                    + "over HTTPS.");
        }
        String project = text(settings.getProject());
        if (url == null) {
            rejectTlsSettings(settings);
            rejectTokens(settings);
            return new Resolution(List.of(), socketPath, project, null, names(null), null, false, null, null);
        }
        IncusTokenSource tokens = tokenSource(settings);
        // Several addresses (a cluster's members, or a CLI remote's): the client tries them in turn.
        List<URI> urls = cli != null && cli.addresses().size() > 1 ? cli.addresses() : parseAll(urlProperty, url);
        String bundleName = text(settings.getSsl().getBundle());
        checkTrustCombinations(settings, bundleName);
        PropertiesTlsMaterial.Material material = PropertiesTlsMaterial.read(settings, prefix, resources, origins,
                prefix);
        if (bundleName != null) {
            return new Resolution(urls, null, project, sslBundle(bundleName),
                    SslBundleTls.Names.ofSpringBundle(bundleName, bundleKinds.apply(bundleName)), bundleName, false,
                    material.serverCertificate(), tokens);
        }
        return new Resolution(urls, null, project, material.sslBundle(), names(material),
                null, true, material.serverCertificate(), tokens);
    }

    private SslBundleTls.Names names(PropertiesTlsMaterial.@Nullable Material material) {
        return SslBundleTls.Names.ofProperties(prefix, material != null ? material.keyPasswordProperty()
                : property("client-keystore-password"));
    }

    /** Client certificates and server trust only mean something for HTTPS. */
    private void rejectTlsSettings(IncusConnectionProperties settings) {
        Map<String, @Nullable String> tlsSettings = new LinkedHashMap<>();
        tlsSettings.put("client-certificate", settings.getClientCertificate());
        tlsSettings.put("client-key", settings.getClientKey());
        tlsSettings.put("client-key-password", settings.getClientKeyPassword());
        tlsSettings.put("client-keystore", settings.getClientKeystore());
        tlsSettings.put("client-keystore-type", settings.getClientKeystoreType());
        tlsSettings.put("client-keystore-password", settings.getClientKeystorePassword());
        tlsSettings.put("client-key-alias", settings.getClientKeyAlias());
        tlsSettings.put("server-certificate", settings.getServerCertificate());
        tlsSettings.put("certificate-authorities", settings.getCertificateAuthorities());
        tlsSettings.put("ssl.bundle", settings.getSsl().getBundle());
        String urlProperty = property("url");
        tlsSettings.forEach((key, value) -> {
            if (StringUtils.hasText(value)) {
                String property = property(key);
                throw conflict(property, property + " is set but " + urlProperty + " is not: client certificates "
                        + "and server trust apply only to a remote daemon over HTTPS, and without " + urlProperty
                        + " the client uses the local Unix socket.", "Set " + urlProperty + " to the daemon's HTTPS "
                        + "address, or remove " + property + " to use the local Unix socket.");
            }
        });
    }

    /** Bearer tokens mean nothing over the Unix socket: Incus ignores them there. */
    private void rejectTokens(IncusConnectionProperties settings) {
        for (String key : List.of("oidc.token", "oidc.registration")) {
            String value = key.equals("oidc.token") ? settings.getOidc().getToken() : settings.getOidc().getRegistration();
            if (StringUtils.hasText(value)) {
                String property = property(key);
                throw conflict(property, property + " is set but " + property("url") + " is not: bearer tokens apply "
                        + "only to a remote daemon over HTTPS, and over the Unix socket Incus ignores them and trusts "
                        + "the socket's user.", "Set " + property("url") + " to the daemon's HTTPS address (or "
                        + property("remote") + " to an HTTPS remote), or remove " + property + " to use the local Unix "
                        + "socket.");
            }
        }
    }

    /**
     * The bearer tokens: a fixed {@code oidc.token}, a Spring Security registration
     * ({@code oidc.registration}), or those the command line stored for an OIDC remote.
     */
    private @Nullable IncusTokenSource tokenSource(IncusConnectionProperties settings) {
        String tokenProperty = property("oidc.token");
        String registrationProperty = property("oidc.registration");
        String token = settings.getOidc().getToken();
        String registration = text(settings.getOidc().getRegistration());
        if (StringUtils.hasText(token) && registration != null) {
            throw conflict(registrationProperty, tokenProperty + " and " + registrationProperty + " are both set.",
                    "Give the bearer token one way: a fixed token with " + tokenProperty + ", or tokens that Spring "
                    + "Security renews with " + registrationProperty + ".");
        }
        if (StringUtils.hasText(token)) {
            try {
                return IncusTokenSource.of(token.strip());
            } catch (IncusSettingException e) {
                // The client names its own setting; the message never quotes the token.
                throw new IncusConfigurationException(tokenProperty, "Invalid " + tokenProperty + ": the value "
                        + String.valueOf(e.getMessage()).replaceFirst("^bearerToken ", "") + ".", "Set "
                        + tokenProperty + " to the access token alone (a JWT of the identity provider in the "
                        + "daemon's oidc.issuer).", null);
            }
        }
        if (registration != null) {
            RegistrationTokenSources sources = registrationTokens.get();
            if (sources == null) {
                throw conflict(registrationProperty, registrationProperty + " is set to '" + registration + "', but "
                        + "Spring Security's OAuth2 client is not on the class path.", "Add "
                        + "org.springframework.boot:spring-boot-starter-security-oauth2-client to the application, or "
                        + "give a fixed token with " + tokenProperty + ".");
            }
            return sources.tokenSource(registration, registrationProperty, prefix);
        }
        return cli != null ? cli.oidcTokens() : null;
    }

    /** Settings that give the same thing two ways, refused rather than one silently winning. */
    private void checkTrustCombinations(IncusConnectionProperties settings, @Nullable String bundleName) {
        String certificate = property("client-certificate");
        String key = property("client-key");
        String keystore = property("client-keystore");
        String bundle = property("ssl.bundle");
        String pinned = property("server-certificate");
        String authorities = property("certificate-authorities");
        boolean pem = StringUtils.hasText(settings.getClientCertificate()) || StringUtils.hasText(settings.getClientKey());
        boolean keystoreSet = StringUtils.hasText(settings.getClientKeystore());
        boolean authoritiesSet = StringUtils.hasText(settings.getCertificateAuthorities());
        if (pem && keystoreSet) {
            throw conflict(keystore, certificate + "/" + key + " and " + keystore + " are both set.", "Give the client "
                    + "certificate one way: PEM (" + certificate + " and " + key + ") or a keystore (" + keystore + ").");
        }
        if (bundleName != null && (pem || keystoreSet)) {
            throw conflict(bundle, bundle + " and " + (pem ? certificate : keystore) + " are both set.", "Take the "
                    + "client certificate from the SSL bundle or from " + (pem ? certificate + "/" + key : keystore)
                    + ", not both.");
        }
        if (StringUtils.hasText(settings.getServerCertificate()) && authoritiesSet) {
            throw conflict(authorities, pinned + " and " + authorities + " are both set.", "Trust the server one way: "
                    + pinned + " pins the daemon's own certificate; " + authorities + " trusts the authority that "
                    + "signed it.");
        }
        if (bundleName != null && authoritiesSet) {
            throw conflict(authorities, authorities + " and " + bundle + " are both set.", "Put the authorities in "
                    + "the SSL bundle's truststore, or pin the daemon's certificate with " + pinned + ".");
        }
    }

    private SslBundle sslBundle(String name) {
        String property = property("ssl.bundle");
        SslBundles bundles = sslBundles.get();
        if (bundles == null) {
            throw conflict(property, property + " is set to '" + name + "' but the application has no SslBundles "
                    + "bean (SslAutoConfiguration is excluded).", "Let SslAutoConfiguration run, or give the client "
                    + "certificate with " + property("client-certificate") + " and " + property("client-key") + ".");
        }
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            List<String> known = bundles.getBundleNames();
            throw new IncusConfigurationException(property, "Invalid " + property + ": there is no SSL bundle "
                    + "named '" + name + "' (" + (known.isEmpty() ? "no bundle is defined" : "defined: " + known)
                    + ").", "Define the bundle under spring.ssl.bundle.pem." + name + " (keystore.certificate, "
                    + "keystore.private-key, truststore.certificate) or spring.ssl.bundle.jks." + name
                    + ", or set " + property + " to the name of a defined bundle.", e);
        }
    }

    /** One address, or several separated by commas. */
    private static List<URI> parseAll(String property, String urls) {
        List<URI> parsed = new ArrayList<>();
        for (String url : urls.split(",")) {
            if (!url.isBlank()) {
                parsed.add(parse(property, url));
            }
        }
        if (parsed.isEmpty()) {
            throw new IncusConfigurationException(property, property + " holds no address", "Set " + property
                    + " to the daemon's HTTPS address, or to a cluster's member addresses separated by commas.", null);
        }
        return List.copyOf(parsed);
    }

    private static URI parse(String property, String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IncusConfigurationException(property, "Invalid " + property + ": '" + url + "' is not a valid "
                    + "URL: " + e.getMessage() + "; expected https://host:port", "Set " + property + " to the "
                    + "daemon's HTTPS address, such as https://incus.example.net:8443, or remove it to use the local "
                    + "Unix socket.", e);
        }
    }

    /**
     * Describes where a property was set, as Spring Boot tracks it ({@code class path resource
     * [application.yml] - 3:14}, {@code System Environment Property "INCUS_CLIENT_KEY"}), never
     * its value.
     *
     * @param environment the application's environment
     * @return a lookup by the property's full name, answering {@code null} where nothing is known
     */
    static Function<String, @Nullable String> origins(Environment environment) {
        return name -> {
            ConfigurationPropertyName key = ConfigurationPropertyName.adapt(name, '.');
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty property = source.getConfigurationProperty(key);
                if (property != null) {
                    return property.getOrigin() != null ? property.getOrigin().toString() : null;
                }
            }
            return null;
        };
    }

    private String property(String key) {
        return prefix + "." + key;
    }

    private static @Nullable String text(@Nullable String value) {
        return StringUtils.hasText(value) ? value.strip() : null;
    }

    private static IncusConfigurationException conflict(String property, String description, String action) {
        return new IncusConfigurationException(property, description, action, null);
    }

    @Override
    public String toString() {
        return "PropertiesIncusConnectionDetails[" + prefix + ".*]";
    }
}
