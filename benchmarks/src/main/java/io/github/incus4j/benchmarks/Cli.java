package io.github.incus4j.benchmarks;

import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code incus} command line as a baseline, run directly (not through the fixture's runner)
 * so that nothing but the process itself is timed. Two ways to reach the daemon: its Unix socket
 * ({@code INCUS_DIR}), or a remote named {@value #REMOTE} over HTTPS with the trusted client
 * certificate and the server's certificate pinned, configured as {@code incus remote add} would.
 */
final class Cli implements AutoCloseable {

    /** The name of the HTTPS remote in the command line's configuration. */
    static final String REMOTE = "bench";

    private final Path configuration;
    private final Map<String, String> environment;
    private final String prefix;

    private Cli(Path configuration, Map<String, String> environment, String prefix) {
        this.configuration = configuration;
        this.environment = environment;
        this.prefix = prefix;
    }

    /** The command line on the daemon's Unix socket. */
    static Cli unixSocket(IncusDaemon daemon) throws IOException {
        Path configuration = Files.createTempDirectory("incus-bench-cli");
        return new Cli(configuration, Map.of("INCUS_DIR", daemon.directory().toString(), "INCUS_CONF",
                configuration.toString()), "");
    }

    /** The command line on the daemon's HTTPS address, as a remote with the trusted client certificate. */
    static Cli https(IncusDaemon daemon) throws IOException {
        Path configuration = Files.createTempDirectory("incus-bench-cli");
        Files.createDirectories(configuration.resolve("servercerts"));
        Files.copy(daemon.trustedClient().certificate(), configuration.resolve("client.crt"));
        Files.copy(daemon.trustedClient().privateKey(), configuration.resolve("client.key"));
        Files.copy(daemon.serverCertificate(), configuration.resolve("servercerts").resolve(REMOTE + ".crt"));
        Files.writeString(configuration.resolve("config.yml"), "default-remote: local\nremotes:\n  " + REMOTE + ":\n"
                + "    addr: " + daemon.httpsUrl() + "\n    auth_type: tls\n    project: default\n"
                + "    protocol: incus\n    public: false\n  local:\n    addr: unix://\n    public: false\n");
        return new Cli(configuration, Map.of("INCUS_CONF", configuration.toString(), "INCUS_DIR", "/nonexistent"),
                REMOTE + ":");
    }

    /** What goes before an instance name: {@code bench:} for the remote, nothing on the socket. */
    String remotePrefix() {
        return prefix;
    }

    /**
     * Runs a command that must succeed.
     *
     * @param args the arguments after {@code incus}
     * @return its standard output
     */
    String run(String... args) {
        List<String> command = new ArrayList<>(List.of("incus"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().keySet().removeIf(name -> name.startsWith("INCUS_"));
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Process process = builder.start();
            byte[] errors;
            String output;
            try (var err = process.getErrorStream(); var out = process.getInputStream()) {
                // Small outputs only: both fit in the pipes' buffers, so reading one after the other is safe.
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                errors = err.readAllBytes();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("incus " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("incus " + String.join(" ", args) + " failed (" + process.exitValue()
                        + "): " + new String(errors, StandardCharsets.UTF_8));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.walk(configuration)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
