package io.github.incus4j.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** F3: a daemon that accepts connections and never answers must not hang the caller. */
class SilentServerTest {

    private Path directory;
    private Path socket;
    private ServerSocketChannel server;
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void startSilentServer() throws IOException {
        directory = Files.createTempDirectory("incus4j-silent");
        socket = directory.resolve("unix.socket");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    accepted.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (SocketChannel connection : accepted) {
            connection.close();
        }
        acceptor.join(5000);
        Files.deleteIfExists(socket);
        Files.deleteIfExists(directory);
    }

    @Test
    void theResponseTimeoutEndsEveryCallAndTheClientStaysUsable() {
        try (IncusClient client = IncusClient.builder().unixSocket(socket)
                .responseTimeout(Duration.ofMillis(500)).build()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                int call = attempt;
                long started = System.nanoTime();
                assertThatThrownBy(() -> client.server().get().block(Duration.ofSeconds(10)))
                        .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                            assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TIMEOUT);
                            assertThat(e.getMessage()).contains("within PT0.5S");
                        });
                // The first call also pays for loading the transport classes.
                Duration bound = call == 0 ? Duration.ofSeconds(6) : Duration.ofSeconds(3);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(bound);
            }
            assertThat(accepted).isNotEmpty();
        }
    }
}
