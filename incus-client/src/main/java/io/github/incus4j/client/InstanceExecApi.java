package io.github.incus4j.client;

import io.github.incus4j.client.exception.ExecTimeoutException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.ResourceUrls;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.Operation;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs commands in one instance: {@code POST /1.0/instances/{name}/exec}, reached with
 * {@link InstancesApi#exec(String)}.
 *
 * <pre>{@code
 * ExecResult result = client.instances().exec("c1").run(ExecRequest.of("uname", "-a")).block();
 * if (result.isSuccess()) {
 *     System.out.print(result.stdoutText());
 * }
 * }</pre>
 *
 * <p>Three ways to run a command:
 * <ul>
 *   <li>over websockets, the way {@code incus exec} does: {@link #run} captures everything,
 *       {@link #stream} relays output as it comes, {@link #start} also gives a session to write
 *       standard input to, send signals and resize the terminal. Standard input can also come
 *       with the request; the output is binary-safe and complete.</li>
 *   <li>{@link #runRecorded}: the daemon writes stdout and stderr to log files, which the client
 *       reads and deletes afterwards. No websockets and no standard input.</li>
 *   <li>{@link #runDetached}: the command runs in the background; only its operation is returned.</li>
 * </ul>
 */
public final class InstanceExecApi {

    private static final String EXEC = "/1.0/instances/{name}/exec";
    private static final String EXEC_OUTPUT = "/1.0/instances/{name}/logs/exec-output/{filename}";
    private static final Duration NO_DEADLINE = Duration.ofDays(365);
    private static final byte[] NONE = new byte[0];

    private final IncusHttp http;
    private final String instance;

    /**
     * Creates the API of one instance's commands.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceExecApi(Calls calls, String instance) {
        this.http = calls.http();
        this.instance = instance;
    }

    /**
     * Runs a command to its end and captures its output. Everything is held in memory: for large
     * output use {@link #stream}.
     *
     * @param request the command
     * @return the exit code and output (a non-zero exit code is not an error); an
     *     {@link ExecTimeoutException} with the output so far if the deadline passed; an
     *     {@link IncusOperationException} if the daemon could not start the command
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/exec")
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/websocket")
    public Mono<ExecResult> run(ExecRequest request) {
        return Mono.defer(() -> {
            Captured captured = new Captured();
            return open(request, false).flatMapMany(session -> session.output(captured.stdout, captured.stderr))
                    .doOnNext(captured::add)
                    .then(Mono.fromCallable(captured::result))
                    .onErrorMap(ExecTimeoutException.class, timeout -> timeout.withOutput(captured.stdout.toByteArray(),
                            captured.stderr.toByteArray()))
                    .doFinally(signal -> captured.release());
        });
    }

    /**
     * Runs a command and relays its output as it arrives, then its exit code; see
     * {@link ExecSession#output()}. Cancelling the subscription kills the command.
     *
     * @param request the command
     * @return the output chunks and a final {@link ExecEvent.Exit}
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/exec")
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/websocket")
    public Flux<ExecEvent> stream(ExecRequest request) {
        return open(request, false).flatMapMany(ExecSession::output);
    }

    /**
     * Starts a command and returns its session, whose {@link ExecSession#output()} connects the
     * websockets (the daemon waits for them 5 seconds, measured on Incus 6.0.4), whose
     * {@link ExecSession#send(byte[])} and {@link ExecSession#closeStdin()} write its standard
     * input when the request carries none (it stays open until closed, as a {@link Process}'s
     * does), and whose {@link ExecSession#signal(int)} and {@link ExecSession#resize(int, int)}
     * control it. The request's deadline counts from this call's subscription.
     *
     * @param request the command
     * @return the session; an {@link io.github.incus4j.client.exception.IncusApiException} if the daemon
     *     refused (instance not running: 400, unknown: 404)
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/exec")
    public Mono<ExecSession> start(ExecRequest request) {
        return open(request, true);
    }

    /** Starts a command over websockets; the caller may write its standard input through the session or not. */
    private Mono<ExecSession> open(ExecRequest request, boolean writableStdin) {
        Names.required("request", request);
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return post(request, true, false).map(operation -> new ExecSession(http, instance, request,
                    operation, ExecFrames.secrets(operation.lastSeen(), "exec"), started,
                    writableStdin && !request.hasStdin()));
        });
    }

    /**
     * Runs a command with the daemon recording its output ({@code record-output}; API extension
     * {@code container_exec_recording}), then reads the two recorded logs and deletes them. No
     * websocket is involved; the command gets no standard input.
     *
     * <p>The deadline only bounds the wait: without a control channel the command cannot be
     * killed, so at the deadline this fails with an
     * {@link io.github.incus4j.client.exception.IncusOperationTimeoutException} and the command (and its
     * logs) stay.
     *
     * @param request the command, without standard input and not interactive
     * @return the exit code and output
     * @throws IllegalArgumentException if the request has standard input or is interactive
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/exec")
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/exec-output/{filename}")
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/logs/exec-output/{filename}")
    public Mono<ExecResult> runRecorded(ExecRequest request) {
        Names.required("request", request);
        if (request.hasStdin() || request.interactive()) {
            throw new IllegalArgumentException("runRecorded(...) gives the command neither standard input nor a "
                    + "terminal (the daemon only records output); use run(...) for " + request);
        }
        Duration timeout = request.timeout() != null ? request.timeout() : NO_DEADLINE;
        return post(request, false, true)
                .flatMap(operation -> operation.await(timeout))
                .onErrorResume(IncusOperationException.class, failed ->
                        failed.operation().metadata().get("return") instanceof Number
                                ? Mono.just(failed.operation()) : Mono.error(failed))
                .flatMap(finished -> {
                    int exitCode = ExecSession.exitCode(finished);
                    Map<?, ?> output = finished.metadata().get("output") instanceof Map<?, ?> map ? map : Map.of();
                    return recordedLog(output.get("1"))
                            .zipWith(recordedLog(output.get("2")))
                            .map(logs -> new ExecResult(exitCode, logs.getT1(), logs.getT2()));
                });
    }

    /**
     * Starts a command in the background and does not attach to it: no input, output discarded.
     * The operation's final metadata holds the exit code under {@code return}.
     *
     * @param request the command, without standard input and not interactive
     * @return the command's operation
     * @throws IllegalArgumentException if the request has standard input or is interactive
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/exec")
    public Mono<OperationHandle> runDetached(ExecRequest request) {
        Names.required("request", request);
        if (request.hasStdin() || request.interactive()) {
            throw new IllegalArgumentException("runDetached(...) gives the command neither standard input nor a "
                    + "terminal; use start(...) for " + request);
        }
        return post(request, false, false);
    }

    /**
     * Reads the exit code from a finished exec operation, such as one from {@link #runDetached}.
     *
     * @param operation the final operation
     * @return its exit code
     * @throws IncusProtocolException if it has none
     */
    public static int exitCode(Operation operation) {
        return ExecSession.exitCode(Names.required("operation", operation));
    }

    private Mono<OperationHandle> post(ExecRequest request, boolean websockets, boolean record) {
        IncusRequest post = IncusRequest.of(HttpMethod.POST, EXEC).path("name", "instance", instance)
                .json(request.toPost(websockets, record)).build();
        return http.send(post).flatMap(response -> Operations.handle(http, response));
    }

    /** Reads one recorded log and deletes it, even when reading failed. */
    private Mono<byte[]> recordedLog(Object url) {
        if (!(url instanceof String path) || path.isEmpty()) {
            return Mono.just(NONE);
        }
        String file = ResourceUrls.lastSegment(path);
        IncusRequest read = IncusRequest.get(EXEC_OUTPUT).path("name", "instance", instance)
                .path("filename", "log file", file).build();
        IncusRequest delete = IncusRequest.of(HttpMethod.DELETE, EXEC_OUTPUT).path("name", "instance", instance)
                .path("filename", "log file", file).build();
        Mono<Void> deletion = http.send(delete).then();
        return http.exchangeRaw(read, response -> response.bodyToMono(byte[].class).defaultIfEmpty(NONE))
                .onErrorResume(failure -> deletion.onErrorResume(ignored -> Mono.empty()).then(Mono.error(failure)))
                .flatMap(bytes -> deletion.thenReturn(bytes));
    }

    /**
     * The output of {@link #run}, gathered as it arrives: the websocket frames are copied into
     * {@link OutputCapture}s, and each stream becomes one array of its exact size at the end.
     */
    private static final class Captured {
        private final OutputCapture stdout = new OutputCapture("standard output");
        private final OutputCapture stderr = new OutputCapture("standard error");
        private volatile @Nullable Integer exitCode;

        void add(ExecEvent event) {
            if (event instanceof ExecEvent.Exit exit) {
                exitCode = exit.code();
            }
        }

        ExecResult result() {
            Integer code = exitCode;
            if (code == null) {
                throw new IncusProtocolException(0, "the command's streams ended without an exit code", null);
            }
            return new ExecResult(code, stdout.toByteArray(), stderr.toByteArray());
        }

        void release() {
            stdout.release();
            stderr.release();
        }
    }
}
