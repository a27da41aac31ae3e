package io.github.incus4j.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a configuration directory of the incus command line, laid out as a real
 * {@code incus remote add} leaves it: {@code config.yml}, {@code client.crt}, {@code client.key}
 * and {@code servercerts/NAME.crt} (the test fixtures stand in for the certificates).
 */
final class CliConfigDir {

    private final Path directory;

    private CliConfigDir(Path directory) {
        this.directory = directory;
    }

    /**
     * Creates the directory with a {@code config.yml}, a client certificate and key.
     *
     * @param directory an empty directory
     * @param configYml the content of config.yml
     * @return the directory
     */
    static CliConfigDir create(Path directory, String configYml) {
        CliConfigDir dir = new CliConfigDir(directory);
        dir.write("config.yml", configYml);
        dir.copy("tls/ec.crt", "client.crt");
        dir.copy("tls/ec-pkcs8.key", "client.key");
        return dir;
    }

    /** A config.yml as the command line writes it, with the remotes added to local and images. */
    static String configYml(String defaultRemote, String remotes) {
        return "default-remote: " + defaultRemote + "\nremotes:\n  images:\n    addr: https://images.linuxcontainers.org\n"
                + "    protocol: simplestreams\n    public: true\n" + remotes
                + "  local:\n    addr: unix://\n    protocol: incus\n    public: false\naliases: {}\n";
    }

    /** One remote entry of config.yml. */
    static String remote(String name, String addr, String protocol, String project) {
        return "  " + name + ":\n    addr: " + addr + "\n    auth_type: tls\n    project: " + project + "\n    protocol: "
                + protocol + "\n    public: false\n";
    }

    CliConfigDir pinServer(String remote) {
        copy("tls/server.crt", "servercerts/" + remote + ".crt");
        return this;
    }

    CliConfigDir write(String name, String content) {
        try {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    CliConfigDir copy(String resource, String name) {
        try {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.copy(TestFiles.resource(resource), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    CliConfigDir delete(String name) {
        try {
            Files.delete(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path path() {
        return directory;
    }

    Path resolve(String name) {
        return directory.resolve(name);
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
