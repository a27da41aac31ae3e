package io.github.incus4j.spring.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Turns {@code remote} (and {@code cli-config-dir}) into the settings of a client, from the
 * configuration of the {@code incus} command line, the way the command line connects to a remote:
 * the remote's addresses, project, the client certificate ({@code client.crt}, {@code client.key},
 * {@code client.ca} in PKI mode) and the pinned server certificate ({@code servercerts/NAME.crt});
 * for a remote with {@code auth_type: oidc}, the OpenID Connect tokens the command line stored
 * ({@code oidctokens/NAME.json}, see {@link CliOidcTokens}) instead of the client certificate.
 *
 * <p>Settings given explicitly win over the file: an explicit url or socket path replaces the
 * remote's address, explicit client credentials replace {@code client.crt}/{@code client.key},
 * explicit server trust replaces the pinned certificate, and an explicit project (for the unnamed
 * client also {@code INCUS_PROJECT}, which Spring Boot binds to {@code incus.project}) replaces the
 * remote's project, as the command line's own override does.
 */
final class IncusCliRemotes {

    /**
     * Settings completed from the command line's configuration.
     *
     * @param settings the explicit settings with what the file adds
     * @param addresses the HTTPS addresses to try in turn (one, or none for a Unix socket)
     * @param fromFile the properties whose value came from the file, with the file they came from
     * @param remote the remote's name
     * @param source the configuration file, for messages
     * @param oidcTokens for an OIDC remote, the tokens the command line stored; otherwise {@code null}
     */
    record Resolved(IncusConnectionProperties settings, List<URI> addresses, Map<String, Path> fromFile, String remote,
            String source, @Nullable CliOidcTokens oidcTokens) {
    }

    private IncusCliRemotes() {
    }

    /**
     * Whether the settings ask for the command line's configuration.
     *
     * @param settings the explicit settings
     * @return whether remote or cli-config-dir is set
     */
    static boolean requested(IncusConnectionProperties settings) {
        return StringUtils.hasText(settings.getRemote()) || settings.getCliConfigDir() != null;
    }

    /**
     * Completes the settings from the command line's configuration.
     *
     * @param explicit the settings given as properties; remote or cli-config-dir is set
     * @param prefix the properties' prefix, such as {@code incus} or {@code incus.clients.lab}
     * @param fallbackDirectory the directory to use when the settings have none (the unnamed
     *     client's, for named clients), or {@code null}
     * @param environment looks up environment variables
     * @return the completed settings
     * @throws IncusConfigurationException if the configuration is missing or names no usable remote
     */
    static Resolved resolve(IncusConnectionProperties explicit, String prefix, @Nullable Path fallbackDirectory,
            Function<String, @Nullable String> environment) {
        String remoteProperty = prefix + ".remote";
        String dirProperty = prefix + ".cli-config-dir";
        String requested = StringUtils.hasText(explicit.getRemote()) ? explicit.getRemote().strip() : null;
        String property = requested != null ? remoteProperty : dirProperty;
        Path configured = explicit.getCliConfigDir() != null ? explicit.getCliConfigDir() : fallbackDirectory;
        Path directory;
        String found;
        boolean defaultDirectory = false;
        if (configured != null) {
            directory = configured;
            found = "set by " + (explicit.getCliConfigDir() != null ? dirProperty : "incus.cli-config-dir");
        } else if (StringUtils.hasText(environment.apply("INCUS_CONF"))) {
            directory = Path.of(environment.apply("INCUS_CONF").strip());
            found = "from $INCUS_CONF";
        } else {
            String home = environment.apply("HOME");
            directory = Path.of(StringUtils.hasText(home) ? home : System.getProperty("user.home"), ".config", "incus");
            found = "the default, $HOME/.config/incus";
            defaultDirectory = true;
        }
        if (!Files.isDirectory(directory)) {
            throw new IncusConfigurationException(property, "The configuration directory of the incus command line, "
                    + directory + " (" + found + "), does not exist, so " + (requested != null ? "remote '"
                    + requested + "'" : "its default remote") + " cannot be looked up.", "Add the remote with "
                    + "'incus remote add NAME https://HOST:8443 --token TOKEN' as the user that runs the application, "
                    + "point " + dirProperty + " (or $INCUS_CONF) at the directory holding config.yml, or remove "
                    + remoteProperty + " and configure the client with " + prefix + ".url.", null);
        }
        if (!ClassUtils.isPresent("org.yaml.snakeyaml.Yaml", IncusCliRemotes.class.getClassLoader())) {
            throw new IncusConfigurationException(property, "Reading the configuration of the incus command line "
                    + "needs SnakeYAML, which is not on the classpath.", "Add org.yaml:snakeyaml (every "
                    + "spring-boot-starter brings it), or configure the client with " + prefix + ".url.", null);
        }
        IncusCliConfig config;
        try {
            config = IncusCliConfig.load(directory, environment);
        } catch (IOException | IllegalArgumentException e) {
            throw new IncusConfigurationException(property, "The configuration of the incus command line in "
                    + directory + " cannot be read: " + e.getMessage(), "Repair config.yml (or list the remotes "
                    + "with 'incus remote list'), or configure the client with " + prefix + ".url.", e);
        }
        String name = requested != null ? requested : config.defaultRemote();
        IncusCliConfig.Remote remote = config.remote(name);
        String usable = config.usableRemotes().isEmpty() ? "none" : String.join(", ", config.usableRemotes());
        if (remote == null) {
            throw new IncusConfigurationException(property, "The incus command line has no remote '" + name + "'"
                    + (requested != null ? "" : " (its default-remote)") + " in " + config.describeSource()
                    + ". Usable remotes: " + usable + ".", "Set " + remoteProperty + " to one of the usable remotes, "
                    + "or add it with 'incus remote add " + name + " https://HOST:8443 --token TOKEN'.", null);
        }
        if (!remote.isIncusServer()) {
            throw new IncusConfigurationException(property, "Remote '" + name + "' of the incus command line is "
                    + "an image server (protocol " + remote.protocol() + (remote.isPublic() ? ", public" : "")
                    + "), not an Incus server the client can manage. Usable remotes: " + usable + ".", "Set "
                    + remoteProperty + " to a remote of protocol incus, such as one added with 'incus remote add "
                    + "NAME https://HOST:8443 --token TOKEN'.", null);
        }
        return complete(explicit, prefix, config, remote, defaultDirectory ? "" : "INCUS_CONF=" + directory + " ");
    }

