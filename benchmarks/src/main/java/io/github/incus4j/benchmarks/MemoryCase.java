package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** B7: heap held by an idle client, and heap and file descriptors as requests pile up. */
final class MemoryCase {

    private final IncusDaemon daemon;
    private final Settings settings;

    MemoryCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    Result idleClientHeap() throws Exception {
        int clients = settings.smoke() ? 3 : 50;
        // One client first, so that shared classes and Reactor Netty's event loops are not counted.
        try (IncusClient first = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            first.server().get().block();
            long before = usedHeapAfterGc();
            List<IncusClient> idle = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build();
                client.server().get().block();
                idle.add(client);
            }
            long after = usedHeapAfterGc();
            double perClient = (after - before) / (double) clients;
            idle.forEach(IncusClient::close);
            return new Result("B7a", "heap held by one idle client (after one call, its connection pooled), mean of "
                    + clients, Report.bytes(perClient), "-", "-", "< 2 MiB", perClient < 2 * 1024 * 1024);
        }
    }

    Result growth() throws Exception {
        int small = settings.smoke() ? 200 : 1_000;
        int large = settings.smoke() ? 2_000 : 100_000;
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            requests(client, small);
            long heapSmall = usedHeapAfterGc();
            long fdsSmall = openFileDescriptors();
            requests(client, large - small);
            long heapLarge = usedHeapAfterGc();
            long fdsLarge = openFileDescriptors();
            long heapGrowth = heapLarge - heapSmall;
            boolean met = heapGrowth < 1024 * 1024 && fdsLarge <= fdsSmall + 2;
            return new Result("B7b", "heap and open fds after " + large + " requests vs after " + small,
                    Report.bytes(heapLarge) + ", " + fdsLarge + " fds", Report.bytes(heapSmall) + ", " + fdsSmall
                            + " fds", "+" + Report.bytes(heapGrowth) + ", " + (fdsLarge - fdsSmall) + " fds",
                    "no growth beyond noise (< 1 MiB, <= 2 fds)", met);
        }
    }

    private static void requests(IncusClient client, int count) {
        for (int i = 0; i < count; i++) {
            client.server().get().block();
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static long openFileDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
