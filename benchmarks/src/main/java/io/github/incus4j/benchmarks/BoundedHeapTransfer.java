package io.github.incus4j.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceFilesApi;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * B9h's program: pushes a file into a container and pulls it back with the client, in a JVM whose
 * heap the harness limits ({@code -Xmx32m}). Finishing at all shows the client never needed more
 * live heap than that, whatever the file's size; it also prints the most heap in use after any
 * collection during the transfers (the live heap at that moment, garbage gone) and checks the
 * pulled file is the pushed one byte for byte.
 *
 * <pre>
 * BoundedHeapTransfer unix SOCKET INSTANCE REMOTE-PATH SOURCE PULLED
 * BoundedHeapTransfer https URL CLIENT-CRT CLIENT-KEY SERVER-CRT INSTANCE REMOTE-PATH SOURCE PULLED
 * </pre>
 */
public final class BoundedHeapTransfer {

    private static final Duration WAIT = Duration.ofMinutes(10);

    private BoundedHeapTransfer() {
    }

    /**
     * Entry point; prints {@code BOUNDED <push MiB/s> <pull MiB/s> <most heap after a collection> <max heap>
     * <most direct memory>}.
     *
     * @param args see the class description
     * @throws Exception if a transfer fails or the file comes back different
     */
    public static void main(String[] args) throws Exception {
        boolean unix = args[0].equals("unix");
        int rest = unix ? 2 : 5;
        String instance = args[rest];
        String remotePath = args[rest + 1];
        Path source = Path.of(args[rest + 2]);
        Path pulled = Path.of(args[rest + 3]);
        AtomicLong mostAfterCollection = watchCollections();
        AtomicLong mostDirect = watchDirectMemory();
        try (IncusClient client = unix ? IncusClient.builder().unixSocket(Path.of(args[1])).build()
                : IncusClient.builder().url(args[1]).clientCertificate(Path.of(args[2]), Path.of(args[3]))
                        .serverCertificate(Path.of(args[4])).build()) {
            InstanceFilesApi files = client.instances().files(instance);
            long size = Files.size(source);
            long started = System.nanoTime();
            files.upload(remotePath, source).block(WAIT);
            double push = size / ((System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            files.download(remotePath, pulled).block(WAIT);
            double pull = size / ((System.nanoTime() - started) / 1e9);
            long differsAt = Files.mismatch(source, pulled);
            if (differsAt >= 0) {
                throw new IllegalStateException("the pulled file differs from the pushed one at byte " + differsAt);
            }
            System.out.printf(Locale.ROOT, "BOUNDED %.1f %.1f %d %d %d%n", push / (1 << 20), pull / (1 << 20),
                    mostAfterCollection.get(), Runtime.getRuntime().maxMemory(), mostDirect.get());
        }
    }

    /**
     * Samples the JDK's direct buffers in use (Netty's pooled memory among them) every few
     * milliseconds; with {@code -Xmx32m} and no {@code -XX:MaxDirectMemorySize} their limit is 32 MiB too.
     */
    private static AtomicLong watchDirectMemory() {
        AtomicLong most = new AtomicLong();
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        Thread sampler = new Thread(() -> {
            while (true) {
                most.accumulateAndGet(direct.getMemoryUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }, "direct-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return most;
    }

    /** Keeps the largest heap in use after any collection of any collector of this JVM (heap pools only). */
    private static AtomicLong watchCollections() {
        AtomicLong most = new AtomicLong();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
                most.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return most;
    }
}
