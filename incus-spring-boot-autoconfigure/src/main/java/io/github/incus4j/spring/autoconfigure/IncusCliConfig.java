package io.github.incus4j.spring.autoconfigure;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The configuration of the {@code incus} command line, read the way the command line reads it:
 * {@code config.yml} of its directory, the system-wide remotes of {@code /etc/incus/config.yml}
 * ({@code $INCUS_GLOBAL_CONF}) for names the user has not defined, and the built-in remote
 * {@code local}. Without {@code config.yml} the command line's defaults apply ({@code local} and
 * {@code images}).
 *
 * <p>Only SnakeYAML's safe constructor is used: the file can make maps, lists and scalars, never
 * objects. Nothing here contacts a daemon.
 */
final class IncusCliConfig {

    static final String PROTOCOL_INCUS = "incus";
    static final String AUTH_OIDC = "oidc";

    private static final String LOCAL = "local";
    private static final String DEFAULT_GLOBAL_DIRECTORY = "/etc/incus";

    /**
     * One remote of the configuration.
     *
     * @param name its name
     * @param addresses its addresses in the order written ({@code addr} split at commas)
     * @param lastWorkingAddress the address the command line last reached, or {@code null}
     * @param project its project, or {@code null}
     * @param protocol {@code incus}, {@code simplestreams} or {@code oci}
     * @param authType {@code tls} or {@code oidc}, or {@code none} for a public server
     * @param isPublic whether it is a public image server
     * @param global whether it comes from the system-wide configuration
     */
    record Remote(String name, List<String> addresses, @Nullable String lastWorkingAddress, @Nullable String project,
            String protocol, String authType, boolean isPublic, boolean global) {

        /** Whether the client can manage it: an Incus server that is not a public image server. */
        boolean isIncusServer() {
            return PROTOCOL_INCUS.equals(protocol) && !isPublic;
        }

        boolean isUnixSocket() {
            return addresses.size() == 1 && addresses.get(0).startsWith("unix:");
        }

        /**
         * The addresses starting at the last one that worked, as the command line tries them.
         *
         * @return the addresses in the order to try
         */
        List<String> rollingAddresses() {
            int start = lastWorkingAddress != null ? Math.max(0, addresses.indexOf(lastWorkingAddress)) : 0;
            List<String> rolled = new ArrayList<>(addresses.size());
            for (int i = 0; i < addresses.size(); i++) {
                rolled.add(addresses.get((start + i) % addresses.size()));
            }
            return rolled;
        }

        String describe() {
            return name + " (" + String.join(",", addresses) + ")";
        }
    }

    private final Path directory;
    private final Path globalDirectory;
    private final boolean fileExists;
    private final String defaultRemote;
    private final Map<String, Remote> remotes;

    private IncusCliConfig(Path directory, Path globalDirectory, boolean fileExists, String defaultRemote,
            Map<String, Remote> remotes) {
        this.directory = directory;
        this.globalDirectory = globalDirectory;
        this.fileExists = fileExists;
        this.defaultRemote = defaultRemote;
        this.remotes = Collections.unmodifiableMap(remotes);
    }

    /**
     * Reads the configuration.
     *
     * @param directory the configuration directory, which exists
     * @param environment looks up environment variables ({@code INCUS_GLOBAL_CONF})
     * @return the configuration
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if a file is not a configuration of the command line
     */
    static IncusCliConfig load(Path directory, Function<String, @Nullable String> environment) throws IOException {
        String global = environment.apply("INCUS_GLOBAL_CONF");
        Path globalDirectory = Path.of(global != null && !global.isBlank() ? global.strip() : DEFAULT_GLOBAL_DIRECTORY);
        Path file = directory.resolve("config.yml");
        Map<String, Remote> remotes = new TreeMap<>();
        String defaultRemote = LOCAL;
        boolean fileExists = Files.isRegularFile(file);
        if (fileExists) {
            Map<?, ?> document = read(file);
            readRemotes(document, file, false, remotes);
            Object configuredDefault = document.get("default-remote");
            if (configuredDefault != null && !configuredDefault.toString().isBlank()) {
                defaultRemote = configuredDefault.toString().strip();
            }
        } else {
            remotes.put("images", new Remote("images", List.of("https://images.linuxcontainers.org"), null, null,
                    "simplestreams", "none", true, false));
        }
        Path globalFile = globalDirectory.resolve("config.yml");
        if (Files.isRegularFile(globalFile)) {
            Map<String, Remote> globalRemotes = new TreeMap<>();
            readRemotes(read(globalFile), globalFile, true, globalRemotes);
            globalRemotes.forEach(remotes::putIfAbsent);
        }
        // The built-in remote: always the local socket, keeping only the project of the file.
        Remote local = remotes.get(LOCAL);
        remotes.put(LOCAL, new Remote(LOCAL, List.of("unix://"), null, local != null ? local.project() : null,
                PROTOCOL_INCUS, "file access", false, false));
        return new IncusCliConfig(directory, globalDirectory, fileExists, defaultRemote, remotes);
    }

