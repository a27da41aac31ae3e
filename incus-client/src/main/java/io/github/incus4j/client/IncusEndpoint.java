package io.github.incus4j.client;

import io.github.incus4j.client.internal.transport.Endpoint;
import io.github.incus4j.client.internal.transport.HttpsEndpoint;
import io.github.incus4j.client.internal.transport.UnixSocketEndpoint;
import io.github.incus4j.client.internal.transport.UnixSocketResolver;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a client connects: the daemon's Unix socket, or one or more HTTPS addresses (a cluster's
 * members, or a remote with several addresses). A value: it says where requests go, it does not
 * connect.
 *
 * <p>{@link #localSocket()} finds the local socket the way the {@code incus} command line does,
 * for an application that wants to know whether a local daemon is there before it builds a
 * client.
 */
public final class IncusEndpoint {

    /** How the client reaches the daemon. */
    public enum Kind {
        /** The daemon's Unix socket, on this machine. */
        UNIX_SOCKET,
        /** HTTPS with mutual TLS, to one or more addresses. */
        HTTPS
    }

    private final Endpoint endpoint;

    private IncusEndpoint(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    static IncusEndpoint of(Endpoint endpoint) {
        return new IncusEndpoint(endpoint);
    }

    /**
     * Finds the local Unix socket as the {@code incus} command line does: {@code INCUS_SOCKET},
     * {@code INCUS_DIR/unix.socket}, {@code /run/incus/unix.socket} if it exists, else
     * {@code /var/lib/incus/unix.socket}, and the {@code incus-user} socket where the daemon's
     * socket is not writable but that one is. Nothing is connected, and this never fails: whether
     * a daemon answers is for the first request to tell.
     *
     * @return the socket a client built without an address would use
     */
    public static IncusEndpoint localSocket() {
        return new IncusEndpoint(UnixSocketResolver.resolve(null));
    }

    /**
     * Returns how the client reaches the daemon.
     *
     * @return the kind of endpoint
     */
    public Kind kind() {
        return endpoint instanceof HttpsEndpoint ? Kind.HTTPS : Kind.UNIX_SOCKET;
    }

    /**
     * Returns the Unix socket's path.
     *
     * @return the path, or empty for an HTTPS endpoint
     */
    public Optional<Path> socketPath() {
        return endpoint instanceof UnixSocketEndpoint socket ? Optional.of(socket.path()) : Optional.empty();
    }

    /**
     * Returns the paths looked at while the socket was resolved, in order, for messages such as
     * "no daemon here (tried ...)".
     *
     * @return the paths tried, empty for an HTTPS endpoint or an explicitly given socket
     */
    public List<Path> triedSocketPaths() {
        return endpoint instanceof UnixSocketEndpoint socket ? socket.tried() : List.of();
    }

    /**
     * Tells whether the socket is the {@code incus-user} service's per-user socket, whose
     * requests go to the user's own project.
     *
     * @return {@code true} for the per-user socket
     */
    public boolean isUserSocket() {
        return endpoint instanceof UnixSocketEndpoint socket && socket.userSocket();
    }

    /**
     * Returns the project requests go to when the client names none (the per-user socket's
     * {@code user-<uid>}).
     *
     * @return the project, or empty when the daemon's default applies
     */
    public Optional<String> defaultProject() {
        @Nullable String project = endpoint instanceof UnixSocketEndpoint socket ? socket.defaultProject() : null;
        return Optional.ofNullable(project);
    }

    /**
     * Returns the HTTPS addresses, in the order they are tried.
     *
     * @return the addresses, empty for a Unix socket
     */
    public List<URI> urls() {
        return endpoint instanceof HttpsEndpoint https ? https.urls() : List.of();
    }

    /**
     * Describes the endpoint for messages and logs: {@code unix:///path/unix.socket} or the
     * HTTPS addresses separated by commas. It holds no credentials.
     *
     * @return the description
     */
    public String describe() {
        return endpoint.describe();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IncusEndpoint that && endpoint.equals(that.endpoint);
    }

    @Override
    public int hashCode() {
        return endpoint.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
