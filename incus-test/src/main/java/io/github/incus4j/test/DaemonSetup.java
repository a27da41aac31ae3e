package io.github.incus4j.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steps that prepare a standalone daemon and a cluster alike: the temporary directories, the
 * BusyBox image, trusting client certificates, and reading the server version.
 */
final class DaemonSetup {

    /** The alias of the BusyBox image in every daemon and cluster. */
    static final String IMAGE_ALIAS = "busybox";
    /** The name of the client certificate that is trusted from the start. */
    static final String TRUSTED_CLIENT_NAME = "incus-test";
    /** Unix socket paths are limited to 108 bytes, so daemon directories live directly in /tmp. */
    static final Path TEMP_ROOT = Path.of("/tmp");

    private static final Pattern ALIAS_TARGET = Pattern.compile("\"target\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern SERVER_VERSION = Pattern.compile("Server version:\\s*(\\S+)");

    private DaemonSetup() {
    }

    /** A fresh directory and its private {@code -files} sibling, both directly in {@code /tmp}. */
    record Directories(Path directory, Path workDirectory) {
    }

    /**
     * Creates {@code /tmp/<prefix><random>} and its sibling {@code ...-files} (mode 700) for logs,
     * credentials and image files, so the daemon's directory holds nothing but what incusd made.
     */
    static Directories createDirectories(String prefix) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory(TEMP_ROOT, prefix).toRealPath();
            Path work = Files.createDirectory(directory.resolveSibling(directory.getFileName() + "-files"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new Directories(directory, work);
        } catch (IOException e) {
            if (directory != null) {
                FileTrees.delete(directory, List.of());
                FileTrees.delete(directory.resolveSibling(directory.getFileName() + "-files"), List.of());
            }
            throw new UncheckedIOException("Cannot create a temporary directory for incusd in " + TEMP_ROOT, e);
        }
    }

    /**
     * Builds the BusyBox image into {@code imageDirectory} (created here) and imports it through
     * {@code daemon} under {@link #IMAGE_ALIAS}, checking that the daemon names it by the tarball's
     * SHA-256.
     */
    static BusyboxImage importBusyboxImage(Incusd daemon, Path imageDirectory) {
        try {
            Files.createDirectory(imageDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the image directory " + imageDirectory, e);
        }
        BusyboxImage image = BusyboxImageBuilder.forHost(Prerequisites.BUSYBOX, daemon.runner()).build(imageDirectory);
        daemon.incusOrFail("image", "import", image.unifiedTarball().toString(), "--alias", IMAGE_ALIAS);
        String alias = daemon.incusOrFail("query", "/1.0/images/aliases/" + IMAGE_ALIAS);
        Matcher target = ALIAS_TARGET.matcher(alias);
        if (!target.find()) {
            throw new IncusDaemonException("The alias " + IMAGE_ALIAS + " has no image fingerprint: " + alias);
        }
        if (!target.group(1).equals(image.fingerprint())) {
            throw new IncusDaemonException("The imported image has fingerprint " + target.group(1)
                    + " but the tarball's SHA-256 is " + image.fingerprint());
        }
        return image;
    }

    /** Adds a client certificate to the trust store of {@code daemon} (cluster-wide in a cluster). */
    static void trust(Incusd daemon, ClientCredentials credentials) {
        daemon.incusOrFail("config", "trust", "add-certificate", credentials.certificate().toString(),
                "--name", credentials.name());
    }

    /** The server version {@code incus version} reports, or {@code unknown}. */
    static String serverVersion(Incusd daemon) {
        Matcher matcher = SERVER_VERSION.matcher(daemon.incusOrFail("version"));
        return matcher.find() ? matcher.group(1) : "unknown";
    }
}
