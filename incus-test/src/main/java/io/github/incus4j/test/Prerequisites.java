package io.github.incus4j.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Decides whether a throw-away daemon can be started on this host, and where the tools are.
 *
 * <p>The checks are cheap and side-effect free, so test classes can be skipped with a precise
 * reason instead of failing half-way through a daemon start.
 */
final class Prerequisites {

    static final Path INCUSD = Path.of("/usr/libexec/incus/incusd");
    static final Path BUSYBOX = Path.of("/bin/busybox");

    /** What the checks look at, so that tests can describe other hosts. */
    record Host(String osName, OptionalLong effectiveUid, String pathVariable, Predicate<Path> isExecutable,
                Predicate<Path> isDynamicallyLinked) {

        static Host current() {
            return new Host(System.getProperty("os.name", ""), effectiveUidOfThisProcess(),
                    Optional.ofNullable(System.getenv("PATH")).orElse(""),
                    Files::isExecutable, Prerequisites::dynamicallyLinked);
        }
    }

    private Prerequisites() {
    }

    /** The reason no daemon can be started on {@code host}, or empty if nothing is missing. */
    static Optional<String> unavailableReason(Host host) {
        if (!host.osName().toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("Incus runs on Linux only; this is " + host.osName());
        }
        OptionalLong uid = host.effectiveUid();
        if (uid.isEmpty()) {
            return Optional.of("cannot tell whether this process runs as root (/proc/self/status unreadable)");
        }
        if (uid.getAsLong() != 0) {
            return Optional.of("starting incusd needs root, but this process runs as uid " + uid.getAsLong());
        }
        if (!host.isExecutable().test(INCUSD)) {
            return Optional.of(INCUSD + " not found: install Incus (Debian 12: the incus package from bookworm-backports)");
        }
        if (findOnPath("incus", host).isEmpty()) {
            return Optional.of("the incus command line is not on the PATH: install Incus (package incus-client)");
        }
        if (!host.isExecutable().test(BUSYBOX)) {
            return Optional.of(BUSYBOX + " not found: install busybox-static (it provides the test container image)");
        }
        if (host.isDynamicallyLinked().test(BUSYBOX)) {
            return Optional.of(BUSYBOX + " is dynamically linked and cannot run in a container without a C library:"
                    + " install busybox-static instead of busybox");
        }
        if (findOnPath("openssl", host).isEmpty()) {
            return Optional.of("openssl is not on the PATH: install openssl (it makes the client certificates)");
        }
        return Optional.empty();
    }

    /** The first executable called {@code name} in the host's PATH. */
    static Optional<Path> findOnPath(String name, Host host) {
        for (String entry : List.of(host.pathVariable().split(File.pathSeparator))) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (host.isExecutable().test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A tool the checks above have confirmed, for callers that run after a successful check. */
    static Path require(String name) {
        return findOnPath(name, Host.current())
                .orElseThrow(() -> new IncusDaemonException(name + " is not on the PATH"));
    }

    private static boolean dynamicallyLinked(Path file) {
        try {
            return ElfFile.needsInterpreter(file);
        } catch (IOException e) {
            // Only a positive finding blocks the tests; an unusual binary format gets the benefit of the doubt.
            return false;
        }
    }

    /** Reads the effective uid from the second field of the {@code Uid:} line of /proc/self/status. */
    static OptionalLong effectiveUidOfThisProcess() {
        try {
            return parseEffectiveUid(Files.readAllLines(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseEffectiveUid(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("Uid:")) {
                String[] fields = line.substring(4).trim().split("\\s+");
                if (fields.length >= 2) {
                    try {
                        return OptionalLong.of(Long.parseLong(fields[1]));
                    } catch (NumberFormatException e) {
                        return OptionalLong.empty();
                    }
                }
            }
        }
        return OptionalLong.empty();
    }
}
