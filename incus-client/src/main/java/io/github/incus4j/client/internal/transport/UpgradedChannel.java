package io.github.incus4j.client.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Netty channel the daemon switched to another protocol, with its HTTP codec gone, as a pair of
 * blocking streams: {@link ChannelInput} (bounded buffering, reads paced by the reader) and
 * {@link ChannelOutput} (writes paced by the socket). The public
 * {@code io.github.incus4j.client.UpgradedConnection} wraps it.
 */
public final class UpgradedChannel {

    private final Channel channel;
    private final String protocol;
    private final ChannelInput input;
    private final ChannelOutput output;
    private final AtomicBoolean closed = new AtomicBoolean();

    UpgradedChannel(Channel channel, String protocol) {
        this.channel = channel;
        this.protocol = protocol;
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
     * Closes the connection without waiting: reads fail from now on, bytes received and not read
     * are released. Closing again does nothing.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            input.discard();
            channel.close();
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
