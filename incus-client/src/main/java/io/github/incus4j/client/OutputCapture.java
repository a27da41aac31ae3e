package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * One output stream of a command captured whole for {@link InstanceExecApi#run}: the bytes of the
 * websocket frames are copied as they arrive into off-heap segments, and the one array the caller
 * gets is made at the end, at its exact size. So the heap holds the output once: not a copy per
 * frame, not a growing array that doubles and is then trimmed (which held about five times the
 * output at its worst, measured in docs/BENCHMARKS.md, B13). Segments grow with what has arrived
 * (16 KiB, then as large as everything so far, at most 4 MiB), so the off-heap memory in use is at
 * most the output plus one segment, and it is freed when {@link #release()} is called.
 *
 * <p>Thread-safe: frames arrive on an event loop while a deadline may read what came so far.
 */
final class OutputCapture {

    private static final int FIRST_SEGMENT = 16 * 1024;
    private static final int LARGEST_SEGMENT = 4 * 1024 * 1024;
    /** The most a Java array holds safely. */
    private static final long LIMIT = Integer.MAX_VALUE - 16;
    /** Unpooled: the memory goes back to the system when released, not into a pool that keeps it. */
    private static final ByteBufAllocator SEGMENTS = UnpooledByteBufAllocator.DEFAULT;

    private final String stream;
    private final List<ByteBuf> segments = new ArrayList<>();
    private long size;
    private boolean released;

    /**
     * @param stream the stream's name, for the message when the output is too large
     */
    OutputCapture(String stream) {
        this.stream = stream;
    }

    /**
     * Copies the readable bytes of a frame's content (which stays the caller's).
     *
     * @param content the bytes
     * @throws IncusException if the output would no longer fit in one array
     */
    synchronized void append(ByteBuf content) {
        int remaining = content.readableBytes();
        if (released || remaining == 0) {
            return;
        }
        if (size + remaining > LIMIT) {
            throw new IncusException("the " + stream + " of the command is larger than 2 GiB, more than run(...) can "
                    + "hold in one array; use stream(...) to read it as it comes");
        }
        int from = content.readerIndex();
        while (remaining > 0) {
            ByteBuf last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last == null || !last.isWritable()) {
                int capacity = (int) Math.min(LARGEST_SEGMENT, Math.max(FIRST_SEGMENT, size));
                last = SEGMENTS.directBuffer(capacity, capacity);
                segments.add(last);
            }
            int length = Math.min(remaining, last.writableBytes());
            last.writeBytes(content, from, length);
            from += length;
            remaining -= length;
            size += length;
        }
    }

    /**
     * Returns everything captured so far in one array of its exact size.
     *
     * @return the bytes
     */
    synchronized byte[] toByteArray() {
        byte[] all = new byte[(int) size];
        int at = 0;
        for (ByteBuf segment : segments) {
            int length = segment.readableBytes();
            segment.getBytes(segment.readerIndex(), all, at, length);
            at += length;
        }
        return all;
    }

    /** Frees the segments and forgets their bytes; bytes arriving afterwards are dropped. Releasing again does nothing. */
    synchronized void release() {
        released = true;
        size = 0;
        for (ByteBuf segment : segments) {
            segment.release();
        }
        segments.clear();
    }
}
