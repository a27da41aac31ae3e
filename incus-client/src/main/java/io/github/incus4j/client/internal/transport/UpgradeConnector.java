package io.github.incus4j.client.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpClient;

/**
 * Opens the daemon's raw HTTP upgrades: {@code Upgrade: sftp}, {@code nbd} and {@code tcp} (port
 * forwarding), after whose {@code 101 Switching Protocols} the connection carries another
 * protocol's bytes, not websocket frames.
 *
 * <p>Reactor Netty's HTTP client cannot hand such a connection over (it ends the exchange at the
 * end of the {@code 101} answer), so this works one level lower, on the same stack: a Reactor
 * Netty {@link TcpClient} from {@link ReactorConnectors} (the Unix socket on epoll or NIO, or TLS
 * with the client's one {@code SslContext}, on the HTTP clients' event loops, with their connect
 * timeout), Netty's {@link HttpClientCodec} to write the request and read the answer, and
 * {@link UpgradeHandshake}, which removes the codec on a {@code 101} and leaves the raw channel to
 * an {@link UpgradedChannel}. The answer must arrive within the response timeout once connected.
 *
 * <p>Over HTTPS the connection goes to the address the client's requests use, and to the next
 * ones only while connecting (TCP or TLS handshake) fails ({@link AddressFailover}): once connected
 * the request may reach a daemon, so it is never sent elsewhere.
 *
 * <p>A caller that cancels while the connection opens gets it closed; closing the client
 * ({@link #closeAll()}) closes every connection still opening or open.
 */
public final class UpgradeConnector {

    /** The {@code Host} header on the Unix socket, where there is no host name; incusd ignores it. */
    private static final String UNIX_SOCKET_HOST = "unix.socket";

    private final TcpClient client;
    private final @Nullable AddressFailover addresses;
    private final String userAgent;
    // stayClosed: a channel made after closeAll() (a slow connect, the next address) is closed as it joins.
    private final ChannelGroup channels = new DefaultChannelGroup("incus-upgrades", GlobalEventExecutor.INSTANCE, true);
    private final Set<UpgradedChannel> handedOver = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private UpgradeConnector(TcpClient client, @Nullable AddressFailover addresses, String userAgent) {
        this.client = client.doOnChannelInit((observer, channel, remote) -> channels.add(channel));
        this.addresses = addresses;
        this.userAgent = userAgent;
    }

    /**
     * Creates the connector for the Unix socket.
     *
     * @param client the client from {@link ReactorConnectors#unixSocketUpgrades}, bound to the socket
     * @param userAgent the {@code User-Agent} header
     * @return the connector
     */
    public static UpgradeConnector unixSocket(TcpClient client, String userAgent) {
        return new UpgradeConnector(client, null, userAgent);
    }

    /**
     * Creates the connector for HTTPS with mutual TLS.
     *
     * @param client the client from {@link ReactorConnectors#httpsUpgrades}
     * @param addresses the daemon's addresses, shared with the client's requests
     * @param userAgent the {@code User-Agent} header
     * @return the connector
     */
    public static UpgradeConnector https(TcpClient client, AddressFailover addresses, String userAgent) {
        return new UpgradeConnector(client, addresses, userAgent);
    }

    /**
     * Sends an upgrade request and hands the connection over once the daemon switched protocols.
     *
     * @param request the request
     * @param responseTimeout how long the daemon may take to answer once connected
     * @return the connection, emitted on a thread that may block (not an event loop), so that the
     *     caller may use its streams right away; nothing happens until subscribed. Fails with an
     *     {@link UpgradeRefusedException} when the daemon answered anything else, a
     *     {@link java.util.concurrent.TimeoutException} when it did not answer in time, the
     *     transport's exception when connecting or talking failed, and an
     *     {@link IllegalStateException} after {@link #closeAll()}
     */
    public Mono<UpgradedChannel> open(UpgradeRequest request, Duration responseTimeout) {
        return Mono.defer(() -> {
            if (closed.get()) {
                return Mono.error(new IllegalStateException("the Incus client was closed; build a new client with "
                        + "IncusClient.builder()"));
            }
            if (addresses == null) {
                return attempt(client, UNIX_SOCKET_HOST, request, responseTimeout, () -> { });
            }
            return addresses.inTurn(request.describe(), (address, connected) -> attempt(
                            client.remoteAddress(() -> socketAddress(address)), address.getRawAuthority(), request,
                            responseTimeout, connected))
                    // Not next(): it would cancel the attempt after its value.
                    .singleOrEmpty();
        })
                // Streams are blocking: the caller must not get them on the event loop that feeds them.
                .publishOn(Schedulers.boundedElastic())
                // A connection the caller gave up on just as it opened (cancelled, timed out) is closed.
                .doOnDiscard(UpgradedChannel.class, UpgradedChannel::close);
    }

    private Mono<UpgradedChannel> attempt(TcpClient target, String host, UpgradeRequest request,
            Duration responseTimeout, Runnable connected) {
        // A connection that failed before it connected carried nothing: try a new one.
        return NeverConnected.retried(target.connect())
                // Connected (TLS handshake included) as the caller cancelled: close it.
                .doOnDiscard(Connection.class, Connection::dispose)
                .flatMap(connection -> {
                    // From here on the daemon may get the request: a failure is not the address's.
                    connected.run();
                    return handshake(connection.channel(), host, request, responseTimeout).timeout(responseTimeout);
                });
    }

    /** Writes the request through Netty's HTTP codec and waits for {@link UpgradeHandshake}'s verdict. */
    private Mono<UpgradedChannel> handshake(Channel channel, String host, UpgradeRequest request,
            Duration responseTimeout) {
        return Mono.create(sink -> {
            Promise<UpgradedChannel> result = channel.eventLoop().newPromise();
            result.addListener(done -> {
                if (done.isSuccess()) {
                    sink.success(track(result.getNow()));
                } else if (!done.isCancelled()) {
                    sink.error(done.cause());
                }
            });
            // Cancelled (by the caller or the response timeout) before the answer: close the
            // connection. A cancelled promise signals nothing: an error sent after the cancel
            // would only be logged by Reactor as dropped.
            sink.onCancel(() -> {
                result.cancel(false);
                channel.close();
            });
            channel.pipeline()
                    .addBefore(NettyPipeline.ReactiveBridge, UpgradeHandshake.CODEC, new HttpClientCodec())
                    .addBefore(NettyPipeline.ReactiveBridge, UpgradeHandshake.NAME,
                            // A closed connection's last writes get the time the daemon gets to answer.
                            new UpgradeHandshake(request.protocol(), responseTimeout, result));
            channel.writeAndFlush(request.toNetty(host, userAgent)).addListener(written -> {
                if (!written.isSuccess()) {
                    result.tryFailure(written.cause());
                    channel.close();
                }
            });
            // The channel does not read by itself; the handshake reads on until the answer is whole.
            channel.read();
        });
    }

    private UpgradedChannel track(UpgradedChannel upgraded) {
        handedOver.add(upgraded);
        upgraded.channel().closeFuture().addListener(closedChannel -> handedOver.remove(upgraded));
        if (closed.get()) {
            upgraded.close();
        }
        return upgraded;
    }

    /** Closes every connection still opening or open, and refuses new ones. */
    public void closeAll() {
        closed.set(true);
        handedOver.forEach(UpgradedChannel::close);
        channels.close();
    }

    /** Netty's resolver takes the host without the brackets of an IPv6 literal. */
    private static InetSocketAddress socketAddress(URI address) {
        String host = address.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host, address.getPort());
    }
}
