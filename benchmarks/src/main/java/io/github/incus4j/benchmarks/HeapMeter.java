package io.github.incus4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * What a piece of work costs in heap, two ways, each for its purpose:
 *
 * <ul>
 *   <li><b>allocated</b>: the bytes every thread of this JVM allocated on the heap while the work
 *       ran (the JVM's per-thread counters, so it does not depend on when the collector runs). It
 *       is an upper bound of what the work can have held at any moment: nothing it held can have
 *       been allocated outside it.</li>
 *   <li><b>peak</b>: the most heap in use, sampled every millisecond or so, above what was in use
 *       after a full collection just before. It includes garbage not yet collected, so it is the
 *       heap a user would have to leave room for.</li>
 * </ul>
 *
 * <p>Work running on other threads of the JVM at the same time is counted too, so the harness
 * measures one thing at a time.
 */
final class HeapMeter implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long baseline;
    private final long directBaseline = directInUse();
    private volatile long directPeak = directBaseline;
    private final long allocatedBefore;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    private HeapMeter(long baseline) {
        this.baseline = baseline;
        this.peak = baseline;
        this.allocatedBefore = allocatedByAllThreads();
        this.sampler = new Thread(this::sample, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects garbage, then starts measuring. */
    static HeapMeter start() throws InterruptedException {
        return new HeapMeter(MemoryCase.usedHeapAfterGc());
    }

    /** Starts measuring above a baseline taken earlier (after a collection). */
    static HeapMeter startAt(long baseline) {
        return new HeapMeter(baseline);
    }

    private void sample() {
        while (running) {
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used > peak) {
                peak = used;
            }
            long direct = directInUse();
            if (direct > directPeak) {
                directPeak = direct;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /** Stops sampling. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
        allocated = allocatedByAllThreads() - allocatedBefore;
        long used = MEMORY.getHeapMemoryUsage().getUsed();
        if (used > peak) {
            peak = used;
        }
    }

    private long allocated = -1;

    /** The peak heap in use above the baseline, in bytes. */
    long peakAboveBaseline() {
        return Math.max(0, peak - baseline);
    }

    /** The peak of off-heap (direct) memory in use above what was in use at the start, in bytes. */
    long directPeakAboveBaseline() {
        return Math.max(0, directPeak - directBaseline);
    }

    /**
     * Off-heap memory in use: the larger of the JDK's count of direct buffers and Netty's count of
     * its own direct allocations (measured here, the JDK's count includes Netty's, so they are not
     * added).
     */
    static long directInUse() {
        long jdk = 0;
        for (java.lang.management.BufferPoolMXBean pool
                : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                jdk = pool.getMemoryUsed();
            }
        }
        long netty = io.netty.util.internal.PlatformDependent.usedDirectMemory();
        return Math.max(jdk, netty);
    }

    /** The bytes allocated on the heap by all threads while measuring (after {@link #close()}). */
    long allocated() {
        return allocated;
    }

    /** What every live thread has allocated so far; threads that ended are not counted. */
    static long allocatedByAllThreads() {
        long[] ids = THREADS.getAllThreadIds();
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(ids)) {
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }
}
