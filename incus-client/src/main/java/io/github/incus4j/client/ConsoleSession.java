package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.InstanceExecControl;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * An attachment to an instance's console ({@code POST /1.0/instances/{name}/console}), the
 * session {@code incus console} opens: what the instance writes to its console arrives on
 * {@link #output()}, and {@link #send(String)} types into it.
 *
 * <pre>{@code
 * ConsoleSession console = client.instances().console("c1").attach(InstanceConsolePost.text(80, 24)).block();
 * console.output().subscribe(bytes -> terminal.write(bytes));   // connects the websockets
 * console.send("\n").subscribe();
 * ...
 * console.disconnect().subscribe();                             // the daemon ends the operation
 * }</pre>
 *
 * <p>Unlike a command, the console outlives the session: disconnecting leaves the instance
 * running, and the next session sees the same console. The daemon holds the console for this
 * session from the request on, and does not give up waiting for its websockets (measured on Incus
 * 6.0.4: still waiting after 30 minutes, every other attach refused meanwhile), so subscribe to
 * {@link #output()}, or {@link #disconnect()}, which then cancels the waiting operation. The output
 * can be subscribed to once. Input and resizes given before that are queued and sent in order once
 * connected.
 */
public final class ConsoleSession {

    private final IncusHttp http;
    private final String instance;
    private final OperationHandle operation;
    private final Map<String, String> secrets;
    private final Sinks.Many<byte[]> input = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<InstanceExecControl> controls = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Boolean> disconnected = Sinks.one();
    private final AtomicBoolean outputSubscribed = new AtomicBoolean();

    ConsoleSession(IncusHttp http, String instance, OperationHandle operation) {
        this.http = http;
        this.instance = instance;
        this.operation = operation;
        this.secrets = ExecFrames.secrets(operation.lastSeen(), "console", "0", "control");
    }

    /**
     * Returns the instance whose console this is.
     *
     * @return the instance name
     */
    public String instance() {
        return instance;
    }

    /**
     * Returns the console's operation ({@code class: websocket}); it ends when the session is
     * disconnected.
     *
     * @return the operation handle
     */
    public OperationHandle operation() {
        return operation;
    }

    /**
     * Connects the console's websockets (the control socket first, then the data socket) and
     * relays what the instance writes to its console, as raw bytes in the order they came (a text
     * console is a terminal: expect carriage returns and escape sequences). Input queued with
     * {@link #send(byte[])} is written meanwhile.
     *
     * <p>The stream completes when {@link #disconnect()} is called or when the daemon closes the
     * console (the instance stopped); cancelling the subscription also disconnects.
     *
     * @return the console output; may be subscribed to once
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/websocket")
    public Flux<byte[]> output() {
        return Flux.defer(() -> {
            if (!outputSubscribed.compareAndSet(false, true)) {
                return Flux.error(new IllegalStateException("the output of " + this + " was already subscribed to; "
                        + "a console session can be read once (open another one to read again)"));
            }
            Sinks.Empty<Void> controlReady = Sinks.empty();
            AtomicBoolean controlConnected = new AtomicBoolean();
            Mono<Void> control = socket("control", (in, out) -> {
                controlConnected.set(true);
                controlReady.tryEmitEmpty();
                Mono<Void> sending = out.sendObject(controls.asFlux().map(ExecFrames::control)).then()
                        .onErrorResume(closed -> Mono.empty());
                return ExecFrames.whileRunning(in.receiveFrames().thenMany(Flux.<Void>empty()), sending);
            }).then().onErrorResume(failure -> controlConnected.get() ? Mono.empty() : Mono.error(failure));
            AtomicBoolean dataConnected = new AtomicBoolean();
            Flux<byte[]> data = socket("0", (in, out) -> {
                dataConnected.set(true);
                Mono<Void> typing = out.sendObject(input.asFlux().map(bytes -> new BinaryWebSocketFrame(
                        Unpooled.wrappedBuffer(bytes)))).then().onErrorResume(closed -> Mono.empty());
                return ExecFrames.whileRunning(ExecFrames.data(in.receiveFrames(), "console",
                        http.endpoint().describe()), typing);
            }).onErrorResume(IncusConnectionException.class, closed -> dataConnected.get() ? Flux.empty()
                    : Flux.error(closed));
            return http.observations().session("console", ExecFrames.whileRunning(
                    controlReady.asMono().thenMany(data), control)
                    .takeUntilOther(disconnected.asMono())
                    .doFinally(signal -> {
                        input.tryEmitComplete();
                        controls.tryEmitComplete();
                    }));
        });
    }

    /**
     * Types bytes into the console.
     *
     * @param bytes what to send, such as keystrokes
     * @return completes when queued for the data websocket
     */
    public Mono<Void> send(byte[] bytes) {
        byte[] copy = Names.required("bytes", bytes).clone();
        return Mono.fromRunnable(() -> input.emitNext(copy, Sinks.EmitFailureHandler.busyLooping(
                Duration.ofSeconds(1)))).onErrorResume(Sinks.EmissionException.class, ended -> Mono.empty()).then();
    }

    /**
     * Types text into the console, encoded as UTF-8; a newline is {@code "\n"} (the console's
     * terminal turns it into Enter).
     *
     * @param text what to type
     * @return completes when queued for the data websocket
     */
    public Mono<Void> send(String text) {
        return send(Names.required("text", text).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Resizes the console's terminal.
     *
     * @param columns the new width
     * @param rows the new height
     * @return completes when queued for the control websocket
     */
    public Mono<Void> resize(int columns, int rows) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("terminal size must be positive, got " + columns + "x" + rows);
        }
        return Mono.fromRunnable(() -> controls.emitNext(InstanceExecControl.windowResize(columns, rows),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1))))
                .onErrorResume(Sinks.EmissionException.class, ended -> Mono.empty()).then();
    }

    /**
     * Disconnects: the output completes, the websockets close, and the daemon ends the console's
     * operation. A session whose {@link #output()} was never subscribed to has no websockets to
     * close, so its operation is cancelled instead; otherwise the daemon would keep the console
     * held for it. The instance keeps running. Disconnecting again does nothing.
     *
     * @return completes once the session is let go (for a session that never connected, once the
     *     daemon accepted the cancellation; a failure of it is ignored)
     */
    public Mono<Void> disconnect() {
        return Mono.defer(() -> {
            boolean first = disconnected.tryEmitValue(Boolean.TRUE).isSuccess();
            input.tryEmitComplete();
            controls.tryEmitComplete();
            return first && !outputSubscribed.get() ? operation.cancel().onErrorResume(failure -> Mono.empty())
                    : Mono.empty();
        });
    }

    private <T> Flux<T> socket(String fd,
            BiFunction<? super WebsocketInbound, ? super WebsocketOutbound, ? extends Publisher<T>> handler) {
        IncusRequest upgrade = IncusRequest.get("/1.0/operations/{id}/websocket")
                .path("id", "operation id", operation.id())
                .query("secret", secrets.get(fd))
                .build();
        // As for exec, the daemon does not read pongs on console sockets.
        return http.websocket(upgrade, false, handler);
    }

    @Override
    public String toString() {
        return "ConsoleSession[" + instance + ", operation " + operation.id() + "]";
    }
}
