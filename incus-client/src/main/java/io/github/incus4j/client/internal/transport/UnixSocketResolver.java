package io.github.incus4j.client.internal.transport;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Finds the daemon's Unix socket the way the official Incus client does.
 *
 * <ol>
 *   <li>An explicit path, used as it is.</li>
 *   <li>{@code $INCUS_SOCKET}.</li>
 *   <li>{@code $INCUS_DIR/unix.socket}.</li>
 *   <li>{@code /run/incus/unix.socket} if it exists, else {@code /var/lib/incus/unix.socket}.</li>
 * </ol>
 * When the socket came from a directory (3 or 4) and the caller cannot write to it but can write
 * to {@code unix.socket.user} next to it, the per-user socket of the {@code incus-user} service is
 * used instead, and the default project becomes {@code user-<uid>} because that service confines
 * each user to their own project.
 *
 * <p>Resolution never fails: when nothing exists, the last candidate is returned with every path
 * tried, so that the first request can say where it looked. Nothing is contacted.
 */
public final class UnixSocketResolver {

    static final Path RUN_DIR = Path.of("/run/incus");
    static final Path VAR_LIB_DIR = Path.of("/var/lib/incus");
    static final String SOCKET = "unix.socket";
    static final String USER_SOCKET = "unix.socket.user";

    /** The file checks the resolver needs, replaceable in tests. */
    interface FileChecks {
        boolean exists(Path path);

        boolean writable(Path path);
    }

    private static final FileChecks REAL_FILES = new FileChecks() {
        @Override
        public boolean exists(Path path) {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public boolean writable(Path path) {
            return Files.exists(path) && Files.isWritable(path);
        }
    };

    private final Map<String, String> environment;
    private final FileChecks files;
    private final LongSupplier uid;

    UnixSocketResolver(Map<String, String> environment, FileChecks files, LongSupplier uid) {
        this.environment = environment;
        this.files = files;
        this.uid = uid;
    }

    /**
     * Resolves the socket with the process environment and the real file system.
     *
     * @param explicitPath a path given by the caller, or {@code null} to search
     * @return the socket to use, with every path tried
     */
    public static UnixSocketEndpoint resolve(@Nullable Path explicitPath) {
        return new UnixSocketResolver(System.getenv(), REAL_FILES, UnixSocketResolver::effectiveUid)
                .resolveSocket(explicitPath);
    }

    UnixSocketEndpoint resolveSocket(@Nullable Path explicitPath) {
        if (explicitPath != null) {
            return new UnixSocketEndpoint(explicitPath, List.of(explicitPath), false, null);
        }
        String socketVariable = environment.get("INCUS_SOCKET");
        if (socketVariable != null && !socketVariable.isEmpty()) {
            Path path = Path.of(socketVariable);
            return new UnixSocketEndpoint(path, List.of(path), false, null);
        }
        List<Path> tried = new ArrayList<>();
        Path directory;
        String dirVariable = environment.get("INCUS_DIR");
        if (dirVariable != null && !dirVariable.isEmpty()) {
            directory = Path.of(dirVariable);
        } else {
            Path runSocket = RUN_DIR.resolve(SOCKET);
            tried.add(runSocket);
            directory = files.exists(runSocket) ? RUN_DIR : VAR_LIB_DIR;
        }
        Path socket = directory.resolve(SOCKET);
        if (!tried.contains(socket)) {
            tried.add(socket);
        }
        Path userSocket = directory.resolve(USER_SOCKET);
        if (!files.writable(socket)) {
            tried.add(userSocket);
            if (files.writable(userSocket)) {
                return new UnixSocketEndpoint(userSocket, tried, true, "user-" + uid.getAsLong());
            }
        }
        return new UnixSocketEndpoint(socket, tried, false, null);
    }

    private static long effectiveUid() {
        try {
            // /proc/self belongs to the effective user of the process.
            Object owner = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return ((Number) owner).longValue();
        } catch (Exception | LinkageError notLinux) {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        }
    }
}
