package io.github.incus4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link InstanceExecApi#run} hands back is every byte the frames carried, in order, in one exact array. */
class OutputCaptureTest {

    @Test
    void framesOfAnySizeBecomeOneExactArrayInOrder() {
        byte[] expected = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(expected);
        OutputCapture capture = new OutputCapture("standard output");
        int at = 0;
        // Sizes that cross the segments' boundaries (16 KiB, then growing) in every way.
        int[] sizes = {1, 4095, 16 * 1024, 16 * 1024 + 1, 100_000, 65_536, 7, 1_000_000};
        for (int i = 0; at < expected.length; i++) {
            int length = Math.min(sizes[i % sizes.length], expected.length - at);
            capture.append(Unpooled.wrappedBuffer(expected, at, length));
            at += length;
        }

        assertThat(capture.toByteArray()).hasSize(expected.length).isEqualTo(expected);
        capture.release();
    }

    @Test
    void onlyTheReadableBytesOfAFrameAreTakenAndTheFrameIsLeftAsItWas() {
        ByteBuf frame = Unpooled.copiedBuffer(new byte[] {1, 2, 3, 4, 5});
        frame.readerIndex(2);
        OutputCapture capture = new OutputCapture("standard output");

        capture.append(frame);
        capture.append(Unpooled.EMPTY_BUFFER);

        assertThat(capture.toByteArray()).containsExactly(3, 4, 5);
        assertThat(frame.readerIndex()).isEqualTo(2);
        assertThat(frame.refCnt()).isEqualTo(1);
        capture.release();
    }

    @Test
    void whatCameSoFarCanBeReadAtAnyTimeAndNothingIsCapturedAfterRelease() {
        OutputCapture capture = new OutputCapture("standard error");
        capture.append(Unpooled.copiedBuffer(new byte[] {'a'}));
        assertThat(capture.toByteArray()).containsExactly('a');

        capture.append(Unpooled.copiedBuffer(new byte[] {'b'}));
        capture.release();
        capture.append(Unpooled.copiedBuffer(new byte[] {'c'}));
        capture.release();

        assertThat(capture.toByteArray()).isEmpty();
    }

    @Test
    void theOffHeapMemoryIsFreedOnRelease() {
        long before = PlatformDependent.usedDirectMemory();
        OutputCapture capture = new OutputCapture("standard output");
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 160; i++) {
            capture.append(Unpooled.wrappedBuffer(chunk));
        }
        assertThat(capture.toByteArray()).hasSize(160 * chunk.length);

        capture.release();

        // Netty counts what it allocates without the JDK's cleaner (-1 where it does not).
        assertThat(PlatformDependent.usedDirectMemory()).isEqualTo(before);
    }
}
