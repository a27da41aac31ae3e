package io.github.incus4j.client.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the daemon's answer to an upgrade request from Netty's {@link HttpClientCodec}, which sits
 * just before it in the pipeline, and then hands the connection over.
 *
 * <p>On {@code 101 Switching Protocols} with the {@code Upgrade} value asked for, it takes the HTTP
 * codec out of the pipeline and puts the {@link UpgradedChannel}'s stream adapter in its own place:
 * whatever of the new protocol arrived together with the answer's head is still in the codec's
 * buffer, and the codec passes it on to that adapter as it is removed, so not a byte is lost or
 * read as HTTP. Any other answer is read whole (its body up to {@value #MAX_ERROR_BODY} bytes) and
 * becomes an {@link UpgradeRefusedException}; the connection is then closed.
 *
 * <p>The channel does not read by itself (Reactor Netty turns auto-read off): this handler asks
 * for the next bytes until the answer is complete.
 */
final class UpgradeHandshake extends ChannelInboundHandlerAdapter {

    static final String NAME = "incus.upgradeHandshake";
    static final String CODEC = "incus.httpCodec";

    /** The largest error body read when the daemon refuses an upgrade. */
    static final int MAX_ERROR_BODY = 1024 * 1024;

    private final String protocol;
    private final Duration closeGrace;
    private final Promise<UpgradedChannel> result;
    private @Nullable HttpResponse answer;
    private boolean switched;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /**
     * @param protocol the {@code Upgrade} value asked for
     * @param closeGrace how long the connection's last writes may take when it is closed
     * @param result completed with the connection, or failed with why there is none
     */
    UpgradeHandshake(String protocol, Duration closeGrace, Promise<UpgradedChannel> result) {
        this.protocol = protocol;
        this.closeGrace = closeGrace;
        this.result = result;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (!result.isDone() && message instanceof HttpObject http) {
                read(ctx, http);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void read(ChannelHandlerContext ctx, HttpObject message) {
        DecoderResult decoded = message.decoderResult();
        if (decoded.isFailure()) {
            fail(ctx, new IOException("not an HTTP/1.1 answer to the upgrade: " + decoded.cause().getMessage(),
                    decoded.cause()));
            return;
        }
        if (message instanceof HttpResponse response) {
            int status = response.status().code();
            if (status >= 100 && status < 200 && status != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                // Informational (100 Continue): the answer follows.
                answer = null;
                return;
            }
            answer = response;
            switched = status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()
                    && protocol.equalsIgnoreCase(response.headers().get(HttpHeaderNames.UPGRADE, ""));
        }
        if (answer == null || !(message instanceof HttpContent content)) {
            return;
        }
        if (!switched) {
            keep(content.content());
        }
        if (message instanceof LastHttpContent || body.size() >= MAX_ERROR_BODY) {
            if (switched) {
                handOver(ctx);
            } else {
                fail(ctx, new UpgradeRefusedException(answer.status().code(), answer.status().reasonPhrase(),
                        body.toByteArray(), lowerCaseNames(answer.headers())));
            }
        }
    }

    private void keep(ByteBuf content) {
        int take = Math.min(content.readableBytes(), MAX_ERROR_BODY - body.size());
        if (take > 0) {
            byte[] bytes = new byte[take];
            content.getBytes(content.readerIndex(), bytes);
            body.write(bytes, 0, take);
        }
    }

    /**
     * Replaces this handler with the stream adapter, then removes the codec: removing it passes
     * the bytes it holds on to whatever follows it, which is the adapter by then.
     */
    private void handOver(ChannelHandlerContext ctx) {
        UpgradedChannel upgraded = new UpgradedChannel(ctx.channel(), protocol, closeGrace);
        ctx.pipeline().replace(this, ChannelInput.NAME, upgraded.inboundHandler());
        ctx.pipeline().remove(CODEC);
        if (result.trySuccess(upgraded)) {
            upgraded.startReading();
        } else {
            // The caller gave up (cancelled, timed out) while the answer arrived.
            upgraded.close();
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable failure) {
        result.tryFailure(failure);
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!result.isDone()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // The words ConnectionFailures knows for a connection closed before the answer.
        result.tryFailure(new IOException("the connection was prematurely closed before the answer to the upgrade"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private static Map<String, String> lowerCaseNames(HttpHeaders headers) {
        Map<String, String> names = new HashMap<>();
        headers.forEach(header -> names.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
        return names;
    }
}
