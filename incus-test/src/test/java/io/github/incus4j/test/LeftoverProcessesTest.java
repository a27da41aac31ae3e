package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {

    @TempDir
    Path directory;

    @Test
    void environmentEntriesMatchExactly() {
        byte[] environment = "PATH=/bin\0INCUS_DIR=/tmp/incus-test-12\0HOME=/root\0".getBytes(StandardCharsets.UTF_8);

        assertThat(LeftoverProcesses.containsEntry(environment, bytes("INCUS_DIR=/tmp/incus-test-12"))).isTrue();
        assertThat(LeftoverProcesses.containsEntry(environment, bytes("INCUS_DIR=/tmp/incus-test-1"))).isFalse();
        assertThat(LeftoverProcesses.containsEntry(environment, bytes("HOME=/root"))).isTrue();
        assertThat(LeftoverProcesses.containsEntry(new byte[0], bytes("HOME=/root"))).isFalse();
    }

    @Test
    void findsAndKillsProcessesThatNameTheDirectory() throws Exception {
        Path daemonDirectory = directory.resolve("daemon");
        // A stand-in for an "[lxc monitor] <dir>/containers c1" process: the directory is in its command line.
        // The shell keeps the directory in its command line (as $0) and has a child, like a monitor has.
        Process process = new ProcessBuilder("sh", "-c", "sleep 60; true", daemonDirectory + "/containers").start();
        try {
            List<ProcessHandle> found = findSoon(daemonDirectory);
            // The shell's child may still carry the shell's command line for a moment between fork
            // and exec: it names the directory too, and is as much a leftover as its parent.
            assertThat(found).extracting(ProcessHandle::pid).contains(process.pid());
            assertThat(found).allMatch(handle -> handle.pid() == process.pid()
                    || handle.parent().map(parent -> parent.pid() == process.pid()).orElse(false));
            assertThat(LeftoverProcesses.of(directory.resolve("other"))).isEmpty();

            List<ProcessHandle> children = childrenSoon(process);

            LeftoverProcesses.kill(found, Duration.ofSeconds(10));

            assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(children).isNotEmpty().noneMatch(child -> LeftoverProcesses.isRunning(child.pid()));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void thisJvmIsRunningAndANonexistentPidIsNot() {
        assertThat(LeftoverProcesses.isRunning(ProcessHandle.current().pid())).isTrue();
        assertThat(LeftoverProcesses.isRunning(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void findsProcessesByTheirIncusDirVariable() throws Exception {
        Path daemonDirectory = directory.resolve("daemon");
        ProcessBuilder builder = new ProcessBuilder("sleep", "60");
        builder.environment().putAll(Map.of("INCUS_DIR", daemonDirectory.toString()));
        Process process = builder.start();
        try {
            assertThat(findSoon(daemonDirectory)).extracting(ProcessHandle::pid).containsExactly(process.pid());
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** The shell forks its child some time after start() returns; poll briefly. */
    private static List<ProcessHandle> childrenSoon(Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> children = process.children().toList();
        while (children.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            children = process.children().toList();
        }
        return children;
    }

    /** Right after start() the child may still be Java's spawn helper, not yet the program; poll briefly. */
    private static List<ProcessHandle> findSoon(Path daemonDirectory) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> found = LeftoverProcesses.of(daemonDirectory);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = LeftoverProcesses.of(daemonDirectory);
        }
        return found;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
