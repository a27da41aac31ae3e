package io.github.incus4j.client.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What goes to a channel, as a blocking {@link OutputStream} with bounded buffering.
 *
 * <p>A write copies its bytes into Netty's pooled buffers, in pieces of at most {@value #PIECE}
 * bytes, and hands them to the event loop; it returns at once while the channel's outbound
 * buffer is below its high-water mark (64 KiB), and otherwise waits until everything queued has
 * reached the socket. So at most about 128 KiB wait in the client, and a daemon that reads
 * slowly holds the writer back. Not waiting for every write lets the writer fill the next piece
 * while the event loop writes the last one: measured, about a quarter less CPU per byte than
 * waiting each time. As with a socket, a write that failed on its way is reported by the next
 * {@code write} or {@code flush}; {@link #flush()} waits until every byte written reached the
 * socket.
 *
 * <p>Writes may come from another thread than the reads; one writer at a time.
 */
final class ChannelOutput extends OutputStream {

    /** The largest buffer a write takes from Netty's pool at once, whatever the caller writes. */
    static final int PIECE = 64 * 1024;

    private final Channel channel;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    /** The last write handed to the event loop; the ones before it complete first. */
    private volatile @Nullable ChannelFuture last;
    private volatile @Nullable Throwable failure;
    private volatile boolean closed;

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
        checkOpen();
        for (int written = 0; written < length; written += PIECE) {
            int size = Math.min(PIECE, length - written);
            ByteBuf piece = channel.alloc().buffer(size).writeBytes(bytes, offset + written, size);
            ChannelFuture write = channel.writeAndFlush(piece);
            last = write;
            write.addListener(this::written);
            if (!channel.isWritable()) {
                awaitWritten(write);
            }
        }
    }

    /** Waits until every byte written so far reached the socket. */
    @Override
    public void flush() throws IOException {
        ChannelFuture write = last;
        if (write != null) {
            awaitWritten(write);
        }
        checkOpen();
    }

    /** Closes the whole connection. */
    @Override
    public void close() {
        onClose.run();
    }

    /**
     * Returns the last write, for closing once it is done.
     *
     * @return the write, or {@code null} when nothing was written
     */
    @Nullable ChannelFuture lastWrite() {
        return last;
    }

    /** Makes writes fail from now on, and wakes a writer waiting for the socket. */
    void discard() {
        closed = true;
        signal();
    }

    private void written(Future<? super Void> write) {
        if (!write.isSuccess() && failure == null) {
            failure = write.cause();
        }
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitWritten(ChannelFuture write) throws IOException {
        lock.lock();
        try {
            while (!write.isDone() && !closed) {
                progressed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the daemon");
        } finally {
            lock.unlock();
        }
        checkOpen();
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the connection was closed");
        }
        Throwable failed = failure;
        if (failed != null) {
            throw new IOException(channel.isOpen() ? "writing to the connection failed: " + failed.getMessage()
                    : "the connection is closed", failed);
        }
    }
}
