package io.github.incus4j.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The socket search order of the official client, on a simulated file system. */
class UnixSocketResolverTest {

    private final Map<String, String> environment = new HashMap<>();
    private final Set<Path> existing = new HashSet<>();
    private final Set<Path> writable = new HashSet<>();

    private UnixSocketEndpoint resolve(Path explicit) {
        UnixSocketResolver.FileChecks files = new UnixSocketResolver.FileChecks() {
            @Override
            public boolean exists(Path path) {
                return existing.contains(path);
            }

            @Override
            public boolean writable(Path path) {
                return writable.contains(path);
            }
        };
        return new UnixSocketResolver(environment, files, () -> 1000).resolveSocket(explicit);
    }

    private void socket(String path, boolean canWrite) {
        existing.add(Path.of(path));
        if (canWrite) {
            writable.add(Path.of(path));
        }
    }

    @Test
    void anExplicitPathWinsAndHasNoUserFallback() {
        environment.put("INCUS_SOCKET", "/elsewhere/unix.socket");
        socket("/srv/incus/unix.socket.user", true);

        UnixSocketEndpoint endpoint = resolve(Path.of("/srv/incus/unix.socket"));

        assertThat(endpoint.path()).isEqualTo(Path.of("/srv/incus/unix.socket"));
        assertThat(endpoint.userSocket()).isFalse();
        assertThat(endpoint.defaultProject()).isNull();
    }

    @Test
    void incusSocketComesNext() {
        environment.put("INCUS_SOCKET", "/elsewhere/unix.socket");
        environment.put("INCUS_DIR", "/srv/incus");

        assertThat(resolve(null).path()).isEqualTo(Path.of("/elsewhere/unix.socket"));
    }

    @Test
    void incusDirComesThird() {
        environment.put("INCUS_DIR", "/srv/incus");
        socket("/srv/incus/unix.socket", true);
        socket("/run/incus/unix.socket", true);

        UnixSocketEndpoint endpoint = resolve(null);

        assertThat(endpoint.path()).isEqualTo(Path.of("/srv/incus/unix.socket"));
        assertThat(endpoint.tried()).containsExactly(Path.of("/srv/incus/unix.socket"));
    }

    @Test
    void runIncusIsPreferredWhenItsSocketExists() {
        socket("/run/incus/unix.socket", true);
        socket("/var/lib/incus/unix.socket", true);

        assertThat(resolve(null).path()).isEqualTo(Path.of("/run/incus/unix.socket"));
    }

    @Test
    void varLibIncusIsTheDefaultAndEveryPathTriedIsListed() {
        UnixSocketEndpoint endpoint = resolve(null);

        assertThat(endpoint.path()).isEqualTo(Path.of("/var/lib/incus/unix.socket"));
        assertThat(endpoint.tried()).containsExactly(Path.of("/run/incus/unix.socket"),
                Path.of("/var/lib/incus/unix.socket"), Path.of("/var/lib/incus/unix.socket.user"));
    }

    @Test
    void theUserSocketIsUsedWhenTheMainOneIsNotWritableAndItsProjectBecomesTheDefault() {
        socket("/run/incus/unix.socket", false);
        socket("/run/incus/unix.socket.user", true);

        UnixSocketEndpoint endpoint = resolve(null);

        assertThat(endpoint.path()).isEqualTo(Path.of("/run/incus/unix.socket.user"));
        assertThat(endpoint.userSocket()).isTrue();
        assertThat(endpoint.defaultProject()).isEqualTo("user-1000");
    }

    @Test
    void theMainSocketStaysWhenNeitherIsWritableSoThatTheErrorSaysPermissionDenied() {
        socket("/run/incus/unix.socket", false);
        socket("/run/incus/unix.socket.user", false);

        UnixSocketEndpoint endpoint = resolve(null);

        assertThat(endpoint.path()).isEqualTo(Path.of("/run/incus/unix.socket"));
        assertThat(endpoint.userSocket()).isFalse();
    }
}
