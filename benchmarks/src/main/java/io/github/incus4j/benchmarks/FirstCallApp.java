package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Server;
import java.nio.file.Path;

/**
 * B12's plain Java program: builds a client of the socket given, asks {@code GET /1.0}, prints
 * {@code ANSWER <version>} and exits. The harness times it from the process's start to that line.
 */
public final class FirstCallApp {

    private FirstCallApp() {
    }

    /**
     * Entry point.
     *
     * @param args the daemon's Unix socket
     */
    public static void main(String[] args) {
        try (IncusClient client = IncusClient.builder().unixSocket(Path.of(args[0])).build()) {
            Server server = client.server().get().block();
            System.out.println("ANSWER " + server.environment().serverVersion());
        }
    }
}
