package io.github.incus4j.client.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/** Counts what a test must not leak, read from /proc as an operator would. */
final class ProcessResources {

    private ProcessResources() {
    }

    /** Open file descriptors of this JVM. */
    static int openFileDescriptors() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return (int) descriptors.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/fd", e);
        }
    }

    /** Live threads of this JVM. */
    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * Connected Unix sockets whose address is the given path, from /proc/net/unix. The daemon's
     * accepted connections carry the socket's path, so this is the number of open connections to
     * the daemon through that socket.
     */
    static int connectionsTo(Path socket) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
            String path = socket.toString();
            int connected = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // Num RefCount Protocol Flags Type St Inode Path; St 03 = connected.
                if (fields.length >= 8 && fields[5].equals("03") && fields[7].equals(path)) {
                    connected++;
                }
            }
            return connected;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/net/unix", e);
        }
    }

    /**
     * Waits, boundedly, until a count falls to at most a level, and returns the last count.
     */
    static int settle(IntSupplier count, int level, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int current = count.getAsInt();
        while (current > level && System.nanoTime() < deadline) {
            Thread.sleep(100);
            System.gc();
            current = count.getAsInt();
        }
        return current;
    }
}
