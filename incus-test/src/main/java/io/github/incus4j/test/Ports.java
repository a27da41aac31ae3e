package io.github.incus4j.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Finds a free TCP port on the loopback address (for the daemon's HTTPS listener, or for a test
 * that needs an address nothing listens on) and waits for a listener on it.
 */
public final class Ports {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration POLL = Duration.ofMillis(50);

    private Ports() {
    }

    /**
     * Returns a loopback port that was free a moment ago: bound, then released. Another process
     * may take it before the caller uses it; the daemon's start retries with a new port when that
     * happens.
     *
     * @return the port number
     * @throws IncusDaemonException if no port can be bound
     */
    public static int freeLoopbackPort() {
        return freePort(LOOPBACK);
    }

    /**
     * A TCP port that was free on {@code address} a moment ago (bound, then released), for daemons
     * that listen on other loopback addresses such as {@code 127.0.0.2}.
     */
    static int freePort(InetAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IncusDaemonException("Cannot find a free TCP port on " + address.getHostAddress(), e);
        }
    }

    /** Polls until something accepts connections on the loopback port, or the timeout passes. */
    static boolean awaitListening(int port, Duration timeout) {
        return awaitListening(new InetSocketAddress(LOOPBACK, port), timeout);
    }

    /** Polls until something accepts connections on {@code address}, or the timeout passes. */
    static boolean awaitListening(InetSocketAddress address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int maxAttempts = (int) (timeout.toMillis() / POLL.toMillis()) + 1;
        for (int attempt = 0; attempt < maxAttempts && System.nanoTime() < deadline; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(address, (int) POLL.toMillis() * 4);
                return true;
            } catch (IOException notYet) {
                Sleeper.pause(POLL);
            }
        }
        return false;
    }
}
