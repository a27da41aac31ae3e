package io.github.incus4j.client.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Netty channel the daemon switched to another protocol, with its HTTP codec gone, as a pair of
 * blocking streams: {@link ChannelInput} (reads paced by the reader) and {@link ChannelOutput}
 * (writes paced by the socket), each with bounded buffering. The public
 * {@code io.github.incus4j.client.UpgradedConnection} wraps it.
 */
public final class UpgradedChannel {

    private final Channel channel;
    private final String protocol;
    private final ChannelInput input;
    private final ChannelOutput output;
    private final Duration closeGrace;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param channel the channel, its HTTP codec gone
     * @param protocol the protocol the daemon confirmed
     * @param closeGrace how long bytes written before {@link #close()} may take to reach the socket
     */
    UpgradedChannel(Channel channel, String protocol, Duration closeGrace) {
        this.channel = channel;
        this.protocol = protocol;
        this.closeGrace = closeGrace;
        this.input = new ChannelInput(channel, this::close);
        this.output = new ChannelOutput(channel, this::close);
    }

    ChannelInboundHandler inboundHandler() {
        return input.handler();
    }

    void startReading() {
        input.startReading();
    }

    /**
     * Returns the protocol the connection speaks now.
     *
     * @return the {@code Upgrade} value the daemon confirmed
     */
    public String protocol() {
        return protocol;
    }

    /**
     * Returns what the daemon sends.
     *
     * @return the blocking input stream; closing it closes the connection
     */
    public InputStream input() {
        return input;
    }

    /**
     * Returns what goes to the daemon.
     *
     * @return the blocking output stream; closing it closes the connection
     */
    public OutputStream output() {
        return output;
    }

    /**
     * Tells whether the connection was closed from this side.
     *
     * @return {@code true} once {@link #close()} ran
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the connection without waiting: reads and writes fail from now on (a thread blocked
     * in one gets an exception), and bytes received and not read are released. Bytes written and
     * still on their way to the socket go out first, as a socket's close sends what the kernel
     * still holds, but for at most the grace period given at creation. Closing again does nothing.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            input.discard();
            output.discard();
            ChannelFuture pending = output.lastWrite();
            if (pending == null || pending.isDone()) {
                channel.close();
            } else {
                ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> channel.close(),
                        closeGrace.toMillis(), TimeUnit.MILLISECONDS);
                pending.addListener(written -> {
                    deadline.cancel(false);
                    channel.close();
                });
            }
        }
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "UpgradedChannel[" + protocol + ", " + channel + (closed.get() ? ", closed" : "") + "]";
    }
}
