package io.github.incus4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.Operation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The framing of exec streams, without a daemon. */
class ExecFramesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void binaryFramesAndTheirContinuationsAreDataUpToTheBarrier() {
        Flux<WebSocketFrame> frames = Flux.just(
                new BinaryWebSocketFrame(false, 0, bytes("he")),
                new ContinuationWebSocketFrame(false, 0, bytes("ll")),
                new ContinuationWebSocketFrame(true, 0, bytes("o ")),
                new PingWebSocketFrame(bytes("keepalive")),
                new BinaryWebSocketFrame(bytes("world")),
                new BinaryWebSocketFrame(Unpooled.EMPTY_BUFFER),
                new TextWebSocketFrame(""),
                new BinaryWebSocketFrame(bytes("after the barrier")));

        List<String> chunks = ExecFrames.data(frames, "stdout", "test").map(ExecFramesTest::text).collectList()
                .block(WAIT);

        assertThat(chunks).containsExactly("he", "ll", "o ", "world");
    }

    @Test
    void continuationsOfATextMessageAreNotData() {
        Flux<WebSocketFrame> frames = Flux.just(
                new BinaryWebSocketFrame(bytes("data")),
                new TextWebSocketFrame(false, 0, bytes("not")),
                new ContinuationWebSocketFrame(true, 0, bytes("data")));

        assertThat(ExecFrames.data(frames, "stdout", "test").map(ExecFramesTest::text).collectList().block(WAIT))
                .containsExactly("data");
    }

    @Test
    void aCloseFrameAlsoEndsTheStream() {
        Flux<WebSocketFrame> frames = Flux.just(new BinaryWebSocketFrame(bytes("x")), new CloseWebSocketFrame());

        assertThat(ExecFrames.data(frames, "stdout", "test").map(ExecFramesTest::text).collectList().block(WAIT))
                .containsExactly("x");
    }

    @Test
    void aStreamThatEndsWithoutBarrierIsAnError() {
        Flux<WebSocketFrame> frames = Flux.just(new BinaryWebSocketFrame(bytes("partial")));

        StepVerifier.create(ExecFrames.data(frames, "stderr", "unix:///run/incus/unix.socket").map(ExecFramesTest::text))
                .expectNext("partial")
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                            assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_CLOSED);
                            assertThat(e.getMessage()).contains("stderr websocket", "unix:///run/incus/unix.socket",
                                    "no end-of-stream frame");
                        }))
                .verify(WAIT);
    }

    @Test
    void outgoingInputIsSplitIntoBoundedBinaryFramesAndEndsWithABarrier() {
        byte[] input = new byte[ExecFrames.MAX_OUTGOING_PAYLOAD * 2 + 10];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) i;
        }

        List<WebSocketFrame> frames = ExecFrames.outgoing(Flux.just(ByteBuffer.wrap(input), ByteBuffer.allocate(0),
                ByteBuffer.wrap(new byte[] {7}))).collectList().block(WAIT);

        assertThat(frames).hasSize(5);
        assertThat(frames.subList(0, 4)).allMatch(BinaryWebSocketFrame.class::isInstance);
        assertThat(frames.get(0).content().readableBytes()).isEqualTo(ExecFrames.MAX_OUTGOING_PAYLOAD);
        assertThat(frames.get(2).content().readableBytes()).isEqualTo(10);
        assertThat(frames.get(3).content().getByte(0)).isEqualTo((byte) 7);
        assertThat(frames.get(4)).isInstanceOf(TextWebSocketFrame.class);
        assertThat(frames.get(4).content().readableBytes()).isZero();
        ByteBuf joined = Unpooled.wrappedBuffer(frames.subList(0, 3).stream().map(WebSocketFrame::content)
                .toArray(ByteBuf[]::new));
        byte[] sent = new byte[joined.readableBytes()];
        joined.readBytes(sent);
        assertThat(sent).isEqualTo(input);
        frames.forEach(WebSocketFrame::release);
    }

    @Test
    void outgoingBuffersAreCopiedSoTheCallerMayReuseThem() {
        ByteBuffer reused = ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8));

        List<WebSocketFrame> frames = ExecFrames.outgoing(Flux.just(reused)).collectList().block(WAIT);
        reused.put(0, (byte) 'z');

        assertThat(frames.get(0).content().toString(StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(reused.position()).isZero();
        frames.forEach(WebSocketFrame::release);
    }

    @Test
    void theSideTaskEndsWithTheMainStreamAndItsErrorsCount() throws InterruptedException {
        CountDownLatch sideCancelled = new CountDownLatch(1);
        Mono<Void> endless = Mono.<Void>never().doOnCancel(sideCancelled::countDown);

        assertThat(ExecFrames.whileRunning(Flux.just(1, 2, 3).delayElements(Duration.ofMillis(5)), endless)
                .collectList().block(WAIT))
                .containsExactly(1, 2, 3);
        // The completion reaches block() on the timer thread just before that thread cancels the side task.
        assertThat(sideCancelled.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("side task cancelled").isTrue();

        StepVerifier.create(ExecFrames.whileRunning(Flux.<Integer>never(), Mono.error(new IllegalStateException("side"))))
                .expectErrorMessage("side").verify(WAIT);
        StepVerifier.create(ExecFrames.whileRunning(Flux.<Integer>error(new IllegalStateException("main")), Mono.empty()))
                .expectErrorMessage("main").verify(WAIT);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String text(byte[] chunk) {
        return new String(chunk, StandardCharsets.UTF_8);
    }

    @Test
    void websocketSecretsAreReadFromTheOperationAndAMissingRequiredOneIsNamed() {
        Operation console = new Operation("op1", "websocket", "console", null, null, "Running", 103, Map.of(),
                Map.of("fds", Map.of("0", "s0", "control", "sc")), false, "", "");
        Operation half = new Operation("op2", "websocket", "console", null, null, "Running", 103, Map.of(),
                Map.of("fds", Map.of("0", "s0")), false, "", "");

        assertThat(ExecFrames.secrets(console, "console", "0", "control")).containsEntry("0", "s0")
                .containsEntry("control", "sc");
        assertThatThrownBy(() -> ExecFrames.secrets(half, "console", "0", "control"))
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining("console operation op2")
                .hasMessageContaining("control");
    }
}
