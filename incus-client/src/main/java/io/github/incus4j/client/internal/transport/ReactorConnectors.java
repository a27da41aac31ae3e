package io.github.incus4j.client.internal.transport;

import io.github.incus4j.client.exception.IncusSettingException;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.transport.ClientTransport;

/**
 * Builds the Reactor Netty clients for the two ways of reaching a daemon: an {@link HttpClient}
 * for requests and websockets, and a {@link TcpClient} for raw upgrades ({@link UpgradeConnector}),
 * which need a connection that HTTP hands over. Both get the socket address, transport, connect
 * timeout and TLS rules from the same methods here, so a rule cannot hold for one and not the other.
 *
 * <p>Two facts measured on Linux shape the Unix socket client (see docs/ARCHITECTURE.md): Reactor
 * Netty dials the socket only for <em>relative</em> request URIs, and its NIO path with
 * {@link UnixDomainSocketAddress} writes an {@code HTTP/3.0} request line that incusd refuses.
 * So the native epoll transport is used wherever it loads (this library ships it for x86_64 and
 * aarch64), and on NIO the request line is corrected by {@link Http11RequestLine}. Raw upgrades
 * write their own HTTP/1.1 request with Netty's codec and need no correction.
 */
public final class ReactorConnectors {

    private ReactorConnectors() {
    }

    /**
     * The HTTP client for a daemon's Unix socket, on Reactor Netty's shared event loops.
     *
     * @param socket the socket
     * @param pool the connection pool to share
     * @param connectTimeout how long connecting may take
     * @param responseTimeout how long to wait for a response once the request is sent
     * @return the client; request URIs must be relative ({@code /1.0/...})
     */
    public static HttpClient unixSocket(Path socket, ConnectionProvider pool, Duration connectTimeout,
            Duration responseTimeout) {
        return unixSocket(HttpClient.create(pool), socket, nativeTransportInUse(), connectTimeout, responseTimeout);
    }

    /**
     * Configures a client for a Unix socket on the given transport: epoll needs Netty's own
     * address class, NIO the JDK's and the HTTP/1.1 correction.
     */
    static HttpClient unixSocket(HttpClient base, Path socket, boolean nativeTransport, Duration connectTimeout,
            Duration responseTimeout) {
        HttpClient client = onUnixSocket(base, socket, nativeTransport, connectTimeout)
                .protocol(HttpProtocol.HTTP11)
                .responseTimeout(responseTimeout);
        if (!nativeTransport) {
            client = client.doOnChannelInit((observer, channel, remote) ->
                    channel.pipeline().addLast(Http11RequestLine.NAME, Http11RequestLine.INSTANCE));
        }
        return client;
    }

    /**
     * The TCP-level client for raw upgrades on a daemon's Unix socket, on the HTTP clients' event
     * loops; each connection is new and never pooled.
     *
     * @param socket the socket
     * @param connectTimeout how long connecting may take
     * @return the client, bound to the socket
     */
    public static TcpClient unixSocketUpgrades(Path socket, Duration connectTimeout) {
        return unixSocketUpgrades(upgradeBase(), socket, nativeTransportInUse(), connectTimeout);
    }

    /** Configures a TCP client for a Unix socket on the given transport, as {@link #unixSocket} does. */
    static TcpClient unixSocketUpgrades(TcpClient base, Path socket, boolean nativeTransport, Duration connectTimeout) {
        return onUnixSocket(base, socket, nativeTransport, connectTimeout);
    }

