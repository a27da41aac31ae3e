package io.github.incus4j.client;

import io.github.incus4j.client.internal.transport.UpgradedChannel;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection the daemon switched to another protocol: SFTP into an instance or a custom volume,
 * NBD, or a TCP port forwarded from inside an instance. The daemon answered the upgrade request
 * with {@code 101 Switching Protocols}; from then on the connection's bytes are that protocol's,
 * in both directions, with nothing of HTTP around them. Hand the two streams to a client of the
 * protocol, such as an SFTP client that works on a pair of streams (the daemon speaks SFTP version
 * 3 straight away, with no SSH layer) or an NBD client.
 *
 * <pre>{@code
 * try (UpgradedConnection sftp = incus.instances().connections("web1").sftp().block()) {
 *     sftp.output().write(sftpInit);      // SSH_FXP_INIT, version 3
 *     int length = new DataInputStream(sftp.input()).readInt();   // SSH_FXP_VERSION follows
 * }
 * }</pre>
 *
 * <p>The streams block, and may be used from two threads at once: one reading, one writing, as
 * protocol clients do. Do not use them on a Reactor Netty event loop; the {@code Mono} that opens
 * the connection emits it on a thread where blocking is fine.
 *
 * <p>Memory stays bounded whatever the transfer's size: at most about 256 KiB that the daemon sent
 * wait for the reader, after which the client stops reading the socket until the reader catches
 * up (so a slow reader slows the daemon down instead of filling the heap), and at most about
 * 128 KiB written wait for the socket, after which writes block until the daemon reads.
 *
 * <p>The caller closes the connection. Closing either stream closes it too, and so does closing
 * the {@link IncusClient} that opened it. Instances of this class are thread-safe.
 */
public final class UpgradedConnection implements Closeable {

    private final UpgradedChannel channel;

    UpgradedConnection(UpgradedChannel channel) {
        this.channel = channel;
    }

    /**
     * Returns the protocol the connection speaks now.
     *
     * @return the {@code Upgrade} value the daemon confirmed: {@code sftp}, {@code nbd} or {@code tcp}
     */
    public String protocol() {
        return channel.protocol();
    }

    /**
     * Returns what the daemon sends. Reads block until bytes arrive; the stream ends ({@code -1})
     * when the daemon closes the connection, and a read fails with an {@link java.io.IOException}
     * once the connection was closed from this side or broke.
     *
     * @return the input stream, the same one on every call
     */
    public InputStream input() {
        return channel.input();
    }

    /**
     * Returns what goes to the daemon. A write takes its bytes at once (they need not stay
     * unchanged afterwards) and sends them as soon as the socket allows; it blocks only while
     * about 128 KiB are still on their way. As with a socket, a failure on the way is reported by
     * the next {@code write} or {@code flush}, which then throw an {@link java.io.IOException};
     * {@code flush()} waits until every byte written reached the socket. Each write is sent as it
     * comes: wrap the stream in a {@link java.io.BufferedOutputStream} to join many small ones.
     *
     * @return the output stream, the same one on every call
     */
    public OutputStream output() {
        return channel.output();
    }

    /**
     * Tells whether the connection was closed from this side (by {@link #close()}, a stream's
     * {@code close()}, or the client's).
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return channel.isClosed();
    }

    /**
     * Closes the connection. It does not wait: a thread blocked in a read or write on it gets an
     * {@link java.io.IOException}, and so does every later call of the streams. Bytes that earlier
     * writes took and that are still on their way are sent before the connection closes, as a
     * socket's close sends what it still holds, for at most the client's response timeout.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "UpgradedConnection[" + protocol() + (isClosed() ? ", closed" : "") + "]";
    }
}