    private static Resolved complete(IncusConnectionProperties explicit, String prefix, IncusCliConfig config,
            IncusCliConfig.Remote remote, String cliEnvironment) {
        String remoteProperty = prefix + ".remote";
        IncusConnectionProperties settings = new IncusConnectionProperties();
        explicit.copyTo(settings);
        Map<String, Path> fromFile = new LinkedHashMap<>();
        Path configFile = config.directory().resolve("config.yml");
        List<URI> addresses = List.of();
        boolean endpointGiven = StringUtils.hasText(explicit.getUrl()) || explicit.getSocketPath() != null;
        if (!endpointGiven) {
            if (remote.isUnixSocket()) {
                String path = remote.addresses().get(0).substring("unix:".length());
                path = path.startsWith("//") ? path.substring(2) : path;
                if (!path.isEmpty()) {
                    // Relative to the configuration, never to the application's working directory.
                    settings.setSocketPath(config.directory().resolve(path));
                    fromFile.put(prefix + ".socket-path", configFile);
                }
                // "unix://": the client finds the socket as the command line does.
            } else {
                addresses = httpsAddresses(remote, remoteProperty, config);
                settings.setUrl(addresses.get(0).toString());
                fromFile.put(prefix + ".url", configFile);
            }
        }
        boolean https = StringUtils.hasText(settings.getUrl());
        CliOidcTokens oidcTokens = null;
        if (https && !remote.isUnixSocket()) {
            boolean bundle = StringUtils.hasText(explicit.getSsl().getBundle());
            boolean identityGiven = StringUtils.hasText(explicit.getClientCertificate())
                    || StringUtils.hasText(explicit.getClientKey()) || StringUtils.hasText(explicit.getClientKeystore())
                    || bundle;
            List<Path> clientFiles = config.clientFiles(remote);
            boolean tokenGiven = StringUtils.hasText(explicit.getOidc().getToken())
                    || StringUtils.hasText(explicit.getOidc().getRegistration());
            if (!identityGiven && !tokenGiven && IncusCliConfig.AUTH_OIDC.equals(remote.authType())) {
                // Not the command line's client certificate as well: next to a bearer token Incus ignores it.
                oidcTokens = oidcTokens(remote, config, remoteProperty, prefix, cliEnvironment);
            } else if (!identityGiven && !tokenGiven) {
                if (!"tls".equals(remote.authType())) {
                    throw new IncusConfigurationException(remoteProperty, "Remote '" + remote.name() + "' of the "
                            + "incus command line authenticates with " + remote.authType() + ", which this client "
                            + "does not support.", "Add the server as a remote with TLS authentication ('incus remote "
                            + "add NAME https://HOST:8443 --auth-type tls --token TOKEN') or OpenID Connect "
                            + "('--auth-type oidc'), or give the client certificate with " + prefix
                            + ".client-certificate and " + prefix + ".client-key.", null);
                }
                for (Path file : clientFiles.subList(0, 2)) {
                    if (!Files.isRegularFile(file)) {
                        throw new IncusConfigurationException(remoteProperty, "Remote '" + remote.name() + "' needs "
                                + "the client certificate of the incus command line, but " + file + " does not exist.",
                                "Create it with 'incus remote generate-certificate' (or add the remote again with "
                                + "'incus remote add'), or give the client certificate with " + prefix
                                + ".client-certificate and " + prefix + ".client-key.", null);
                    }
                }
                settings.setClientCertificate(clientFiles.get(0).toString());
                settings.setClientKey(clientFiles.get(1).toString());
                fromFile.put(prefix + ".client-certificate", clientFiles.get(0));
                fromFile.put(prefix + ".client-key", clientFiles.get(1));
            }
            boolean trustGiven = StringUtils.hasText(explicit.getServerCertificate())
                    || StringUtils.hasText(explicit.getCertificateAuthorities()) || bundle;
            if (!trustGiven) {
                Path pinned = config.serverCertificate(remote);
                Path authorities = clientFiles.get(2);
                if (Files.isRegularFile(pinned)) {
                    settings.setServerCertificate(pinned.toString());
                    fromFile.put(prefix + ".server-certificate", pinned);
                } else if (Files.isRegularFile(authorities)) {
                    settings.setCertificateAuthorities(authorities.toString());
                    fromFile.put(prefix + ".certificate-authorities", authorities);
                }
                // Neither: the server's certificate must be signed by an authority the JVM trusts.
            }
        }
        if (!StringUtils.hasText(explicit.getProject()) && StringUtils.hasText(remote.project())
                && !"default".equals(remote.project())) {
            settings.setProject(remote.project());
            fromFile.put(prefix + ".project", configFile);
        }
        return new Resolved(settings, addresses, fromFile, remote.name(), config.describeSource(), oidcTokens);
    }

