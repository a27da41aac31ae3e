package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.FileWriteOptions;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceFilesApi;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.InstanceFileInfo;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/** Files in a real container, over both transports; every test has its own container. */
@IncusIntegrationTest
class FilesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPushedFileKeepsItsContentModeAndOwner(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "push")) {
            InstanceFilesApi files = client.instances().files(container.name());
            byte[] content = new byte[70_000];
            new Random(7).nextBytes(content);
            Instant before = Instant.now().minusSeconds(5);

            files.write("/tmp/data.bin", content,
                    FileWriteOptions.defaults().withOwner(1000, 1000).withMode(0640)).block(WAIT);

            assertThat(files.read("/tmp/data.bin").block(WAIT)).isEqualTo(content);
            InstanceFileInfo info = files.stat("/tmp/data.bin").block(WAIT);
            assertThat(info.isFile()).isTrue();
            assertThat(info.mode()).isEqualTo(0640);
            assertThat(info.modeText()).isEqualTo("0640");
            assertThat(info.uid()).isEqualTo(1000);
            assertThat(info.gid()).isEqualTo(1000);
            assertThat(info.size()).isEqualTo(content.length);
            assertThat(info.modified()).isNotNull().isAfter(before);
            String ls = client.instances().exec(container.name()).run(ExecRequest.of("stat", "-c", "%a %u %g %s",
                    "/tmp/data.bin")).block(WAIT).stdoutText();
            assertThat(ls).isEqualTo("640 1000 1000 70000\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void directoriesSymlinksAndAppending(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "dirs")) {
            String name = container.name();
            InstanceFilesApi files = client.instances().files(name);
            files.createDirectory("/tmp/dir", FileWriteOptions.defaults().withMode(0750)).block(WAIT);
            files.write("/tmp/dir/a.txt", bytes("first\n"), FileWriteOptions.defaults()).block(WAIT);
            files.write("/tmp/dir/a.txt", bytes("second\n"), FileWriteOptions.defaults().appending())
                    .block(WAIT);
            files.write("/tmp/dir/b.txt", bytes("b"), FileWriteOptions.defaults()).block(WAIT);
            files.createSymlink("/tmp/dir/link", "/tmp/dir/a.txt", FileWriteOptions.defaults())
                    .block(WAIT);

            assertThat(files.list("/tmp/dir").block(WAIT))
                    .containsExactlyInAnyOrder("a.txt", "b.txt", "link");
            assertThat(text(files.read("/tmp/dir/a.txt").block(WAIT))).isEqualTo("first\nsecond\n");
            InstanceFileInfo directory = files.stat("/tmp/dir").block(WAIT);
            assertThat(directory.isDirectory()).isTrue();
            assertThat(directory.mode()).isEqualTo(0750);
            assertThat(directory.size()).isEqualTo(-1);
            InstanceFileInfo link = files.stat("/tmp/dir/link").block(WAIT);
            assertThat(link.isSymlink()).isTrue();
            assertThat(text(files.read("/tmp/dir/link").block(WAIT))).isEqualTo("/tmp/dir/a.txt");
            assertThat(client.instances().exec(name).run(ExecRequest.of("cat", "/tmp/dir/link")).block(WAIT).stdoutText())
                    .isEqualTo("first\nsecond\n");

            assertThatThrownBy(() -> files.read("/tmp/dir").block(WAIT))
                    .isInstanceOf(IncusException.class).hasMessageContaining("/tmp/dir", "is a directory");
            assertThatThrownBy(() -> files.list("/tmp/dir/b.txt").block(WAIT))
                    .isInstanceOf(IncusException.class).hasMessageContaining("is a file, not a directory");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void errorsAboutAPathNameThePathAndTheInstanceAndKeepTheirType(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "fileerr")) {
            String name = container.name();
            InstanceFilesApi files = client.instances().files(name);
            String endpoint = "/1.0/instances/" + name + "/files failed with HTTP ";

            assertThatThrownBy(() -> files.read("/nope").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class)
                    .hasMessage("Reading /nope in instance '" + name + "' failed: it does not exist (GET " + endpoint
                            + "404: Not Found)");
            assertThatThrownBy(() -> files.stat("/nope").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class)
                    .hasMessageStartingWith("Reading the information of /nope in instance '" + name
                            + "' failed: not found (the path, or instance '" + name + "' itself)");
            assertThatThrownBy(() -> files.write("/no-such-dir/file", bytes("x")).block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class)
                    .hasMessageStartingWith("Writing /no-such-dir/file in instance '" + name
                            + "' failed: not found (does its parent directory exist?)");
            assertThatThrownBy(() -> files.read("/etc/hostname/below").block(WAIT))
                    .isInstanceOfSatisfying(IncusApiException.class, e -> assertThat(e.status()).isEqualTo(500))
                    .hasMessageStartingWith("Reading /etc/hostname/below in instance '" + name
                            + "' failed: not a directory (GET " + endpoint + "500: sftp: ");
            assertThatThrownBy(() -> files.write("/etc", bytes("x")).block(WAIT))
                    .hasMessageStartingWith("Writing /etc in instance '" + name + "' failed: is a directory");
            assertThatThrownBy(() -> files.delete("/etc").block(WAIT))
                    .hasMessageStartingWith("Deleting /etc in instance '" + name + "' failed: directory not empty");
            // A path the daemon may not write is its own 403 "Forbidden": not a question of the client's certificate.
            assertThatThrownBy(() -> files.write("/sys/x", bytes("x")).block(WAIT))
                    .isInstanceOf(IncusForbiddenException.class)
                    .hasMessageStartingWith("Writing /sys/x in instance '" + name + "' failed: permission denied")
                    .hasMessageNotContaining("certificate");
            // Errors about the instance itself already name it and stay as they are.
            assertThatThrownBy(() -> client.instances().files("no-such-instance").read("/etc/hostname").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class)
                    .hasMessageContaining("Failed to fetch instance \"no-such-instance\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTreeIsDeletedRecursivelyWithoutFollowingLinks(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "rmtree")) {
            String name = container.name();
            InstanceFilesApi files = client.instances().files(name);
            FileWriteOptions defaults = FileWriteOptions.defaults();
            files.createDirectory("/tmp/tree", defaults).block(WAIT);
            files.createDirectory("/tmp/tree/sub", defaults).block(WAIT);
            files.createDirectory("/tmp/tree/sub/deeper", defaults).block(WAIT);
            files.write("/tmp/tree/sub/deeper/file", bytes("x"), defaults).block(WAIT);
            files.write("/tmp/tree/top", bytes("y"), defaults).block(WAIT);
            files.createSymlink("/tmp/tree/etc-link", "/etc", defaults).block(WAIT);

            assertThatThrownBy(() -> files.delete("/tmp/tree").block(WAIT))
                    .isInstanceOf(IncusApiException.class).hasMessageContaining("directory not empty");
            files.deleteRecursively("/tmp/tree").block(WAIT);

            assertThatThrownBy(() -> files.stat("/tmp/tree").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);
            assertThat(files.stat("/etc/passwd").block(WAIT).isFile()).isTrue();
            files.write("/tmp/single", bytes("z"), defaults).block(WAIT);
            files.delete("/tmp/single").block(WAIT);
            assertThatThrownBy(() -> files.read("/tmp/single").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);
            assertThatThrownBy(() -> files.deleteRecursively("/tmp/..").block(WAIT))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamedUploadAndAStreamedReadAgree(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "stream")) {
            InstanceFilesApi files = client.instances().files(container.name());
            DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
            Flux<DataBuffer> chunks = Flux.range(0, 300).map(i -> buffers.wrap(("chunk " + i + "\n")
                    .getBytes(StandardCharsets.UTF_8)));

            files.write("/tmp/chunks", chunks, FileWriteOptions.defaults()).block(WAIT);
            String read = DataBufferUtils.join(files.readStream("/tmp/chunks"))
                    .map(joined -> {
                        String text = joined.toString(StandardCharsets.UTF_8);
                        DataBufferUtils.release(joined);
                        return text;
                    }).block(WAIT);

            assertThat(read).startsWith("chunk 0\nchunk 1\n").endsWith("chunk 299\n").hasLineCount(300);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a100MebibyteFileMovesBothWaysWithoutBeingHeldInMemory(Transport transport, IncusDaemon daemon,
            @TempDir Path local) throws Exception {
        long size = 100L * 1024 * 1024;
        Path source = local.resolve("source.bin");
        Path copy = local.resolve("copy.bin");
        String sha256 = writeRandomFile(source, size);
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "big")) {
            InstanceFilesApi files = client.instances().files(container.name());
            MemoryPoolMXBean oldGeneration = oldGeneration();
            System.gc();
            long baseline = oldGeneration.getUsage().getUsed();
            oldGeneration.resetPeakUsage();

            long started = System.nanoTime();
            files.upload("/tmp/big.bin", source, FileWriteOptions.defaults()).block(WAIT);
            long uploaded = System.nanoTime();
            InstanceFileInfo info = files.download("/tmp/big.bin", copy).block(WAIT);
            long downloaded = System.nanoTime();
            long peakGrowth = oldGeneration.getPeakUsage().getUsed() - baseline;

            assertThat(info.size()).isEqualTo(size);
            assertThat(Files.size(copy)).isEqualTo(size);
            assertThat(sha256(copy)).isEqualTo(sha256);
            assertThat(client.instances().exec(container.name()).run(ExecRequest.of("sha256sum", "/tmp/big.bin")).block(WAIT)
                    .stdoutText()).startsWith(sha256);
            System.out.printf("[files] 100 MiB over %s: upload %d ms, download %d ms, old-generation peak growth "
                    + "%d MiB%n", transport, TimeUnit.NANOSECONDS.toMillis(uploaded - started),
                    TimeUnit.NANOSECONDS.toMillis(downloaded - uploaded), peakGrowth / (1024 * 1024));
            assertThat(peakGrowth).as("old generation growth while moving 100 MiB").isLessThan(32L * 1024 * 1024);
        }
    }

    private static MemoryPoolMXBean oldGeneration() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(pool -> pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
                .findFirst().orElseThrow(() -> new AssertionError("no old generation memory pool in "
                        + pools.stream().map(MemoryPoolMXBean::getName).toList()));
    }

    private static String writeRandomFile(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(100);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                digest.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
