package io.github.incus4j.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a minimal container image around a statically linked BusyBox, with no network access and
 * no image server: every applet is a symbolic link to {@code /bin/busybox}, {@code /sbin/init}
 * starts BusyBox's init, and {@code /etc/passwd} knows {@code root} and an unprivileged
 * {@code user} (uid and gid 1000) for tests of {@code exec --user}.
 */
final class BusyboxImageBuilder {

    static final String UNIFIED = "busybox.tar.gz";
    static final String METADATA = "busybox-metadata.tar.gz";
    static final String ROOTFS = "busybox-rootfs.tar.gz";

    private static final Pattern VERSION = Pattern.compile("BusyBox v([0-9][0-9A-Za-z.\\-]*)");
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern APPLET_NAME = Pattern.compile("[A-Za-z0-9_.\\[\\]+-]+");

    private final Path busybox;
    private final List<String> applets;
    private final String architecture;
    private final String version;
    private final Instant creationDate;

    /**
     * @param busybox      the static BusyBox binary to copy into the image
     * @param applets      applet names as printed by {@code busybox --list}
     * @param architecture Incus architecture name, see {@link #incusArchitecture(String)}
     * @param version      BusyBox version for the image description, see {@link #parseVersion(String)}
     * @param creationDate creation date recorded in the metadata and on every tar entry
     */
    BusyboxImageBuilder(Path busybox, List<String> applets, String architecture, String version, Instant creationDate) {
        this.busybox = busybox;
        this.applets = List.copyOf(applets);
        this.architecture = architecture;
        this.version = version;
        this.creationDate = creationDate;
    }

    /** Asks BusyBox for its applets and version, then builds the image for this machine. */
    static BusyboxImageBuilder forHost(Path busybox, CommandRunner runner) {
        CommandResult list = runner.run(List.of(busybox.toString(), "--list"), Map.of(),
                LIST_TIMEOUT);
        if (!list.succeeded()) {
            throw new IncusDaemonException("`" + busybox + " --list` failed with exit code " + list.exitCode()
                    + ": " + list.stderr());
        }
        // Without arguments BusyBox prints its banner (and exits 0 or 1 depending on the build).
        CommandResult banner = runner.run(List.of(busybox.toString()), Map.of(),
                LIST_TIMEOUT);
        return new BusyboxImageBuilder(busybox, list.stdout().lines().toList(),
                incusArchitecture(System.getProperty("os.arch", "")),
                parseVersion(banner.stdout() + banner.stderr()), Instant.now());
    }

    /** Maps a JVM {@code os.arch} value to the architecture name Incus uses in image metadata. */
    static String incusArchitecture(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "i686";
            case "arm", "armv7l" -> "armv7l";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> osArch;
        };
    }

    /** Extracts {@code 1.35.0} from a banner such as {@code BusyBox v1.35.0 (Debian ...) multi-call binary.}. */
    static String parseVersion(String banner) {
        Matcher matcher = VERSION.matcher(banner);
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    /**
     * Writes the three tarballs into {@code directory} (which must exist).
     *
     * @return the image, with the fingerprint of the unified tarball
     */
    BusyboxImage build(Path directory) {
        try {
            byte[] binary = Files.readAllBytes(busybox);
            byte[] metadata = metadataYaml().getBytes(StandardCharsets.UTF_8);
            long mtime = creationDate.getEpochSecond();

            Path unified = directory.resolve(UNIFIED);
            try (TarGzWriter tar = new TarGzWriter(unified, mtime)) {
                tar.file("metadata.yaml", 0644, metadata);
                tar.directory("rootfs", 0755);
                writeRootfs(tar, "rootfs/", binary);
            }
            Path metadataOnly = directory.resolve(METADATA);
            try (TarGzWriter tar = new TarGzWriter(metadataOnly, mtime)) {
                tar.file("metadata.yaml", 0644, metadata);
            }
            Path rootfsOnly = directory.resolve(ROOTFS);
            try (TarGzWriter tar = new TarGzWriter(rootfsOnly, mtime)) {
                writeRootfs(tar, "", binary);
            }
            return new BusyboxImage(unified, metadataOnly, rootfsOnly, sha256(unified));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the BusyBox image in " + directory, e);
        }
    }

    String metadataYaml() {
        return "architecture: " + architecture + "\n"
                + "creation_date: " + creationDate.getEpochSecond() + "\n"
                + "properties:\n"
                + "  description: \"BusyBox " + version + " test image (incus-test)\"\n"
                + "  os: busybox\n"
                + "  release: \"" + version + "\"\n";
    }

    /** The applets that become links in {@code /bin}: sorted, without duplicates or odd names. */
    List<String> appletLinks() {
        Set<String> names = new TreeSet<>();
        for (String applet : applets) {
            String name = applet.strip();
            // "busybox" itself is the real file; anything with a slash or a strange character could
            // escape /bin or confuse tar, and no real applet looks like that.
            if (!name.isEmpty() && !name.equals("busybox") && APPLET_NAME.matcher(name).matches()) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    private void writeRootfs(TarGzWriter tar, String prefix, byte[] binary) throws IOException {
        for (String dir : List.of("bin", "sbin", "dev", "proc", "sys", "etc", "home", "usr", "var")) {
            tar.directory(prefix + dir, 0755);
        }
        tar.directory(prefix + "root", 0700);
        tar.directory(prefix + "tmp", 01777);
        tar.directory(prefix + "home/user", 0755, 1000, 1000);
        tar.file(prefix + "bin/busybox", 0755, binary);
        for (String applet : appletLinks()) {
            tar.symlink(prefix + "bin/" + applet, "busybox");
        }
        tar.symlink(prefix + "sbin/init", "../bin/busybox");
        // Scripts often start with #!/usr/bin/env; point /usr/bin and /usr/sbin at the applets.
        tar.symlink(prefix + "usr/bin", "../bin");
        tar.symlink(prefix + "usr/sbin", "../bin");
        tar.file(prefix + "etc/passwd", 0644, ("root:x:0:0:root:/root:/bin/sh\n"
                + "user:x:1000:1000:user:/home/user:/bin/sh\n").getBytes(StandardCharsets.US_ASCII));
        tar.file(prefix + "etc/group", 0644, "root:x:0:\nuser:x:1000:\n".getBytes(StandardCharsets.US_ASCII));
        tar.file(prefix + "etc/hostname", 0644, "busybox\n".getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