    /** The tokens of an OIDC remote, which must exist: the command line writes them when it signs in. */
    private static CliOidcTokens oidcTokens(IncusCliConfig.Remote remote, IncusCliConfig config, String remoteProperty,
            String prefix, String cliEnvironment) {
        String name = remote.name();
        String signIn = "'" + cliEnvironment + "incus remote remove " + name + "', then '" + cliEnvironment
                + "incus remote add " + name + " " + remote.addresses().get(0) + " --auth-type oidc'";
        Path file = config.oidcTokens(remote);
        if (!Files.isRegularFile(file)) {
            throw new IncusConfigurationException(remoteProperty, "Remote '" + name + "' of the incus command line "
                    + "authenticates with OpenID Connect, but the command line has no tokens for it: " + file
                    + " does not exist.", "Sign in with the incus command line (" + signIn + ": it opens the "
                    + "identity provider's sign-in page), or give the client a token with " + prefix
                    + ".oidc.token or " + prefix + ".oidc.registration.", null);
        }
        return new CliOidcTokens(file, name, signIn);
    }

    /** The remote's addresses as https://host:port URLs, starting with the last one that worked. */
    private static List<URI> httpsAddresses(IncusCliConfig.Remote remote, String property, IncusCliConfig config) {
        List<URI> addresses = new ArrayList<>();
        for (String address : remote.rollingAddresses()) {
            // The command line accepts "host", "host:port" and URLs.
            String url = address.contains("://") ? address : "https://" + address;
            try {
                URI uri = new URI(url);
                String path = uri.getRawPath();
                if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                        || (path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
                    throw new URISyntaxException(url, "expected https://host:port");
                }
                String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost()
                        + "]" : uri.getHost();
                addresses.add(URI.create("https://" + host + ":" + (uri.getPort() == -1 ? 8443 : uri.getPort())));
            } catch (URISyntaxException e) {
                throw new IncusConfigurationException(property, "Remote '" + remote.name() + "' in "
                        + config.describeSource() + " has an address the client cannot use: '" + address + "' ("
                        + e.getReason() + ").", "Fix it with 'incus remote set-url " + remote.name()
                        + " https://HOST:8443', or set the address with " + property.replace(".remote", ".url") + ".",
                        e);
            }
        }
        return List.copyOf(addresses);
    }
}
