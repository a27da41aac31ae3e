package io.github.incus4j.client.internal.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Rewrites the version of outgoing requests to HTTP/1.1.
 *
 * <p>Reactor Netty 1.3's NIO transport over a JDK {@code UnixDomainSocketAddress} builds requests
 * with the version {@code HTTP/3.0} even when HTTP/1.1 is configured (measured with Reactor Netty
 * 1.3.6; incusd answers them with 505). Placed after the HTTP codec, this handler corrects the
 * request before it is encoded. The native epoll transport does not need it.
 */
@ChannelHandler.Sharable
final class Http11RequestLine extends ChannelOutboundHandlerAdapter {

    static final Http11RequestLine INSTANCE = new Http11RequestLine();
    static final String NAME = "incus.http11RequestLine";

    private Http11RequestLine() {
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
        if (message instanceof HttpRequest request && !HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
        context.write(message, promise);
    }
}
