package io.github.incus4j.client;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One websocket of a background operation, attached with the stream's secret
 * ({@link OperationsApi#websocket(String, String, java.util.function.Function)}): the
 * {@code control} or {@code fs} stream of a migration source, for example. The daemon sends data
 * in binary frames and ends a stream with an empty text frame or by closing the socket.
 *
 * <p>Valid only inside the handler it is given to; the socket closes when the handler's publisher
 * ends.
 */
public final class OperationStream {

    private final WebsocketInbound inbound;
    private final WebsocketOutbound outbound;

    OperationStream(WebsocketInbound inbound, WebsocketOutbound outbound) {
        this.inbound = inbound;
        this.outbound = outbound;
    }

    /**
     * Returns the frames the daemon sends, binary and text alike, as their payload bytes, until
     * the socket closes.
     *
     * @return the frames' payloads, in order
     */
    public Flux<byte[]> receive() {
        return inbound.receiveFrames().map(frame -> {
            byte[] payload = new byte[frame.content().readableBytes()];
            frame.content().getBytes(frame.content().readerIndex(), payload);
            return payload;
        });
    }

    /**
     * Sends each element as one binary frame.
     *
     * @param frames the payloads to send
     * @return completes once every frame was written
     */
    public Mono<Void> send(Publisher<byte[]> frames) {
        return outbound.sendByteArray(frames).then();
    }

    /**
     * Sends an empty text frame, which tells the daemon that this side's data ended, as Incus
     * clients do at the end of a stream.
     *
     * @return completes once the frame was written
     */
    public Mono<Void> sendEnd() {
        return outbound.sendString(Mono.just("")).then();
    }
}
