package io.github.incus4j.client;

import io.github.incus4j.client.exception.ExecTimeoutException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.InstanceExecControl;
import io.github.incus4j.client.model.Operation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A command started in an instance whose streams are attached over websockets, from
 * {@link InstanceExecApi#start}.
 *
 * <pre>{@code
 * ExecSession session = client.instances().exec("c1").start(ExecRequest.of("sort")).block();
 * session.output().subscribe(event -> ...);          // connects the websockets: the command starts
 * session.send("pear\napple\n").then(session.closeStdin()).block();   // sort prints apple, pear
 * }</pre>
 *
 * <p>The daemon runs the command once the client has connected its websockets, which
 * {@link #output()} does when subscribed; it gives up after 5 seconds (measured on Incus 6.0.4:
 * the operation then fails with "Timed out waiting for websockets to connect"), so subscribe
 * promptly. {@code output()} can be subscribed to once. Cancelling that subscription closes the
 * websockets, and the daemon then kills the command.
 *
 * <p>Standard input: when the request carries its own ({@link ExecRequest.Builder#stdin(byte[])}
 * and its overloads), that is sent and then end of file. Otherwise it stays open, as a
 * {@link Process}'s does, for {@link #send(byte[])} until {@link #closeStdin()} or the end of the
 * command; a command that reads its input to the end ({@code cat}, {@code sort}) waits for
 * {@code closeStdin()}.
 */
public final class ExecSession {

    /** Used when the request has no deadline: the exit code follows the end of the output at once. */
    private static final Duration NO_DEADLINE = Duration.ofDays(365);
    /** How long to let the operation end after the command was killed at its deadline. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final int SIGKILL = 9;
    private static final byte[] NONE = new byte[0];

    private final IncusHttp http;
    private final String instance;
    private final ExecRequest request;
    private final OperationHandle operation;
    private final Map<String, String> secrets;
    private final long deadlineNanos;
    private final Sinks.Many<InstanceExecControl> controls = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicReference<@Nullable WebsocketOutbound> controlOutbound = new AtomicReference<>();
    private final AtomicBoolean outputSubscribed = new AtomicBoolean();
    /** What {@link #send} writes to; {@code null} when the request's own input is used or there is none. */
    private final Sinks.@Nullable Many<ByteBuffer> input;

    /**
     * @param writableStdin whether standard input stays open for {@link #send} (a request without
     *     input of its own, started to be driven by the caller); otherwise it ends after the
     *     request's input, at once if there is none
     */
    ExecSession(IncusHttp http, String instance, ExecRequest request, OperationHandle operation,
            Map<String, String> secrets, long startedNanos, boolean writableStdin) {
        this.http = http;
        this.instance = instance;
        this.request = request;
        this.operation = operation;
        this.secrets = secrets;
        Duration timeout = request.timeout();
        this.deadlineNanos = timeout == null ? 0 : startedNanos + timeout.toNanos();
        this.input = writableStdin ? Sinks.many().unicast().onBackpressureBuffer() : null;
    }

    /**
     * Returns the instance the command runs in.
     *
     * @return the instance name
     */
    public String instance() {
        return instance;
    }

    /**
     * Returns the command's operation ({@code class: websocket}); its final metadata holds the
     * exit code under {@code return}.
     *
     * @return the operation handle
     */
    public OperationHandle operation() {
        return operation;
    }

    /**
     * Connects the websockets and relays the command's output, then its exit code: chunks of
     * {@link ExecEvent.Stdout} and {@link ExecEvent.Stderr} in the order each stream delivered
     * them, and a final {@link ExecEvent.Exit}. Standard input (if the request has one) is sent
     * meanwhile, followed by end of file.
     *
     * <p>At the request's deadline the command is killed and the stream fails with an
     * {@link ExecTimeoutException}. Measured on Incus 6.0.4 with a container: a program that is
     * not found exits with code 127, one that is not executable with 126 (the daemon's operation
     * says "Command not found" or "Command not executable", but the exit code is the answer); a
     * working directory that does not exist is no error: the command runs in {@code /}. If the
     * command's operation fails without an exit code, the stream fails with an
     * {@link IncusOperationException} carrying the daemon's error.
     *
     * @return the events; may be subscribed to once
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/websocket")
    public Flux<ExecEvent> output() {
        return output(null, null);
    }

    /**
     * Connects the websockets as {@link #output()} does, copying standard output and error into
     * captures instead of emitting them as events (for {@link InstanceExecApi#run}): the stream
     * then carries only the {@link ExecEvent.Exit}. A stream without a capture is emitted as
     * events.
     *
     * @param stdoutCapture receives standard output (a terminal's output), or {@code null}
     * @param stderrCapture receives standard error, or {@code null}
     * @return the events; may be subscribed to once
     */
    Flux<ExecEvent> output(@Nullable OutputCapture stdoutCapture, @Nullable OutputCapture stderrCapture) {
        return Flux.defer(() -> {
            if (!outputSubscribed.compareAndSet(false, true)) {
                return Flux.error(new IllegalStateException("the output of " + this + " was already subscribed to; "
                        + "a command's streams can be read once"));
            }
            Flux<ExecEvent> events = streams(stdoutCapture, stderrCapture).concatWith(exit());
            return http.observations().session("exec", (deadlineNanos == 0 ? events : withDeadline(events))
                    // Input still queued or written later has nowhere to go once the command ended.
                    .doFinally(signal -> closeInput()));
        });
    }

    /**
     * Writes bytes to the command's standard input (to its terminal for an interactive command).
     * Bytes written before {@link #output()} is subscribed to are queued and sent once connected;
     * everything is sent in order.
     *
     * @param bytes the bytes (copied)
     * @return completes when the bytes are queued for the websocket; an {@link IllegalStateException}
     *     if the request carries its own standard input, or after {@link #closeStdin()} or the end of
     *     the command
     */
    public Mono<Void> send(byte[] bytes) {
        ByteBuffer copy = ByteBuffer.wrap(Names.required("bytes", bytes).clone());
        return Mono.fromRunnable(() -> {
            Sinks.Many<ByteBuffer> open = writableInput();
            Sinks.EmitResult result;
            do {
                // Another thread sending at the same moment: try again (Reactor drops, rather than
                // fails, a value emitted into a terminated sink, so emitNext would not say "closed").
                result = open.tryEmitNext(copy);
            } while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
            if (result.isFailure()) {
                throw new IllegalStateException("the standard input of " + this + " is closed (closeStdin() was "
                        + "called, or the command ended): nothing more can be sent");
            }
        });
    }

    /**
     * Writes text to the command's standard input, encoded as UTF-8; see {@link #send(byte[])}.
     *
     * @param text the text
     * @return completes when the bytes are queued for the websocket
     */
    public Mono<Void> send(String text) {
        return send(Names.required("text", text).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the command's standard input: once what was sent before is delivered, the command reads
     * end of file. Closing again, or closing a session whose request carries its own input, does
     * nothing.
     *
     * @return completes when the end of file is queued
     */
    public Mono<Void> closeStdin() {
        return Mono.fromRunnable(this::closeInput);
    }

    private Sinks.Many<ByteBuffer> writableInput() {
        if (input == null) {
            throw new IllegalStateException(this + " sends the standard input of its request; send(...) is for "
                    + "commands started without one (InstanceExecApi.start with a request without stdin)");
        }
        return input;
    }

    private void closeInput() {
        if (input != null) {
            input.tryEmitComplete();
        }
    }

    /**
     * Sends a signal to the command through the control websocket (API extension
     * {@code container_exec_signal_handling}). Messages are delivered in order once
     * {@link #output()} is subscribed to; after the command ended they are dropped.
     *
     * @param signal the signal number, such as 2 (SIGINT), 15 (SIGTERM) or 9 (SIGKILL)
     * @return completes when the message is queued for the control websocket
     */
    public Mono<Void> signal(int signal) {
        if (signal <= 0 || signal > 64) {
            throw new IllegalArgumentException("signal must be a signal number between 1 and 64, got " + signal);
        }
        return control(InstanceExecControl.signal(signal));
    }

    /**
     * Resizes the command's terminal (interactive commands only; the daemon ignores it for
     * others).
     *
     * @param columns the new width
     * @param rows the new height
     * @return completes when the message is queued for the control websocket
     */
    public Mono<Void> resize(int columns, int rows) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("terminal size must be positive, got " + columns + "x" + rows);
        }
        return control(InstanceExecControl.windowResize(columns, rows));
    }

    private Mono<Void> control(InstanceExecControl message) {
        return Mono.fromRunnable(() -> controls.emitNext(message, Sinks.EmitFailureHandler.busyLooping(
                Duration.ofSeconds(1))))
                .onErrorResume(Sinks.EmissionException.class, ended -> Mono.empty())
                .then();
    }

    /**
     * The data streams: the control websocket first (so that it is attached before the command
     * can end), then the data websockets, whose ends decide when the output is complete.
     */
    private Flux<ExecEvent> streams(@Nullable OutputCapture stdoutCapture, @Nullable OutputCapture stderrCapture) {
        AtomicBoolean controlConnected = new AtomicBoolean();
        Sinks.Empty<Void> controlReady = Sinks.empty();
        Mono<Void> control = socket("control", (in, out) -> {
            controlConnected.set(true);
            controlOutbound.set(out);
            controlReady.tryEmitEmpty();
            Mono<Void> sending = out.sendObject(controls.asFlux().map(ExecFrames::control)).then()
                    .onErrorResume(closed -> Mono.empty());
            return ExecFrames.whileRunning(in.receiveFrames().thenMany(Flux.<Void>empty()), sending);
        }).then()
                // Once attached, the control socket's end says nothing: the daemon closes it
                // abruptly when the command exits.
                .onErrorResume(failure -> controlConnected.get() ? Mono.empty() : Mono.error(failure))
                .doFinally(signal -> controls.tryEmitComplete());
        Flux<ExecEvent> data = request.interactive() ? terminal(stdoutCapture) : pipes(stdoutCapture, stderrCapture);
        return ExecFrames.whileRunning(controlReady.asMono().thenMany(data), control);
    }

    /** Non-interactive: stdin on fd 0, stdout on 1, stderr on 2. */
    private Flux<ExecEvent> pipes(@Nullable OutputCapture stdoutCapture, @Nullable OutputCapture stderrCapture) {
        Flux<ExecEvent> stdout = output("1", "stdout", reader(stdoutCapture, ExecEvent.Stdout::new), false);
        Flux<ExecEvent> stderr = output("2", "stderr", reader(stderrCapture, ExecEvent.Stderr::new), false);
        AtomicBoolean stdinConnected = new AtomicBoolean();
        Mono<Void> stdin = socket("0", (in, out) -> {
            stdinConnected.set(true);
            // Send the input while reading until the daemon closes the socket, whether the input has
            // ended or is still open for send(...). Closing it first, with the daemon's ping still
            // unread, makes the kernel reset the connection, and the daemon then loses the end of
            // the input it had not read yet (seen under load over TLS).
            return ExecFrames.whileRunning(in.receiveFrames().thenMany(Flux.<Void>empty()), sendStdin(out));
        }).then()
                // Once connected, only the caller's own input failing matters: the daemon closes
                // the socket when the command ends, whether or not it read all of its input.
                .onErrorResume(failure -> stdinConnected.get() && !(failure instanceof StdinException),
                        closed -> Mono.empty());
        // The stdin socket ends on its own once the command has ended (the daemon closes it), so
        // the streams wait for it rather than cancel a handshake that may still be in flight.
        return Flux.merge(stdout, stderr, stdin.thenMany(Flux.<ExecEvent>empty()));
    }

    /** Interactive: one bidirectional stream on fd 0 for the terminal. */
    private Flux<ExecEvent> terminal(@Nullable OutputCapture capture) {
        return output("0", "terminal", reader(capture, ExecEvent.Stdout::new), true);
    }

    /** Reads a data frame's content into the capture, or else into an event of its own copy. */
    private static Function<ByteBuf, @Nullable ExecEvent> reader(@Nullable OutputCapture capture,
            Function<byte[], ExecEvent> event) {
        if (capture == null) {
            return content -> event.apply(ByteBufUtil.getBytes(content));
        }
        return content -> {
            capture.append(content);
            return null;
        };
    }

    /**
     * Reads one output stream up to its end-of-stream barrier (sending standard input on the same
     * socket for a terminal). A connection error after the barrier is no error: the daemon closes
     * the sockets abruptly once the command has ended.
     */
    private Flux<ExecEvent> output(String fd, String stream, Function<ByteBuf, @Nullable ExecEvent> reader,
            boolean withStdin) {
        String where = http.endpoint().describe();
        AtomicBoolean complete = new AtomicBoolean();
        return socket(fd, (in, out) -> {
            Flux<ExecEvent> data = ExecFrames.data(in.receiveFrames(), stream, where, reader)
                    .doOnComplete(() -> complete.set(true));
            return withStdin ? ExecFrames.whileRunning(data, sendStdin(out)) : data;
        }).onErrorResume(failure -> complete.get() && !(failure instanceof StdinException), closed -> Flux.empty());
    }

    /**
     * Sends standard input and the end-of-file barrier. A failure of the caller's publisher fails
     * the command's stream; a socket the daemon closed (the command ended without reading all of
     * its input) does not.
     */
    private Mono<Void> sendStdin(WebsocketOutbound out) {
        Flux<ByteBuffer> source = input != null ? input.asFlux() : request.stdin();
        Flux<ByteBuffer> stdin = source.onErrorMap(failure -> new StdinException(
                "reading the standard input of " + request.command() + " in instance '" + instance + "' failed: "
                        + failure, failure));
        return out.sendObject(ExecFrames.outgoing(stdin)).then()
                .onErrorResume(failure -> !(failure instanceof StdinException), closed -> Mono.empty());
    }

    private <T> Flux<T> socket(String fd,
            BiFunction<? super WebsocketInbound, ? super WebsocketOutbound, ? extends Publisher<T>> handler) {
        String secret = secrets.get(fd);
        if (secret == null) {
            return Flux.error(new IncusProtocolException(0, "the exec operation " + operation.id()
                    + " has no websocket secret for '" + fd + "' in its metadata.fds " + secrets.keySet(), null));
        }
        IncusRequest upgrade = IncusRequest.get("/1.0/operations/{id}/websocket")
                .path("id", "operation id", operation.id())
                .query("secret", secret)
                .build();
        // The daemon never reads pongs on these sockets; an unread pong at its close can cost output.
        return http.websocket(upgrade, false, handler);
    }

    private Mono<ExecEvent> exit() {
        return operation.await(NO_DEADLINE)
                .onErrorResume(IncusOperationException.class, failed -> returnCode(failed.operation()) != null
                        ? Mono.just(failed.operation()) : Mono.error(failed))
                .map(finished -> new ExecEvent.Exit(exitCode(finished)));
    }

    private Flux<ExecEvent> withDeadline(Flux<ExecEvent> events) {
        AtomicBoolean expired = new AtomicBoolean();
        Duration remaining = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        Mono<Long> alarm = Mono.delay(remaining)
                .flatMap(tick -> kill().thenReturn(tick))
                .doOnNext(tick -> expired.set(true));
        return events.takeUntilOther(alarm)
                .concatWith(Mono.defer(() -> expired.get() ? afterDeadline() : Mono.empty()));
    }

    /** Sends SIGKILL straight to the control socket; closing the sockets afterwards also makes the daemon kill it. */
    private Mono<Void> kill() {
        WebsocketOutbound out = controlOutbound.get();
        if (out == null) {
            return Mono.empty();
        }
        return out.sendObject(Mono.fromSupplier(() -> ExecFrames.control(InstanceExecControl.signal(SIGKILL)))).then()
                .timeout(Duration.ofSeconds(1))
                .onErrorResume(failure -> Mono.empty());
    }

    private Mono<ExecEvent> afterDeadline() {
        Duration timeout = request.timeout();
        return operation.cancel().onErrorResume(failure -> Mono.empty())
                .then(operation.await(KILL_GRACE).onErrorResume(failure -> Mono.empty()))
                .then(Mono.error(() -> new ExecTimeoutException(instance, request.command(),
                        timeout != null ? timeout : Duration.ZERO, operation.lastSeen(), NONE, NONE)));
    }

    /**
     * Reads the exit code of a finished exec operation.
     *
     * @param operation the final operation
     * @return its {@code metadata.return}
     */
    static int exitCode(Operation operation) {
        Integer code = returnCode(operation);
        if (code == null) {
            throw new IncusProtocolException(0, "the exec operation " + operation.id() + " ended (" + operation.status()
                    + ") without an exit code in metadata.return: " + operation.metadata(), null);
        }
        return code;
    }

    private static @Nullable Integer returnCode(Operation operation) {
        Object value = operation.metadata().get("return");
        return value instanceof Number number ? number.intValue() : null;
    }

    @Override
    public String toString() {
        return "ExecSession[" + instance + " " + request.command() + ", operation " + operation.id() + "]";
    }

    /** The caller's standard input failed; unlike a closed socket, that fails the command's stream. */
    static final class StdinException extends io.github.incus4j.client.exception.IncusException {

        private static final long serialVersionUID = 1L;

        StdinException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
