package io.github.incus4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.exception.IncusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/** How uploads read local files: in order, bounded, and failing rather than waiting when memory runs out. */
class UploadReadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void aFileIsReadWholeInBuffersOfTheChunkSize() throws Exception {
        byte[] content = new byte[10_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = Files.write(directory.resolve("content.bin"), content);

        List<Integer> sizes = new ArrayList<>();
        byte[] read = DataBufferUtils.join(Downloads.read(file, DefaultDataBufferFactory.sharedInstance, 4096)
                        .doOnNext(buffer -> sizes.add(buffer.readableByteCount())))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                }).block(WAIT);

        assertThat(read).isEqualTo(content);
        assertThat(sizes).containsExactly(4096, 4096, 1808);
    }

    @Test
    void noMemoryForABufferEndsTheBodyWithAnErrorThatSaysWhatToDo() throws Exception {
        Path file = Files.write(directory.resolve("big.bin"), new byte[64 * 1024]);
        AtomicInteger allocations = new AtomicInteger();
        DefaultDataBufferFactory exhausted = new DefaultDataBufferFactory() {
            @Override
            public org.springframework.core.io.buffer.DefaultDataBuffer allocateBuffer(int initialCapacity) {
                if (allocations.incrementAndGet() > 2) {
                    throw new OutOfMemoryError("Cannot reserve 4194304 bytes of direct buffer memory");
                }
                return super.allocateBuffer(initialCapacity);
            }
        };
        List<DataBuffer> delivered = new ArrayList<>();

        assertThatThrownBy(() -> Downloads.read(file, exhausted, 4096).doOnNext(delivered::add).blockLast(WAIT))
                .isInstanceOf(IncusException.class)
                .hasMessageContaining("cannot read " + file + " for the upload")
                .hasMessageContaining("-XX:MaxDirectMemorySize")
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(delivered).as("the buffers read before the failure").hasSize(2);
    }

    @Test
    void aFileThatCannotBeOpenedFailsTheBody() {
        Path missing = directory.resolve("missing.bin");

        assertThatThrownBy(() -> Downloads.read(missing).blockLast(WAIT))
                .hasRootCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
