package io.github.incus4j.client.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection the daemon switched to another protocol (HTTP {@code 101 Switching Protocols}
 * after an {@code Upgrade: sftp}, {@code nbd} or {@code tcp} request): from here on its bytes are
 * that protocol's, in both directions, with nothing of HTTP around them.
 *
 * <p>The streams are blocking and may be used from two threads at once (one reading, one
 * writing), as protocol clients do. Closing either stream or the connection closes the connection;
 * closing the {@code IncusClient} that opened it closes it too.
 */
public final class UpgradedConnection implements Closeable {

    private final String protocol;
    private final InputStream input;
    private final OutputStream output;
    private final Closeable resource;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    UpgradedConnection(String protocol, InputStream input, OutputStream output, Closeable resource, Runnable onClose) {
        this.protocol = protocol;
        this.resource = resource;
        this.onClose = onClose;
        this.input = new InputStream() {
            @Override
            public int read() throws IOException {
                return input.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return input.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                UpgradedConnection.this.close();
            }
        };
        this.output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                output.write(b);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                output.write(buffer, offset, length);
            }

            @Override
            public void flush() throws IOException {
                output.flush();
            }

            @Override
            public void close() throws IOException {
                UpgradedConnection.this.close();
            }
        };
    }

    /**
     * Returns the protocol the connection speaks now.
     *
     * @return the {@code Upgrade} value the daemon confirmed, such as {@code sftp}
     */
    public String protocol() {
        return protocol;
    }

    /**
     * Returns what the daemon sends.
     *
     * @return the input stream; it ends when the daemon closes the connection
     */
    public InputStream input() {
        return input;
    }

    /**
     * Returns what goes to the daemon. Writes are not buffered.
     *
     * @return the output stream
     */
    public OutputStream output() {
        return output;
    }

    /**
     * Tells whether the connection was closed from this side.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    /** Closes the connection; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                resource.close();
            } finally {
                onClose.run();
            }
        }
    }

    @Override
    public String toString() {
        return "UpgradedConnection[" + protocol + (closed.get() ? ", closed" : "") + "]";
    }
}