    private static Map<?, ?> read(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + " is not a configuration of the incus command line: its top "
                    + "level is not a mapping");
        }
        return map;
    }

    private static void readRemotes(Map<?, ?> document, Path file, boolean global, Map<String, Remote> into) {
        Object remotes = document.get("remotes");
        if (remotes == null) {
            return;
        }
        if (!(remotes instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException(file + ": 'remotes' is not a mapping of remote names");
        }
        entries.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (!(value instanceof Map<?, ?> remote)) {
                throw new IllegalArgumentException(file + ": remote '" + name + "' is not a mapping");
            }
            List<String> addresses = Arrays.stream(text(remote.get("addr"), "").split(","))
                    .map(String::strip).filter(address -> !address.isEmpty()).toList();
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException(file + ": remote '" + name + "' has no addr");
            }
            boolean isPublic = Boolean.parseBoolean(text(remote.get("public"), "false"));
            String authType = text(remote.get("auth_type"), isPublic ? "none" : "tls");
            into.put(name, new Remote(name, addresses, nullable(remote.get("last_working_address")),
                    nullable(remote.get("project")), text(remote.get("protocol"), PROTOCOL_INCUS), authType, isPublic,
                    global));
        });
    }

    private static String text(@Nullable Object value, String fallback) {
        String text = nullable(value);
        return text != null ? text : fallback;
    }

    private static @Nullable String nullable(@Nullable Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    Path directory() {
        return directory;
    }

    /** The file the remotes come from, or the directory when the command line's defaults apply. */
    String describeSource() {
        return fileExists ? directory.resolve("config.yml").toString() : directory + " (no config.yml: defaults)";
    }

    String defaultRemote() {
        return defaultRemote;
    }

    @Nullable Remote remote(String name) {
        return remotes.get(name);
    }

    /** The remotes the client can use (Incus servers, over the Unix socket, with TLS or OIDC), for messages. */
    List<String> usableRemotes() {
        return remotes.values().stream()
                .filter(remote -> remote.isIncusServer() && (remote.isUnixSocket() || "tls".equals(remote.authType())
                        || AUTH_OIDC.equals(remote.authType())))
                .map(Remote::describe).toList();
    }

    /** Where the command line keeps the OpenID Connect tokens of a remote. */
    Path oidcTokens(Remote remote) {
        return directory.resolve("oidctokens").resolve(remote.name() + ".json");
    }

    /** The pinned server certificate of a remote, where the command line keeps it. */
    Path serverCertificate(Remote remote) {
        return (remote.global() ? globalDirectory : directory).resolve("servercerts").resolve(remote.name() + ".crt");
    }

    /**
     * The client certificate, key and CA for a remote: a per-remote set in {@code clientcerts/}
     * when there is one, else {@code client.crt}, {@code client.key} and {@code client.ca}.
     */
    List<Path> clientFiles(Remote remote) {
        Path perRemote = directory.resolve("clientcerts").resolve(remote.name() + ".crt");
        if (Files.isRegularFile(perRemote)) {
            Path dir = perRemote.getParent();
            return List.of(perRemote, dir.resolve(remote.name() + ".key"), dir.resolve(remote.name() + ".ca"));
        }
        return List.of(directory.resolve("client.crt"), directory.resolve("client.key"), directory.resolve("client.ca"));
    }
}