    /**
     * The TCP-level client for raw upgrades over HTTPS, on the HTTP clients' event loops and name
     * resolver, with the same TLS rules as {@link #https}; each connection is new and never pooled.
     *
     * @param context the client's TLS context, the one its requests use
     * @param pinned whether the context trusts one pinned server certificate
     * @param connectTimeout how long connecting (TCP and TLS handshake) may take
     * @return the client; the caller sets the remote address of each connection
     */
    public static TcpClient httpsUpgrades(SslContext context, boolean pinned, Duration connectTimeout) {
        return upgradeBase()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis(connectTimeout))
                .secure(tls(context, pinned, connectTimeout));
    }

    /**
     * A TCP client on the resources of Reactor Netty's HTTP clients: by itself it would start its
     * own event loops and name resolver ({@code TcpResources}), a second set of threads. (It asks
     * for the resolver even for a Unix socket, which needs none.)
     */
    private static TcpClient upgradeBase() {
        return TcpClient.newConnection()
                .runOn(HttpResources.get(), LoopResources.DEFAULT_NATIVE)
                .resolver(HttpClient.create().configuration().defaultAddressResolverGroup());
    }

    /** The socket address for the transport (epoll needs Netty's address class, NIO the JDK's) and the connect timeout. */
    private static <T extends ClientTransport<T, ?>> T onUnixSocket(T base, Path socket, boolean nativeTransport,
            Duration connectTimeout) {
        SocketAddress address = nativeTransport ? new DomainSocketAddress(socket.toString())
                : UnixDomainSocketAddress.of(socket);
        return base.remoteAddress(() -> address).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis(connectTimeout));
    }

    /** Reactor Netty runs on epoll unless it is absent or switched off with {@code -Dreactor.netty.native=false}. */
    static boolean nativeTransportInUse() {
        return LoopResources.DEFAULT_NATIVE && Epoll.isAvailable();
    }

    /**
     * The HTTP client for a remote daemon over HTTPS with mutual TLS, from a TLS context built
     * earlier with {@link #sslContext(TlsSettings)}.
     *
     * @param context the TLS context
     * @param pinned whether the context trusts one pinned server certificate (then the host name is not checked)
     * @param pool the connection pool to share
     * @param connectTimeout how long connecting (TCP and TLS handshake) may take
     * @param responseTimeout how long to wait for a response once the request is sent
     * @return the client; request URIs must be absolute ({@code https://host:port/1.0/...})
     */
    public static HttpClient https(SslContext context, boolean pinned, ConnectionProvider pool,
            Duration connectTimeout, Duration responseTimeout) {
        return HttpClient.create(pool)
                .protocol(HttpProtocol.HTTP11)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis(connectTimeout))
                .responseTimeout(responseTimeout)
                .secure(tls(context, pinned, connectTimeout));
    }

    /**
     * The TLS rules of every connection: the client's one context, a handshake bounded by the
     * connect timeout, and the host name checked against the certificate unless it is pinned.
     * Reactor Netty's HTTP client checks host names by default and its TCP client does not, so
     * this sets the check explicitly either way.
     */
    private static Consumer<reactor.netty.tcp.SslProvider.SslContextSpec> tls(SslContext context, boolean pinned,
            Duration connectTimeout) {
        return spec -> spec.sslContext(context)
                .handshakeTimeout(connectTimeout)
                .handlerConfigurator(handler -> {
                    SSLParameters parameters = handler.engine().getSSLParameters();
                    // The pinned certificate is the server's identity; the URL's host name is not
                    // checked (it rarely matches a self-signed certificate).
                    parameters.setEndpointIdentificationAlgorithm(pinned ? null : "HTTPS");
                    handler.engine().setSSLParameters(parameters);
                });
    }

    /**
     * Builds the TLS context for the key and trust material: TLS 1.3 only unless TLS 1.2 is allowed.
     *
     * @param tls the key and trust material
     * @return the context
     * @throws IncusSettingException ({@code TLS}) if the material cannot make a context
     */
    public static SslContext sslContext(TlsSettings tls) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(tls.allowTls12() ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"});
        if (tls.keyManagers() != null) {
            builder.keyManager(tls.keyManagers());
        }
        if (tls.pinnedServerCertificate() != null) {
            builder.trustManager(new PinnedCertificateTrustManager(tls.pinnedServerCertificate()));
        } else if (tls.trustManagers() != null) {
            builder.trustManager(tls.trustManagers());
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IncusSettingException(IncusSettingException.Setting.TLS,
                    "cannot set up TLS with " + tls + ": " + e.getMessage(), e);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
