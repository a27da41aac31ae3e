package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.FileWriteOptions;
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
            byte[] content = new byte[70_000];
            new Random(7).nextBytes(content);
            Instant before = Instant.now().minusSeconds(5);

            client.instances().files(container.name()).write("/tmp/data.bin", content,
                    FileWriteOptions.defaults().withOwner(1000, 1000).withMode(0640)).block(WAIT);

            assertThat(client.instances().files(container.name()).read("/tmp/data.bin").block(WAIT)).isEqualTo(content);
            InstanceFileInfo info = client.instances().files(container.name()).stat("/tmp/data.bin").block(WAIT);
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
            client.instances().files(name).createDirectory("/tmp/dir", FileWriteOptions.defaults().withMode(0750)).block(WAIT);
            client.instances().files(name).write("/tmp/dir/a.txt", bytes("first\n"), FileWriteOptions.defaults()).block(WAIT);
            client.instances().files(name).write("/tmp/dir/a.txt", bytes("second\n"), FileWriteOptions.defaults().appending())
                    .block(WAIT);
            client.instances().files(name).write("/tmp/dir/b.txt", bytes("b"), FileWriteOptions.defaults()).block(WAIT);
            client.instances().files(name).createSymlink("/tmp/dir/link", "/tmp/dir/a.txt", FileWriteOptions.defaults())
                    .block(WAIT);

            assertThat(client.instances().files(name).list("/tmp/dir").block(WAIT))
                    .containsExactlyInAnyOrder("a.txt", "b.txt", "link");
            assertThat(text(client.instances().files(name).read("/tmp/dir/a.txt").block(WAIT))).isEqualTo("first\nsecond\n");
            InstanceFileInfo directory = client.instances().files(name).stat("/tmp/dir").block(WAIT);
            assertThat(directory.isDirectory()).isTrue();
            assertThat(directory.mode()).isEqualTo(0750);
            assertThat(directory.size()).isEqualTo(-1);
            InstanceFileInfo link = client.instances().files(name).stat("/tmp/dir/link").block(WAIT);
            assertThat(link.isSymlink()).isTrue();
            assertThat(text(client.instances().files(name).read("/tmp/dir/link").block(WAIT))).isEqualTo("/tmp/dir/a.txt");
            assertThat(client.instances().exec(name).run(ExecRequest.of("cat", "/tmp/dir/link")).block(WAIT).stdoutText())
                    .isEqualTo("first\nsecond\n");

            assertThatThrownBy(() -> client.instances().files(name).read("/tmp/dir").block(WAIT))
                    .isInstanceOf(IncusException.class).hasMessageContaining("/tmp/dir", "is a directory");
            assertThatThrownBy(() -> client.instances().files(name).list("/tmp/dir/b.txt").block(WAIT))
                    .isInstanceOf(IncusException.class).hasMessageContaining("is a file, not a directory");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTreeIsDeletedRecursivelyWithoutFollowingLinks(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "rmtree")) {
            String name = container.name();
            FileWriteOptions defaults = FileWriteOptions.defaults();
            client.instances().files(name).createDirectory("/tmp/tree", defaults).block(WAIT);
            client.instances().files(name).createDirectory("/tmp/tree/sub", defaults).block(WAIT);
            client.instances().files(name).createDirectory("/tmp/tree/sub/deeper", defaults).block(WAIT);
            client.instances().files(name).write("/tmp/tree/sub/deeper/file", bytes("x"), defaults).block(WAIT);
            client.instances().files(name).write("/tmp/tree/top", bytes("y"), defaults).block(WAIT);
            client.instances().files(name).createSymlink("/tmp/tree/etc-link", "/etc", defaults).block(WAIT);

            assertThatThrownBy(() -> client.instances().files(name).delete("/tmp/tree").block(WAIT))
                    .isInstanceOf(IncusException.class);
            client.instances().files(name).deleteRecursively("/tmp/tree").block(WAIT);

            assertThatThrownBy(() -> client.instances().files(name).stat("/tmp/tree").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);
            assertThat(client.instances().files(name).stat("/etc/passwd").block(WAIT).isFile()).isTrue();
            client.instances().files(name).write("/tmp/single", bytes("z"), defaults).block(WAIT);
            client.instances().files(name).delete("/tmp/single").block(WAIT);
            assertThatThrownBy(() -> client.instances().files(name).read("/tmp/single").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);
            assertThatThrownBy(() -> client.instances().files(name).deleteRecursively("/tmp/..").block(WAIT))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamedUploadAndAStreamedReadAgree(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "stream")) {
            DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
            Flux<DataBuffer> chunks = Flux.range(0, 300).map(i -> buffers.wrap(("chunk " + i + "\n")
                    .getBytes(StandardCharsets.UTF_8)));

            client.instances().files(container.name()).write("/tmp/chunks", chunks, FileWriteOptions.defaults()).block(WAIT);
            String read = DataBufferUtils.join(client.instances().files(container.name()).readStream("/tmp/chunks"))
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
            MemoryPoolMXBean oldGeneration = oldGeneration();
            System.gc();
            long baseline = oldGeneration.getUsage().getUsed();
            oldGeneration.resetPeakUsage();

            long started = System.nanoTime();
            client.instances().files(container.name()).upload("/tmp/big.bin", source, FileWriteOptions.defaults()).block(WAIT);
            long uploaded = System.nanoTime();
            InstanceFileInfo info = client.instances().files(container.name()).download("/tmp/big.bin", copy).block(WAIT);
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
