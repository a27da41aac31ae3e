package io.github.incus4j.client.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * What goes to a channel, as a blocking {@link OutputStream}.
 *
 * <p>Each write hands its bytes to the event loop in pieces of at most {@value #PIECE} bytes and
 * returns once they were written to the socket, so a write fails where it failed (not at some
 * later call), nothing is buffered here when the connection closes, and a daemon that reads
 * slowly holds the writer back. Writes may come from another thread than the reads.
 */
final class ChannelOutput extends OutputStream {

    /** The largest buffer a write takes from Netty's pool at once, whatever the caller writes. */
    static final int PIECE = 64 * 1024;

    private final Channel channel;
    private final Runnable onClose;

    /**
     * @param channel the channel
     * @param onClose closes the whole connection, when this stream is closed
     */
    ChannelOutput(Channel channel, Runnable onClose) {
        this.channel = channel;
        this.onClose = onClose;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (channel.eventLoop().inEventLoop()) {
            throw new IOException("a blocking write on the connection's own event loop would wait forever; write "
                    + "on another thread (for example after publishOn(Schedulers.boundedElastic()))");
        }
        for (int written = 0; written < length; written += PIECE) {
            int size = Math.min(PIECE, length - written);
            ByteBuf piece = channel.alloc().buffer(size).writeBytes(bytes, offset + written, size);
            await(channel.writeAndFlush(piece));
        }
    }

    private static void await(ChannelFuture write) throws IOException {
        try {
            write.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the daemon");
        }
        if (!write.isSuccess()) {
            Throwable cause = write.cause();
            throw new IOException(write.channel().isOpen() ? "writing to the connection failed: " + cause.getMessage()
                    : "the connection is closed", cause);
        }
    }

    /** Closes the whole connection. */
    @Override
    public void close() {
        onClose.run();
    }
}
