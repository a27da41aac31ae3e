package io.github.incus4j.client.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.ExecEvent;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.ExecSession;
import io.github.incus4j.client.FileWriteOptions;
import io.github.incus4j.client.Filter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.StorageVolumeSnapshotsApi;
import io.github.incus4j.client.StorageVolumesApi;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceFileInfo;
import io.github.incus4j.client.model.InstanceState;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.ProjectPut;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.client.model.StorageVolumePut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The Java snippets of the project's README.md, each kept as close to the README's text as the
 * throw-away daemon allows, run against it to show that they compile and do what the README says.
 *
 * <p>What differs from the README, and why: the image is the test daemon's {@code busybox} (the
 * README launches {@code debian/12}, which needs an image server); instance and project names are
 * unique so that tests can share the daemon ({@code web1} becomes a variable of that name); the
 * client is pointed at the test daemon's socket and certificates instead of the default socket and
 * the files of the README. The snippets' own {@code block()} calls are left unbounded as in the
 * README; the class's {@link Timeout} bounds them, and every wait the test adds is bounded.
 */
@IncusIntegrationTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReadmeExamplesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    /** README, "Using the client": the first example, from the server's version to the running list. */
    @Test
    void theFirstExamplePrintsTheVersionLaunchesAnInstanceAndListsItAsRunning(IncusDaemon daemon) {
        String web1 = Transport.uniqueName("web1");
        Server server;
        Operation created;
        List<Instance> running;
        try (CapturedOutput output = CapturedOutput.start()) {
            try {
                // README: IncusClient.builder().build(), which finds the local socket as the incus
                // command line does; the test daemon's socket is not where that looks.
                try (IncusClient incus = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
                    server = incus.server().get().block();
                    System.out.println(server.environment().serverVersion());

                    created = incus.instances()
                            .create(InstancesPost.builder(web1).image("busybox").start(true).build())
                            .flatMap(operation -> operation.await(Duration.ofMinutes(2)))   // throws IncusOperationException with the daemon's text on failure
                            .block();

                    running = incus.instances()
                            .list(ListOptions.filter(Filter.eq("status", "Running")))
                            .block();
                }
            } finally {
                delete(daemon, web1);
            }

            assertThat(server.environment().serverVersion()).isNotBlank().isEqualTo(daemon.version());
            assertThat(output.text()).contains(daemon.version() + System.lineSeparator());
            assertThat(created.isSuccess()).isTrue();
            assertThat(created.resources().get("instances")).contains("/1.0/instances/" + web1);
            assertThat(running).filteredOn(instance -> instance.name().equals(web1)).singleElement()
                    .satisfies(instance -> {
                        assertThat(instance.status()).isEqualTo("Running");
                        assertThat(instance.isRunning()).isTrue();
                    });
            assertThat(running).allSatisfy(instance -> assertThat(instance.status()).isEqualTo("Running"));
        }
    }

    /** README, "Using the client": the reactive caller starts an instance and reads its state. */
    @Test
    void theReactiveExampleStartsTheInstanceAndThenReadsItsState(IncusDaemon daemon) {
        String web1 = Transport.uniqueName("web1");
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon)) {
            incus.instances().create(InstancesPost.builder(web1).image(daemon.imageAlias()).build())
                    .flatMap(operation -> operation.await(WAIT)).block(WAIT);
            try {
                assertThat(incus.instances().get(web1).block(WAIT).status()).isEqualTo("Stopped");

                Mono<InstanceState> state = incus.instances().start(web1)
                        .flatMap(operation -> operation.await(Duration.ofSeconds(30)))
                        .then(incus.instances().state(web1));

                assertThat(state.block(WAIT).status()).isEqualTo("Running");
                assertThat(incus.instances().get(web1).block(WAIT).isRunning()).isTrue();
            } finally {
                RunningContainer.adopt(incus, web1).close();
            }
        }
    }

    /** README, "Using the client": HTTPS with a client certificate and the server certificate pinned, in a project. */
    @Test
    void theRemoteExampleTalksHttpsWithMutualTlsInTheProject(IncusDaemon daemon) {
        String web = Transport.uniqueName("web");
        try (IncusClient admin = Transport.UNIX_SOCKET.client(daemon)) {
            admin.projects().create(web, ProjectPut.empty()).block(WAIT);
            try {
                // README: "https://incus.example.net:8443", client.crt, client.key, servercerts/incus.crt, "web".
                IncusClient remote = IncusClient.builder()
                        .url(daemon.httpsUrl().toString())
                        .clientCertificate(daemon.trustedClient().certificate(), daemon.trustedClient().privateKey())   // or clientKeyStore(...)
                        .serverCertificate(daemon.serverCertificate())              // or certificateAuthorities(...)
                        .project(web)
                        .build();

                try (remote) {
                    Server server = remote.server().get().block(WAIT);
                    assertThat(server.isTrusted()).isTrue();
                    assertThat(server.authUserMethod()).isEqualTo("tls");
                    assertThat(remote.currentProject()).isEqualTo(web);
                    assertThat(remote.instances().list().block(WAIT)).isEmpty();
                }
            } finally {
                admin.projects().delete(web).block(WAIT);
            }
        }
    }

    /** README, "Using the client": read-modify-write with ETags, and a stale ETag refused. */
    @Test
    void theEtagExampleAppliesTheUpdateAndAStaleEtagIsRefused(IncusDaemon daemon) {
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(incus, daemon, "web1")) {
            String web1 = container.name();

            ETagged<Instance> read = incus.instances().getWithEtag(web1).block();
            incus.instances().update(web1, read.value().toPut().withConfig("limits.cpu", "2"), read.etag())
                    .flatMap(operation -> operation.await(Duration.ofSeconds(30)))
                    .block();

            assertThat(read.etag()).isNotBlank();
            assertThat(incus.instances().get(web1).block(WAIT).config()).containsEntry("limits.cpu", "2");
            // "a concurrent change makes the update fail with IncusPreconditionFailedException"
            assertThatThrownBy(() -> incus.instances()
                    .update(web1, read.value().toPut().withConfig("limits.cpu", "1"), read.etag())
                    .flatMap(operation -> operation.await(Duration.ofSeconds(30)))
                    .block(WAIT))
                    .isInstanceOf(IncusPreconditionFailedException.class);
            assertThat(incus.instances().get(web1).block(WAIT).config()).containsEntry("limits.cpu", "2");
        }
    }

    /** README, the guide at the end: a command with input, environment and a deadline, output captured. */
    @Test
    void theExecGuideCapturesTheOutputOfACommandWithInput(IncusDaemon daemon) {
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(incus, daemon, "web1");
                CapturedOutput output = CapturedOutput.start()) {
            String web1 = container.name();

            // Run a command and capture its output (a non-zero exit code is not an error).
            ExecResult result = incus.instances().exec(web1).run(ExecRequest.builder("sh", "-c", "cat; id -u")
                    .stdin("hello\n".getBytes(UTF_8)).environment("LANG", "C").timeout(Duration.ofSeconds(30)).build()).block();
            System.out.println(result.exitCode() + " " + result.stdoutText());

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdoutText()).isEqualTo("hello\n0\n");
            assertThat(result.stderr()).isEmpty();
            assertThat(output.text()).contains("0 hello\n0\n");
        }
    }

    /** README, "Endpoint coverage": a volume's snapshots reached through its pool and volume. */
    @Test
    void theNavigationExampleSnapshotsAVolumeReachedThroughItsPool(IncusDaemon daemon) {
        String data = Transport.uniqueName("data");
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon);
                CapturedOutput output = CapturedOutput.start()) {
            // /1.0/storage-pools/default/volumes/custom/data/snapshots
            StorageVolumesApi volumes = incus.storagePools().volumes("default");
            volumes.create(data, "filesystem", StorageVolumePut.empty()).flatMap(op -> op.await(Duration.ofMinutes(1))).block();
            StorageVolumeSnapshotsApi snapshots = volumes.snapshots(StorageVolumesApi.CUSTOM, data);
            snapshots.create("before-upgrade", null).flatMap(op -> op.await(Duration.ofMinutes(1))).block();
            System.out.println(snapshots.listNames().block());                  // [before-upgrade]

            assertThat(output.text()).isEqualTo("[before-upgrade]\n");
            CustomVolumes.delete(volumes, data);
        }
    }

    /** README, the guide at the end: output streamed as it comes. */
    @Test
    void theExecGuideStreamsPingsOutputAsItComes(IncusDaemon daemon) {
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(incus, daemon, "web1");
                CapturedOutput output = CapturedOutput.start()) {
            String web1 = container.name();
            // A Debian image's init brings the loopback interface up; BusyBox's init here does not.
            ExecResult loopbackUp = incus.instances().exec(web1).run(ExecRequest.of("ip", "link", "set", "lo", "up")).block(WAIT);
            assertThat(loopbackUp.exitCode()).as(loopbackUp.stderrText()).isZero();

            // Stream output as it comes.
            Disposable streaming = incus.instances().exec(web1).stream(ExecRequest.of("ping", "-c", "3", "127.0.0.1"))
                    .subscribe(event -> { if (event instanceof ExecEvent.Stdout out) System.out.write(out.bytes(), 0, out.bytes().length); });

            try {
                assertThat(waitFor(() -> output.text().contains("3 packets transmitted, 3 packets received")))
                        .as("ping's summary on standard output; it printed: %s", output.text()).isTrue();
                assertThat(output.text()).contains("PING 127.0.0.1", "bytes from 127.0.0.1");
            } finally {
                streaming.dispose();
            }
        }
    }

    /** README, the guide at the end: standard input written on the session, then closed. */
    @Test
    void theExecGuideWritesStandardInputOnTheSession(IncusDaemon daemon) {
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(incus, daemon, "web1");
                CapturedOutput output = CapturedOutput.start()) {
            String web1 = container.name();

            // Write standard input as you go, then close it.
            ExecSession sort = incus.instances().exec(web1).start(ExecRequest.of("sort")).block();
            sort.output().subscribe(event -> { if (event instanceof ExecEvent.Stdout out) System.out.print(out.text()); });
            sort.send("pear\n").then(sort.send("apple\n")).then(sort.closeStdin()).block();     // prints apple, pear

            assertThat(waitFor(() -> output.text().contains("apple\npear\n")))
                    .as("sort's output; it printed: %s", output.text()).isTrue();
            assertThat(sort.operation().await(WAIT).block(WAIT).metadata()).containsEntry("return", 0);
        }
    }

    /** README, the guide at the end: files uploaded and downloaded through local paths. */
    @Test
    void theFilesGuideUploadsWithTheModeAndDownloadsToAPath(IncusDaemon daemon) throws IOException {
        byte[] content = new byte[300 * 1024 + 7];
        new Random(7).nextBytes(content);
        Path dataBin = Files.write(temp.resolve("data.bin"), content);
        Path hostname = temp.resolve("hostname");
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(incus, daemon, "web1")) {
            String web1 = container.name();

            // Move files without loading them into memory.
            incus.instances().files(web1).upload("/root/data.bin", dataBin, FileWriteOptions.defaults().withMode(0640)).block();
            incus.instances().files(web1).download("/etc/hostname", hostname).block();

            InstanceFileInfo uploaded = incus.instances().files(web1).stat("/root/data.bin").block(WAIT);
            assertThat(uploaded.mode()).isEqualTo(0640);
            assertThat(uploaded.size()).isEqualTo(content.length);
            Path back = temp.resolve("data.bin.back");
            incus.instances().files(web1).download("/root/data.bin", back).block(WAIT);
            assertThat(Files.readAllBytes(back)).isEqualTo(content);
            String catHostname = incus.instances().exec(web1).run(ExecRequest.of("cat", "/etc/hostname")).block(WAIT)
                    .stdoutText();
            assertThat(catHostname).isNotEmpty();
            assertThat(Files.readString(hostname)).isEqualTo(catHostname);
        }
    }

    /** README, the guide at the end: lifecycle events printed as they happen. */
    @Test
    void theEventsGuidePrintsLifecycleEventsAsTheyHappen(IncusDaemon daemon) {
        try (IncusClient incus = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(incus, daemon, "web1");
                CapturedOutput output = CapturedOutput.start()) {
            String web1 = container.name();

            // Watch what happens.
            Disposable watching = incus.events().stream(EventFilter.types(EventFilter.LIFECYCLE))
                    .ofType(LifecycleEvent.class)
                    .subscribe(event -> System.out.println(event.action() + " " + event.source()));

            try {
                // Events that happen before the daemon has accepted the listener are not received, and
                // subscribe() does not say when that is: act until one is printed, a bounded number of times.
                String expected = "instance-exec /1.0/instances/" + web1;
                boolean printed = false;
                for (int attempt = 0; attempt < 20 && !printed; attempt++) {
                    incus.instances().exec(web1).run(ExecRequest.of("true")).block(WAIT);
                    printed = waitFor(() -> output.text().contains(expected), Duration.ofSeconds(2));
                }
                assertThat(printed).as("'%s' printed; the output was: %s", expected, output.text()).isTrue();
            } finally {
                watching.dispose();
            }
        }
    }

    private static void delete(IncusDaemon daemon, String instance) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            RunningContainer.adopt(client, instance).close();
        }
    }

    private static boolean waitFor(BooleanSupplier condition) {
        return waitFor(condition, WAIT);
    }

    private static boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * What the README's snippets print to {@code System.out}, kept while they run: standard output
     * goes on to the real one as well. Closing it puts the real one back.
     */
    private static final class CapturedOutput implements AutoCloseable {

        private final PrintStream original;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        private CapturedOutput(PrintStream original) {
            this.original = original;
        }

        static CapturedOutput start() {
            CapturedOutput output = new CapturedOutput(System.out);
            OutputStream tee = new OutputStream() {
                @Override
                public void write(int b) {
                    output.original.write(b);
                    output.captured.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    output.original.write(bytes, offset, length);
                    output.captured.write(bytes, offset, length);
                }

                @Override
                public void flush() {
                    output.original.flush();
                }
            };
            System.setOut(new PrintStream(tee, true, UTF_8));
            return output;
        }

        String text() {
            return captured.toString(UTF_8);
        }

        @Override
        public void close() {
            System.setOut(original);
        }
    }
}
