package io.github.incus4j.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.UpgradedConnection;
import io.github.incus4j.client.exception.IncusConflictException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.InstancePortForwardPost;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

/**
 * Raw upgrades against a small daemon stand-in on a real Unix socket: the bytes of the request,
 * the switch to the new protocol, every way the daemon can refuse or fail to answer, cancelling
 * and closing, and transfers larger than what the client may buffer.
 */
@Timeout(60)
class RawUpgradeTest {

    private static final String EXTENSIONS = "{\"type\":\"sync\",\"status_code\":200,\"metadata\":{\"api_version\":"
            + "\"1.0\",\"auth\":\"trusted\",\"api_extensions\":[\"instance_port_forward\",\"instance_nbd\","
            + "\"custom_volume_sftp\",\"storage_volume_nbd\"]}}";

    private Path directory;
    private ServerSocketChannel server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Function<String, String> upgradeAnswer;
    /** What the stand-in does once it switched protocols; by default it echoes one 5-byte line. */
    private volatile Upgraded afterUpgrade = RawUpgradeTest::echoOneLine;
    private volatile boolean answerOnlyAfterTheCallerGaveUp;
    private final CountDownLatch upgradeReceived = new CountDownLatch(1);
    private final CountDownLatch callerGaveUp = new CountDownLatch(1);
    private final CountDownLatch upgradedPeerClosed = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        directory = Files.createTempDirectory("incus4j-upgrade");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(directory.resolve("unix.socket")));
        Thread acceptor = new Thread(this::accept, "upgrade-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        Files.deleteIfExists(directory.resolve("unix.socket"));
        Files.deleteIfExists(directory);
    }

    private IncusClient client() {
        return IncusClient.builder().unixSocket(directory.resolve("unix.socket")).project("p1")
                .connectTimeout(Duration.ofSeconds(1)).responseTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void aPortForwardSendsItsTargetAsksForTcpAndThenCarriesRawBytes() throws IOException {
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
        try (IncusClient client = client();
                UpgradedConnection tcp = client.instances().connections("c 1")
                        .portForward(new InstancePortForwardPost("127.0.0.1", 8080)).block()) {
            tcp.output().write("ping\n".getBytes(StandardCharsets.UTF_8));

            assertThat(new String(tcp.input().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("echo:");
            assertThat(new String(tcp.input().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("ping\n");
        }
        String upgrade = requests.get(requests.size() - 1);
        assertThat(upgrade).startsWith("POST /1.0/instances/c%201/port-forward?project=p1 HTTP/1.1\r\n")
                .contains("Connection: Upgrade\r\n", "Upgrade: tcp\r\n", "Content-Type: application/json\r\n")
                .endsWith("\r\n\r\n{\"address\":\"127.0.0.1\",\"port\":8080}");
    }

    @Test
    void nbdAndVolumeConnectionsAskForTheirProtocolOnTheirPaths() {
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: "
                + (head.contains("/sftp") ? "sftp" : "nbd") + "\r\n\r\n";
        afterUpgrade = (input, output) -> input.read();
        try (IncusClient client = client()) {
            try (UpgradedConnection nbd = client.instances().connections("vm 1").nbd(true).block()) {
                assertThat(nbd.protocol()).isEqualTo("nbd");
            }
            try (UpgradedConnection sftp = client.storagePools().volumes("pool1").connections("custom", "v1").sftp().block()) {
                assertThat(sftp.protocol()).isEqualTo("sftp");
            }
            try (UpgradedConnection nbd = client.storagePools().volumes("pool1").connections("custom", "v2").nbd(true)
                    .block()) {
                assertThat(nbd.protocol()).isEqualTo("nbd");
            }
        }
        List<String> upgrades = requests.stream().filter(request -> request.contains("Upgrade:")).toList();
        assertThat(upgrades).hasSize(3);
        assertThat(upgrades.get(0)).startsWith("GET /1.0/instances/vm%201/nbd?reuse=1&project=p1 HTTP/1.1\r\n")
                .contains("Upgrade: nbd\r\n");
        assertThat(upgrades.get(1)).startsWith("GET /1.0/storage-pools/pool1/volumes/custom/v1/sftp?project=p1 HTTP/1.1\r\n")
                .contains("Upgrade: sftp\r\n");
        assertThat(upgrades.get(2))
                .startsWith("GET /1.0/storage-pools/pool1/volumes/custom/v2/nbd?writable=1&project=p1 HTTP/1.1\r\n")
                .contains("Upgrade: nbd\r\n");
    }

    @Test
    void aRefusalIsTheDaemonsErrorAndTheClientKeepsWorking() {
        String error = "{\"type\":\"error\",\"error\":\"Instance is busy\",\"error_code\":409,\"metadata\":null}";
        upgradeAnswer = head -> "HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nContent-Length: "
                + error.length() + "\r\n\r\n" + error;
        try (IncusClient client = client()) {
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block())
                    .isInstanceOfSatisfying(IncusConflictException.class,
                            e -> assertThat(e.serverMessage()).isEqualTo("Instance is busy"));

            assertThat(client.server().get().block().auth()).isEqualTo("trusted");
        }
    }

    @Test
    void aChunkedHtmlAnswerIsAProtocolError() {
        upgradeAnswer = head -> "HTTP/1.1 502 Bad Gateway\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "7\r\n<html>b\r\n0\r\n\r\n";
        try (IncusClient client = client()) {
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block())
                    .isInstanceOf(IncusProtocolException.class)
                    .hasMessageContaining("502")
                    .hasMessageContaining("<html>b");
        }
    }

    @Test
    void aDaemonThatNeverAnswersTheUpgradeHitsTheResponseTimeout() {
        upgradeAnswer = head -> null;
        try (IncusClient client = client()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class,
                            e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aDaemonThatHangsUpBeforeAnsweringClosedTheConnection() {
        upgradeAnswer = head -> "";
        try (IncusClient client = client()) {
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class,
                            e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_CLOSED))
                    .hasMessageContaining("GET /1.0/instances/c1/sftp: the connection");
        }
    }

    @Test
    void aMissingSocketIsReportedAsForEveryRequest() {
        try (IncusClient client = IncusClient.builder().unixSocket(directory.resolve("nothing-here.socket")).build()) {
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.SOCKET_NOT_FOUND);
                        assertThat(e.getMessage()).contains("nothing-here.socket", "INCUS_SOCKET");
                    });
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void anUpgradeToAnotherProtocolIsRefused() {
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";
        try (IncusClient client = client()) {
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block())
                    .isInstanceOf(IncusProtocolException.class)
                    .hasMessageContaining("101");
        }
    }

    @Test
    void anAnswerThatDoesNotSwitchIsAProtocolErrorNamingTheProtocol() {
        upgradeAnswer = head -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
        try (IncusClient client = client()) {
            assertThatThrownBy(() -> client.instances().connections("c1").sftp().block())
                    .isInstanceOf(IncusProtocolException.class)
                    .hasMessageContaining("did not switch to sftp")
                    .hasMessageContaining("HTTP 200");
        }
    }

    @Test
    void aCallerThatGivesUpWhileTheDaemonIsAnsweringClosesTheConnection() throws InterruptedException {
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: sftp\r\n\r\n";
        answerOnlyAfterTheCallerGaveUp = true;
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try (IncusClient client = client()) {
            Disposable opening = client.instances().connections("c1").sftp().subscribe();
            assertThat(upgradeReceived.await(10, TimeUnit.SECONDS)).as("the upgrade request arrives").isTrue();

            opening.dispose();
            callerGaveUp.countDown();

            assertThat(upgradedPeerClosed.await(10, TimeUnit.SECONDS)).as("the daemon's side sees the close").isTrue();
            // The worker thread ends its open just after the close: give a dropped error time to show.
            for (int check = 0; check < 10 && dropped.isEmpty(); check++) {
                Thread.sleep(50);
            }
            assertThat(dropped).as("a cancelled open is not logged as a dropped error").isEmpty();
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    @Test
    void bytesThatArriveWithTheAnswerHeadAreTheFirstOfTheNewProtocol() throws IOException {
        // One write: the 101 head and the new protocol's greeting reach the client together, so
        // the greeting sits in the HTTP codec's buffer when the codec is taken out.
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: sftp\r\n\r\n"
                + "HELLO";
        afterUpgrade = RawUpgradeTest::echoOneLine;
        try (IncusClient client = client();
                UpgradedConnection sftp = client.instances().connections("c1").sftp().block()) {
            assertThat(new String(sftp.input().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("HELLO");
            sftp.output().write("ping\n".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(sftp.input().readNBytes(10), StandardCharsets.UTF_8)).isEqualTo("echo:ping\n");
        }
    }

    @Test
    void aSlowReaderHoldsTheDaemonBackInsteadOfFillingTheHeap() throws Exception {
        long size = 32L << 20;
        AtomicLong sent = new AtomicLong();
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: sftp\r\n\r\n";
        afterUpgrade = (input, output) -> {
            byte[] chunk = new byte[64 * 1024];
            for (long position = 0; position < size; position += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = patternAt(position + i);
                }
                output.write(chunk);
                sent.addAndGet(chunk.length);
            }
            input.read();
        };
        try (IncusClient client = client();
                UpgradedConnection sftp = client.instances().connections("c1").sftp().block()) {
            Thread.sleep(1000);

            // What the client holds (at most ChannelInput.LIMIT and one socket read) plus what the
            // two ends of the Unix socket hold: far less than the 32 MiB the daemon has to send.
            System.out.printf("[upgrade] a reader that read nothing for 1 s let the daemon send %d bytes, "
                    + "%d of them waiting in the client%n", sent.get(), sftp.input().available());
            assertThat(sent.get()).as("bytes the daemon could send to a reader that reads nothing")
                    .isLessThan(2L << 20);
            assertThat(sftp.input().available()).isLessThanOrEqualTo(ChannelInput.LIMIT + 64 * 1024);

            byte[] buffer = new byte[50_000];
            long position = 0;
            while (position < size) {
                int read = sftp.input().read(buffer);
                assertThat(read).as("bytes read at %d", position).isPositive();
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != patternAt(position + i)) {
                        throw new AssertionError("byte " + (position + i) + " differs");
                    }
                }
                position += read;
            }
            assertThat(position).isEqualTo(size);
        }
    }

    @Test
    void aSlowDaemonHoldsTheWriterBackAndGetsEveryByteInOrder() throws Exception {
        long size = 32L << 20;
        CountDownLatch readingStarts = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: sftp\r\n\r\n";
        afterUpgrade = (input, output) -> {
            try {
                readingStarts.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] buffer = new byte[100_000];
            long position = 0;
            for (int read = input.read(buffer); read > 0; read = input.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != patternAt(position + i)) {
                        return;
                    }
                }
                position += read;
                received.set(position);
                if (position == size) {
                    output.write("done!".getBytes(StandardCharsets.UTF_8));
                }
            }
        };
        try (IncusClient client = client();
                UpgradedConnection sftp = client.instances().connections("c1").sftp().block()) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[256 * 1024];
                try {
                    for (long position = 0; position < size; position += chunk.length) {
                        for (int i = 0; i < chunk.length; i++) {
                            chunk[i] = patternAt(position + i);
                        }
                        sftp.output().write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(1000);

            System.out.printf("[upgrade] a daemon that read nothing for 1 s let the writer write %d bytes%n",
                    written.get());
            assertThat(written.get()).as("bytes written while the daemon read nothing").isLessThan(2L << 20);
            readingStarts.countDown();
            writer.get(60, TimeUnit.SECONDS);
            // Read on this thread while the other one wrote.
            assertThat(new String(sftp.input().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("done!");
            assertThat(received).hasValue(size);
        }
    }

    @Test
    void closeWakesABlockedWriterAndStillDeliversWhatEarlierWritesAccepted() throws Exception {
        CountDownLatch closedByClient = new CountDownLatch(1);
        CompletableFuture<Long> received = new CompletableFuture<>();
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
        afterUpgrade = (input, output) -> {
            try {
                // Reads nothing until the client closed: its writes pile up, then block.
                closedByClient.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long count = 0;
            byte[] buffer = new byte[100_000];
            for (int read = input.read(buffer); read > 0; read = input.read(buffer)) {
                count += read;
            }
            received.complete(count);
        };
        try (IncusClient client = client()) {
            UpgradedConnection tcp = client.instances().connections("c1")
                    .portForward(new InstancePortForwardPost("127.0.0.1", 80)).block();
            AtomicLong accepted = new AtomicLong();
            CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) {
                        tcp.output().write(new byte[16 * 1024]);
                        accepted.addAndGet(16 * 1024);
                    }
                } catch (IOException closed) {
                    return closed;
                }
            });
            for (long before = -1; accepted.get() != before; Thread.sleep(300)) {
                before = accepted.get();
            }

            tcp.close();

            assertThat(writer.get(5, TimeUnit.SECONDS)).as("the blocked write ends").hasMessageContaining("closed");
            closedByClient.countDown();
            // Writes that returned had their bytes taken, some still in the client's buffer: they go out.
            assertThat(received.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(accepted.get());
        }
    }

    @Test
    void closingTheClientClosesItsConnectionsAndEndsABlockedRead() throws Exception {
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: sftp\r\n\r\n";
        afterUpgrade = (input, output) -> input.read();
        IncusClient client = client();
        try {
            UpgradedConnection sftp = client.instances().connections("c1").sftp().block();
            CompletableFuture<Integer> blockedRead = CompletableFuture.supplyAsync(() -> {
                try {
                    return sftp.input().read();
                } catch (IOException closed) {
                    return -2;
                }
            });

            client.close();

            assertThat(blockedRead.get(10, TimeUnit.SECONDS)).isNegative();
            assertThat(sftp.isClosed()).isTrue();
            assertThat(upgradedPeerClosed.await(10, TimeUnit.SECONDS)).as("the daemon's side sees the close").isTrue();
            assertThatThrownBy(() -> sftp.output().write(1)).isInstanceOf(IOException.class);
        } finally {
            client.close();
        }
    }

    @Test
    void theNioTransportAlsoUpgradesWithAnHttp11Request() throws IOException {
        // The path taken where the native epoll library does not load: the JDK's Unix socket
        // channel, on which Reactor Netty's HTTP client writes HTTP/3.0 for its own requests.
        upgradeAnswer = head -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: sftp\r\n\r\n";
        LoopResources nioLoops = LoopResources.create("upgrade-nio-test", 1, true);
        try {
            TcpClient nio = ReactorConnectors.unixSocketUpgrades(TcpClient.newConnection().runOn(nioLoops, false),
                    directory.resolve("unix.socket"), false, Duration.ofSeconds(1));
            UpgradeConnector connector = UpgradeConnector.unixSocket(nio, "nio-test/1");
            UpgradedChannel sftp = connector.open(new UpgradeRequest("GET", "/1.0/instances/c1/sftp?project=p1", "sftp",
                    null), Duration.ofSeconds(2)).block(Duration.ofSeconds(10));
            try {
                assertThat(sftp.channel()).isInstanceOf(NioDomainSocketChannel.class);
                sftp.output().write("ping\n".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(sftp.input().readNBytes(10), StandardCharsets.UTF_8)).isEqualTo("echo:ping\n");
            } finally {
                connector.closeAll();
            }
            assertThat(sftp.isClosed()).isTrue();
            assertThat(requests.get(requests.size() - 1))
                    .startsWith("GET /1.0/instances/c1/sftp?project=p1 HTTP/1.1\r\n")
                    .contains("User-Agent: nio-test/1\r\n", "Upgrade: sftp\r\n");
        } finally {
            nioLoops.dispose();
        }
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsSent() {
        try (IncusClient client = client()) {
            assertThatThrownBy(() -> client.instances().connections("c1").portForward(
                    new InstancePortForwardPost("127.0.0.1", 70000)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target.port");
            assertThatThrownBy(() -> client.instances().connections(" ").sftp())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("instance must not be blank");
        }
        assertThat(requests).isEmpty();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread handler = new Thread(() -> serve(connection), "upgrade-test-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers GET /1.0 with the extensions, and one upgrade request as the test says; echoes after a 101. */
    private void serve(SocketChannel connection) {
        try (connection) {
            InputStream input = Channels.newInputStream(connection);
            OutputStream output = Channels.newOutputStream(connection);
            for (int request = 0; request < 10; request++) {
                String head = readHead(input);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                String whole = head + new String(input.readNBytes(length), StandardCharsets.UTF_8);
                requests.add(whole);
                if (head.startsWith("GET /1.0?") || head.startsWith("GET /1.0 ")) {
                    output.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + EXTENSIONS.length() + "\r\n\r\n" + EXTENSIONS).getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                String answer = upgradeAnswer.apply(head);
                upgradeReceived.countDown();
                if (answerOnlyAfterTheCallerGaveUp) {
                    callerGaveUp.await(10, TimeUnit.SECONDS);
                }
                if (answer == null) {
                    input.read();
                    return;
                }
                if (answer.isEmpty()) {
                    // hangs up without an answer
                    return;
                }
                try {
                    output.write(answer.getBytes(StandardCharsets.UTF_8));
                } catch (IOException peerGone) {
                    // the client closed the connection before the answer (a cancelled open)
                    upgradedPeerClosed.countDown();
                    return;
                }
                if (answer.startsWith("HTTP/1.1 101")) {
                    try {
                        afterUpgrade.talk(input, output);
                    } catch (IOException reset) {
                        // a client that closes with unread data in its buffer resets the connection
                    }
                    upgradedPeerClosed.countDown();
                }
                return;
            }
        } catch (IOException | InterruptedException closed) {
            // the client went away
        }
    }

    /** The stand-in's side of an upgraded connection. */
    @FunctionalInterface
    private interface Upgraded {
        void talk(InputStream input, OutputStream output) throws IOException;
    }

    private static void echoOneLine(InputStream input, OutputStream output) throws IOException {
        byte[] line = input.readNBytes(5);
        if (line.length == 5) {
            output.write("echo:".getBytes(StandardCharsets.UTF_8));
            output.write(line);
            // the client closes
            input.read();
        }
    }

    /** The byte at a position of the test streams: a pattern that no shift or lost chunk keeps. */
    private static byte patternAt(long position) {
        return (byte) (position % 251);
    }

    private static String readHead(InputStream input) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int i = 0; i < 65536 && matched < 4; i++) {
            int b = input.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }
}
