package io.github.incus4j.client.internal.transport;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A resolved Unix socket of a local daemon.
 *
 * @param path the socket the client uses
 * @param tried every path considered while resolving, in order, for error messages
 * @param userSocket whether this is the restricted per-user socket of the {@code incus-user} service
 * @param defaultProject the project implied by the socket ({@code user-<uid>} for the per-user
 *     socket), or {@code null}
 */
public record UnixSocketEndpoint(Path path, List<Path> tried, boolean userSocket, @Nullable String defaultProject)
        implements Endpoint {

    /**
     * Copies the list of tried paths.
     *
     * @param path the socket the client uses
     * @param tried every path considered while resolving, in order, for error messages
     * @param userSocket whether this is the restricted per-user socket of the {@code incus-user}
     *     service
     * @param defaultProject the project implied by the socket ({@code user-<uid>} for the per-user
     *     socket), or {@code null}
     */
    public UnixSocketEndpoint {
        tried = List.copyOf(tried);
    }

    @Override
    public String describe() {
        return "unix://" + path;
    }
}
