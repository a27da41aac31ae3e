package io.github.incus4j.client.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What a channel receives, as a blocking {@link InputStream}, with bounded buffering.
 *
 * <p>The event loop reads the socket while fewer than {@value #LIMIT} bytes wait for the reader.
 * There it turns the channel's auto-read off, which ends its read loop after the current socket
 * read (at most 64 KiB), and the reader turns it back on once it has taken half of them. A reader
 * slower than the daemon therefore holds the daemon back through the socket (TCP or Unix socket
 * flow control) instead of making the client buffer what it has not read: a disk image read over
 * NBD never sits in memory. Auto-read, rather than one {@code read()} call per socket read (as
 * during the handshake), lets the event loop read several times per wake-up: measured, it took
 * about a third less CPU per byte. The buffers are Netty's pooled ones, handed to the reader
 * without a copy and released as it consumes them.
 *
 * <p>The stream is meant for one reader thread at a time; the event loop feeds it concurrently.
 * Reading on the channel's own event loop would wait for bytes only that thread can deliver, so
 * it fails instead.
 */
final class ChannelInput extends InputStream {

    static final String NAME = "incus.upgradedInput";

    /** How many received bytes may wait for the reader before the channel stops reading. */
    static final int LIMIT = 256 * 1024;
    /** How few must be left for the channel to read again. */
    private static final int RESUME = LIMIT / 2;

    private final Channel channel;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuf> received = new ArrayDeque<>();
    private int waiting;
    /** The event loop stopped reading because {@link #LIMIT} bytes were waiting. */
    private boolean paused;
    /** The daemon closed the connection (or it broke): nothing more arrives. */
    private boolean ended;
    /** Closed on this side: reads fail. */
    private boolean closed;
    private @Nullable Throwable failure;

    /**
     * @param channel the channel; it reads only once {@link #startReading()} ran
     * @param onClose closes the whole connection, when this stream is closed
     */
    ChannelInput(Channel channel, Runnable onClose) {
        this.channel = channel;
        this.onClose = onClose;
    }

    /**
     * The handler that feeds this stream; it goes where the HTTP codec was.
     *
     * @return a new handler
     */
    ChannelInboundHandler handler() {
        return new Feeder();
    }

    /** Reads the socket from now on; the HTTP codec is gone. */
    void startReading() {
        channel.config().setAutoRead(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (channel.eventLoop().inEventLoop()) {
            throw new IOException("a blocking read on the connection's own event loop would wait forever; read "
                    + "it on another thread (for example after publishOn(Schedulers.boundedElastic()))");
        }
        int copied = 0;
        lock.lock();
        try {
            while (received.isEmpty()) {
                if (closed) {
                    throw new IOException("the connection was closed");
                }
                if (failure != null) {
                    throw new IOException("the connection failed: " + failure.getMessage(), failure);
                }
                if (ended) {
                    return -1;
                }
                changed.await();
            }
            while (copied < length && !received.isEmpty()) {
                ByteBuf head = received.peek();
                int take = Math.min(length - copied, head.readableBytes());
                head.readBytes(buffer, offset + copied, take);
                copied += take;
                if (!head.isReadable()) {
                    received.poll().release();
                }
            }
            waiting -= copied;
            if (paused && waiting <= RESUME) {
                paused = false;
                // Under the lock, so that the event loop cannot pause in between and stay paused.
                channel.config().setAutoRead(true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the daemon");
        } finally {
            lock.unlock();
        }
        return copied;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the whole connection. */
    @Override
    public void close() {
        onClose.run();
    }

    /** Makes reads fail from now on, and releases what was received and not read. */
    void discard() {
        lock.lock();
        try {
            closed = true;
            received.forEach(ReferenceCountUtil::release);
            received.clear();
            waiting = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs on the event loop: queues what arrives, and stops reading while the queue is full. */
    private final class Feeder extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (!(message instanceof ByteBuf bytes) || !bytes.isReadable()) {
                ReferenceCountUtil.release(message);
                return;
            }
            lock.lock();
            try {
                if (closed) {
                    bytes.release();
                    return;
                }
                received.add(bytes);
                waiting += bytes.readableBytes();
                if (!paused && waiting >= LIMIT) {
                    paused = true;
                    ctx.channel().config().setAutoRead(false);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(null);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Not passed on: the reader gets it (after the bytes that came before it), and
            // Reactor Netty would only log it.
            end(cause);
            ctx.close();
        }

        private void end(@Nullable Throwable cause) {
            lock.lock();
            try {
                ended = true;
                if (failure == null) {
                    failure = cause;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
