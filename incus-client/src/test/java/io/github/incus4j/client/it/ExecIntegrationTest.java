package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ClientInternals;
import io.github.incus4j.client.ExecEvent;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.ExecSession;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceExecApi;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.ExecTimeoutException;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * Commands in a real container. The websocket protocol runs over both transports; every test
 * has its own container.
 */
@IncusIntegrationTest
class ExecIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void echoPrintsToStdoutAndExitsZero(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "echo")) {
            ExecResult result = client.instances().exec(container.name()).run(ExecRequest.of("echo", "hi")).block(WAIT);

            assertThat(result.exitCode()).isZero();
            assertThat(result.isSuccess()).isTrue();
            assertThat(result.stdoutText()).isEqualTo("hi\n");
            assertThat(result.stderr()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stderrAndTheExitCodeAreKeptApart(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "stderr")) {
            ExecResult result = client.instances().exec(container.name()).run(
                    ExecRequest.of("sh", "-c", "echo to-out; echo to-err >&2; exit 3")).block(WAIT);

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.stdoutText()).isEqualTo("to-out\n");
            assertThat(result.stderrText()).isEqualTo("to-err\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void falseExitsWithOneAndAMissingCommandWith127(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "codes")) {
            ExecResult falseResult = client.instances().exec(container.name()).run(ExecRequest.of("false")).block(WAIT);
            ExecResult missing = client.instances().exec(container.name()).run(ExecRequest.of("no-such-command")).block(WAIT);

            assertThat(falseResult.exitCode()).isEqualTo(1);
            assertThat(falseResult.isSuccess()).isFalse();
            assertThat(missing.exitCode()).isEqualTo(127);
            assertThat(missing.stdout()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void binaryStdinGoesThroughCatUnchanged(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "cat")) {
            byte[] input = new byte[3 * 1024 * 1024 + 17];
            new Random(42).nextBytes(input);
            for (int i = 0; i < 256; i++) {
                input[i] = (byte) i;
            }

            ExecResult result = client.instances().exec(container.name()).run(ExecRequest.builder("cat").stdin(input).build())
                    .block(WAIT);

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEqualTo(input);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tenMebibytesOfOutputArriveWhole(Transport transport, IncusDaemon daemon) throws Exception {
        int size = 10 * 1024 * 1024;
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "big")) {
            ExecResult written = client.instances().exec(container.name()).run(ExecRequest.of("sh", "-c",
                    "head -c " + size + " /dev/urandom > /tmp/random && sha256sum /tmp/random")).block(WAIT);
            assertThat(written.exitCode()).as(written.stderrText()).isZero();
            String expectedSha256 = written.stdoutText().substring(0, 64);

            long started = System.nanoTime();
            ExecResult result = client.instances().exec(container.name()).run(ExecRequest.of("cat", "/tmp/random")).block(WAIT);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).hasSize(size);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(result.stdout())))
                    .isEqualTo(expectedSha256);
            System.out.println("[exec] 10 MiB of output over " + transport + " in " + millis + " ms");
        }
    }

    @Test
    void largeStandardOutputAndErrorAreCapturedApartAndWhole(IncusDaemon daemon) {
        int out = 3 * 1024 * 1024 + 5;
        int err = 1024 * 1024 + 3;
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "both")) {
            ExecResult result = client.instances().exec(container.name()).run(ExecRequest.of("sh", "-c",
                    "head -c " + out + " /dev/zero | tr '\\0' o; head -c " + err + " /dev/zero | tr '\\0' e >&2"))
                    .block(WAIT);

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).hasSize(out).containsOnly('o');
            assertThat(result.stderr()).hasSize(err).containsOnly('e');
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDeadlineKillsTheCommandAndLeavesTheInstanceUsable(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "deadline")) {
            ExecRequest sleeper = ExecRequest.builder("sh", "-c", "echo started; exec sleep 30")
                    .timeout(Duration.ofSeconds(2)).build();

            long started = System.nanoTime();
            assertThatThrownBy(() -> client.instances().exec(container.name()).run(sleeper).block(WAIT))
                    .isInstanceOfSatisfying(ExecTimeoutException.class, e -> {
                        assertThat(e.getMessage()).contains("[sh, -c, echo started; exec sleep 30]",
                                container.name(), "PT2S", "SIGKILL");
                        assertThat(e.instance()).isEqualTo(container.name());
                        assertThat(e.cancelRequested()).isTrue();
                        assertThat(new String(e.stdout(), StandardCharsets.UTF_8)).isEqualTo("started\n");
                    })
                    .isInstanceOf(IncusOperationTimeoutException.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(millis).isBetween(1900L, 8000L);
            ExecResult after = client.instances().exec(container.name()).run(ExecRequest.of("echo", "still here")).block(WAIT);
            assertThat(after.stdoutText()).isEqualTo("still here\n");
            ExecResult sleeping = client.instances().exec(container.name()).run(ExecRequest.of("pidof", "sleep")).block(WAIT);
            assertThat(sleeping.exitCode()).as("no sleep process is left: %s", sleeping.stdoutText()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void recordedOutputIsReadAndTheLogsAreDeleted(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "record")) {
            ExecResult result = client.instances().exec(container.name()).runRecorded(
                    ExecRequest.of("sh", "-c", "echo recorded-out; echo recorded-err >&2; exit 4")).block(WAIT);

            assertThat(result.exitCode()).isEqualTo(4);
            assertThat(result.stdoutText()).isEqualTo("recorded-out\n");
            assertThat(result.stderrText()).isEqualTo("recorded-err\n");
            JsonNode logs = ClientInternals.http(client).send(IncusRequest.get("/1.0/instances/{name}/logs/exec-output")
                    .path("name", "name", container.name()).build()).block(WAIT).metadata();
            assertThat(logs.isArray()).isTrue();
            assertThat(logs.size()).as(logs.toString()).isZero();

            ExecResult missing = client.instances().exec(container.name()).runRecorded(ExecRequest.of("no-such-command"))
                    .block(WAIT);
            assertThat(missing.exitCode()).isEqualTo(127);
        }
    }

    @Test
    void aMissingWorkingDirectoryIsNoErrorAndAFileThatIsNotAProgramExitsWith126(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "cwd")) {
            InstanceExecApi exec = client.instances().exec(container.name());

            ExecResult pwd = exec.run(ExecRequest.builder("pwd").workingDirectory("/no/such/dir").build()).block(WAIT);
            ExecResult notExecutable = exec.run(ExecRequest.of("/etc/hostname")).block(WAIT);

            assertThat(pwd.exitCode()).isZero();
            assertThat(pwd.stdoutText()).isEqualTo("/\n");
            assertThat(notExecutable.exitCode()).isEqualTo(126);
        }
    }

    @Test
    void theDaemonGivesUpOnWebsocketsThatDoNotConnectWithinFiveSeconds(IncusDaemon daemon) throws Exception {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "late")) {
            long started = System.nanoTime();
            ExecSession session = client.instances().exec(container.name()).start(ExecRequest.of("true")).block(WAIT);

            assertThatThrownBy(() -> session.operation().await(Duration.ofSeconds(20)).block(WAIT))
                    .isInstanceOf(IncusOperationException.class)
                    .hasMessageContaining("Timed out waiting for websockets to connect");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(4),
                    Duration.ofSeconds(8));
        }
    }

    @Test
    void environmentWorkingDirectoryUserAndGroupApply(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "env")) {
            ExecResult result = client.instances().exec(container.name()).run(ExecRequest
                    .builder("sh", "-c", "echo \"$GREETING\"; pwd; id -u; id -g")
                    .environment("GREETING", "hello world")
                    .workingDirectory("/tmp")
                    .user(1000).group(1000)
                    .build()).block(WAIT);

            assertThat(result.exitCode()).as(result.stderrText()).isZero();
            assertThat(result.stdoutText()).isEqualTo("hello world\n/tmp\n1000\n1000\n");
        }
    }

    @Test
    void outputIsStreamedInOrderAndEndsWithTheExitCode(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "stream")) {
            List<ExecEvent> events = client.instances().exec(container.name()).stream(ExecRequest.of("sh", "-c",
                    "echo one; sleep 1; echo two >&2; sleep 1; echo three; exit 5")).collectList().block(WAIT);

            assertThat(events).last().isEqualTo(new ExecEvent.Exit(5));
            assertThat(events).filteredOn(ExecEvent.Stdout.class::isInstance)
                    .extracting(event -> ((ExecEvent.Stdout) event).text()).containsExactly("one\n", "three\n");
            assertThat(events).filteredOn(ExecEvent.Stderr.class::isInstance)
                    .extracting(event -> ((ExecEvent.Stderr) event).text()).containsExactly("two\n");
            assertThat(events.indexOf(new ExecEvent.Stderr("two\n".getBytes(StandardCharsets.UTF_8))))
                    .isBetween(1, events.size() - 3);
        }
    }

    @Test
    void streamedStdinIsReadAsItArrives(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "stdin")) {
            Flux<ByteBuffer> lines = Flux.range(1, 50)
                    .map(i -> ByteBuffer.wrap(("line " + i + "\n").getBytes(StandardCharsets.UTF_8)))
                    .delayElements(Duration.ofMillis(2));

            ExecResult result = client.instances().exec(container.name()).run(
                    ExecRequest.builder("wc", "-l").stdin(lines).build()).block(WAIT);

            assertThat(result.stdoutText().strip()).isEqualTo("50");
        }
    }

    @Test
    void aFailingStdinPublisherFailsTheCommandsStream(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "badin")) {
            Flux<ByteBuffer> broken = Flux.concat(Flux.just(ByteBuffer.wrap(new byte[] {'x'})),
                    Flux.error(new IllegalStateException("disk on fire")));

            assertThatThrownBy(() -> client.instances().exec(container.name()).run(
                    ExecRequest.builder("cat").stdin(broken).build()).block(WAIT))
                    .isInstanceOf(IncusException.class)
                    .hasMessageContaining("reading the standard input of [cat]")
                    .hasMessageContaining("disk on fire")
                    .hasRootCauseInstanceOf(IllegalStateException.class);
            assertThat(client.instances().exec(container.name()).run(ExecRequest.of("echo", "ok")).block(WAIT).stdoutText())
                    .isEqualTo("ok\n");
        }
    }

    @Test
    void aSignalThroughTheControlSocketEndsTheCommand(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "signal")) {
            ExecSession session = client.instances().exec(container.name()).start(
                    ExecRequest.of("sh", "-c", "echo ready; exec sleep 30")).block(WAIT);
            List<ExecEvent> events = new CopyOnWriteArrayList<>();

            List<ExecEvent> all = session.output()
                    .doOnNext(events::add)
                    .doOnNext(event -> {
                        if (event instanceof ExecEvent.Stdout out && out.text().contains("ready")) {
                            session.signal(15).subscribe();
                        }
                    })
                    .collectList().block(WAIT);

            assertThat(all).last().isEqualTo(new ExecEvent.Exit(128 + 15));
            assertThat(session.operation().lastSeen().isFinal()).isTrue();
            assertThatThrownBy(() -> session.output().blockLast(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already subscribed");
        }
    }

    @Test
    void cancellingTheStreamKillsTheCommand(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "cancel")) {
            ExecSession session = client.instances().exec(container.name()).start(
                    ExecRequest.of("sh", "-c", "echo ready; exec sleep 30")).block(WAIT);

            ExecEvent first = session.output().blockFirst(WAIT);

            assertThat(first).isEqualTo(new ExecEvent.Stdout("ready\n".getBytes(StandardCharsets.UTF_8)));
            Operation ended = session.operation().await(Duration.ofSeconds(20))
                    .onErrorResume(IncusOperationException.class, failed -> reactor.core.publisher.Mono.just(
                            failed.operation())).block(WAIT);
            assertThat(ended.isFinal()).isTrue();
            assertThat(ended.metadata().get("return")).isEqualTo(128 + 9);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void standardInputIsWrittenOnTheSessionUntilItIsClosed(Transport transport, IncusDaemon daemon) throws Exception {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "send")) {
            ExecSession session = client.instances().exec(container.name()).start(ExecRequest.of("sort")).block(WAIT);
            session.send("pear\n").block(WAIT);                    // queued until the websockets connect
            CompletableFuture<List<ExecEvent>> events = session.output().collectList().toFuture();

            session.send("apple\n".getBytes(StandardCharsets.UTF_8)).then(session.closeStdin()).block(WAIT);

            List<ExecEvent> all = events.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(all).last().isEqualTo(new ExecEvent.Exit(0));
            assertThat(all).filteredOn(ExecEvent.Stdout.class::isInstance)
                    .extracting(event -> ((ExecEvent.Stdout) event).text()).containsExactly("apple\npear\n");
            assertThatThrownBy(() -> session.send("late\n").block(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("standard input of ExecSession[" + container.name() + " [sort]")
                    .hasMessageContaining("is closed");
            session.closeStdin().block(WAIT);                        // again: nothing happens
        }
    }

    @Test
    void runAndARequestWithItsOwnInputLeaveNothingToWrite(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "ownin")) {
            InstanceExecApi exec = client.instances().exec(container.name());
            // run(...) has no session to write on: cat reads end of file at once.
            ExecResult cat = exec.run(ExecRequest.builder("cat").timeout(Duration.ofSeconds(20)).build()).block(WAIT);
            assertThat(cat.exitCode()).isZero();
            assertThat(cat.stdout()).isEmpty();

            ExecSession session = exec.start(ExecRequest.builder("cat").stdin("given\n".getBytes(StandardCharsets.UTF_8))
                    .build()).block(WAIT);
            assertThatThrownBy(() -> session.send("more").block(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sends the standard input of its request");
            List<ExecEvent> events = session.output().collectList().block(WAIT);
            assertThat(events).contains(new ExecEvent.Stdout("given\n".getBytes(StandardCharsets.UTF_8)))
                    .last().isEqualTo(new ExecEvent.Exit(0));
        }
    }

    @Test
    void anInteractiveCommandGetsATerminalThatCanBeResized(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "pty")) {
            ExecSession session = client.instances().exec(container.name()).start(ExecRequest.builder("sh")
                    .interactive(100, 30).build()).block(WAIT);
            StringBuilder screen = new StringBuilder();
            Sinks.Many<String> screens = Sinks.many().replay().latest();

            session.output().subscribe(event -> {
                if (event instanceof ExecEvent.Stdout out) {
                    synchronized (screen) {
                        screen.append(out.text());
                        screens.tryEmitNext(screen.toString());
                    }
                } else if (event instanceof ExecEvent.Exit exit) {
                    screens.tryEmitNext(screen + "\n<exit " + exit.code() + ">");
                    screens.tryEmitComplete();
                }
            });
            session.send("tty; stty size\n").block(WAIT);
            screens.asFlux().filter(text -> text.contains("30 100")).blockFirst(WAIT);

            session.resize(120, 40).block(WAIT);
            // The resize goes through the control socket, the typing through the terminal's: retry a few times.
            String resized = Flux.range(0, 20)
                    .concatMap(attempt -> session.send("stty size\n")
                            .then(screens.asFlux().filter(text -> text.contains("40 120")).next()
                                    .timeout(Duration.ofMillis(500), reactor.core.publisher.Mono.empty())))
                    .blockFirst(WAIT);
            assertThat(resized).contains("/dev/pts/", "40 120");

            session.send("exit 7\n").block(WAIT);
            assertThat(screens.asFlux().blockLast(WAIT)).endsWith("<exit 7>");
        }
    }

    @Test
    void anUnknownInstanceIsNotFoundAndAStoppedOneIsRefused(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            assertThatThrownBy(() -> client.instances().exec("no-such-instance").run(ExecRequest.of("true")).block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);

            String stopped = Transport.uniqueName("stopped");
            client.instances().create(InstancesPost.builder(stopped).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            try {
                assertThatThrownBy(() -> client.instances().exec(stopped).run(ExecRequest.of("true")).block(WAIT))
                        .isInstanceOfSatisfying(IncusApiException.class, e -> {
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.serverMessage()).contains("not running");
                        });
            } finally {
                client.instances().delete(stopped).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }

    @Test
    void aDetachedCommandReportsItsExitCodeOnItsOperation(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "detached")) {
            OperationHandle operation = client.instances().exec(container.name()).runDetached(
                    ExecRequest.of("sh", "-c", "sleep 0.3; exit 6")).block(WAIT);

            Operation finished = operation.await(WAIT).block(WAIT);

            assertThat(io.github.incus4j.client.InstanceExecApi.exitCode(finished)).isEqualTo(6);
        }
    }

}
