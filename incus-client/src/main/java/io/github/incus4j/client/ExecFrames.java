package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.model.InstanceExecControl;
import io.github.incus4j.client.model.Operation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.SynchronousSink;

/**
 * The framing of Incus data websockets (exec and console streams), as incusd's own client does it:
 * payload travels in binary frames (which incusd splits into continuation frames of a few KiB), and
 * the end of a stream is a <em>barrier</em>, an empty text frame, after which the socket may stay
 * open. A close frame also ends the stream.
 */
final class ExecFrames {

    /** The largest payload the client puts in one outgoing frame. */
    static final int MAX_OUTGOING_PAYLOAD = 64 * 1024;

    private ExecFrames() {
    }

    /**
     * Reads one stream's data from a websocket up to its barrier. The bytes are copied out of
     * Netty's buffers, which are released once the frame is handled.
     *
     * @param frames the inbound frames
     * @param stream the stream's name, for the message when the socket closes before the barrier
     * @param endpoint where the socket goes, for that message
     * @return the chunks; an {@link IncusConnectionException} if the connection ended without a
     *     barrier or close frame
     */
    static Flux<byte[]> data(Flux<WebSocketFrame> frames, String stream, String endpoint) {
        return data(frames, stream, endpoint, ByteBufUtil::getBytes);
    }

    /**
     * Reads one stream's data from a websocket up to its barrier, handing the content of each data
     * frame to a reader while the frame is still held (it is released once handled, so the reader
     * must copy what it keeps).
     *
     * @param frames the inbound frames
     * @param stream the stream's name, for the message when the socket closes before the barrier
     * @param endpoint where the socket goes, for that message
     * @param reader turns a frame's content into an element, or keeps it itself and returns
     *     {@code null} to emit nothing
     * @param <T> the element type
     * @return the elements; an {@link IncusConnectionException} if the connection ended without a
     *     barrier or close frame
     */
    static <T> Flux<T> data(Flux<WebSocketFrame> frames, String stream, String endpoint,
            Function<ByteBuf, @Nullable T> reader) {
        return Flux.defer(() -> {
            boolean[] inBinaryMessage = {false};
            boolean[] ended = {false};
            return frames.<T>handle((frame, sink) -> {
                if (ended[0]) {
                    return;
                }
                if (frame instanceof BinaryWebSocketFrame) {
                    inBinaryMessage[0] = !frame.isFinalFragment();
                    emit(frame.content(), reader, sink);
                } else if (frame instanceof ContinuationWebSocketFrame) {
                    if (inBinaryMessage[0]) {
                        emit(frame.content(), reader, sink);
                    }
                    inBinaryMessage[0] &= !frame.isFinalFragment();
                } else if (frame instanceof TextWebSocketFrame || frame instanceof CloseWebSocketFrame) {
                    ended[0] = true;
                    sink.complete();
                }
            }).concatWith(Mono.defer(() -> ended[0] ? Mono.empty()
                    : Mono.error(new IncusConnectionException(IncusConnectionException.Reason.CONNECTION_CLOSED,
                            endpoint, "the " + stream + " websocket of " + endpoint + " closed before the end of "
                            + "the stream (no end-of-stream frame): the daemon may have restarted", null))));
        });
    }

    private static <T> void emit(ByteBuf content, Function<ByteBuf, @Nullable T> reader, SynchronousSink<T> sink) {
        if (content.isReadable()) {
            T element = reader.apply(content);
            if (element != null) {
                sink.next(element);
            }
        }
    }

    /**
     * Turns standard input into binary frames of at most {@link #MAX_OUTGOING_PAYLOAD} bytes,
     * copying each buffer, followed by the barrier.
     *
     * @param input the input
     * @return the frames to send
     */
    static Flux<WebSocketFrame> outgoing(Flux<ByteBuffer> input) {
        return input.concatMap(ExecFrames::split)
                .<WebSocketFrame>map(BinaryWebSocketFrame::new)
                .concatWith(Mono.fromSupplier(ExecFrames::barrier));
    }

    /** An empty text frame: the end of a stream. */
    static WebSocketFrame barrier() {
        return new TextWebSocketFrame(Unpooled.EMPTY_BUFFER);
    }

    private static Flux<ByteBuf> split(ByteBuffer buffer) {
        ByteBuffer source = buffer.duplicate();
        if (!source.hasRemaining()) {
            return Flux.empty();
        }
        return Flux.generate(sink -> {
            int length = Math.min(MAX_OUTGOING_PAYLOAD, source.remaining());
            ByteBuf chunk = Unpooled.buffer(length, length);
            ByteBuffer slice = source.slice();
            slice.limit(length);
            chunk.writeBytes(slice);
            source.position(source.position() + length);
            sink.next(chunk);
            if (!source.hasRemaining()) {
                sink.complete();
            }
        });
    }

    /**
     * Runs a side task while a main stream runs: the result ends when the main stream ends
     * (cancelling the side task if it is still running) and fails if either fails.
     *
     * @param main the stream that decides the lifetime
     * @param side work done meanwhile, such as sending input
     * @param <T> the element type
     * @return the main stream's elements
     */
    static <T> Flux<T> whileRunning(Flux<T> main, Mono<Void> side) {
        return Flux.merge(main.materialize(), side.then(Mono.<Signal<T>>never()))
                .takeUntil(signal -> !signal.isOnNext())
                .dematerialize();
    }

    /**
     * Reads the websocket secrets of an exec or console operation ({@code metadata.fds}).
     *
     * @param operation the operation, as the daemon answered its creation
     * @param kind {@code exec} or {@code console}, for the message
     * @param required the file descriptors that must have a secret
     * @return the secrets by file descriptor name ({@code 0}, {@code 1}, {@code control}, ...)
     * @throws IncusProtocolException if a required secret is missing, or there is none at all
     */
    static Map<String, String> secrets(Operation operation, String kind, String... required) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (operation.metadata().get("fds") instanceof Map<?, ?> fds) {
            fds.forEach((fd, secret) -> {
                if (secret instanceof String text) {
                    secrets.put(String.valueOf(fd), text);
                }
            });
        }
        if (secrets.isEmpty() || !secrets.keySet().containsAll(List.of(required))) {
            throw new IncusProtocolException(202, "the " + kind + " operation " + operation.id() + " lacks websocket "
                    + "secrets" + (required.length > 0 ? " for " + String.join(", ", required) : "")
                    + " in metadata.fds: " + operation.metadata(), null);
        }
        return secrets;
    }

    /**
     * A control message as the text frame the daemon reads on the control socket.
     *
     * @param message the message
     * @return the frame
     */
    static WebSocketFrame control(InstanceExecControl message) {
        return new TextWebSocketFrame(IncusJson.mapper().writeValueAsString(message));
    }
}
