package io.github.incus4j.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds processes that belong to one daemon directory after the daemon itself is gone.
 *
 * <p>Each running container has an {@code [lxc monitor] <dir>/containers <name>} process that
 * incusd forks off and that outlives a SIGKILL of incusd, together with the container's own
 * processes below it. They are recognised by the daemon directory in their command line or by
 * {@code INCUS_DIR=<dir>} in their environment, both unique to one daemon object, so processes of
 * any other Incus on the host are never touched.
 */
final class LeftoverProcesses {

    private static final Path PROC = Path.of("/proc");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration CGROUP_RELEASE = Duration.ofSeconds(2);

    private LeftoverProcesses() {
    }

    static List<ProcessHandle> of(Path directory) {
        String inCommandLine = directory + "/";
        byte[] inEnvironment = ("INCUS_DIR=" + directory).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                String commandLine = new String(readOrEmpty(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
                if (commandLine.contains(inCommandLine)
                        || containsEntry(readOrEmpty(entry.resolve("environ")), inEnvironment)) {
                    ProcessHandle.of(pid).filter(process -> isRunning(process.pid())).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            System.err.println("[incus-test] cannot list processes in /proc: " + e.getMessage());
        }
        return found;
    }

    /**
     * SIGKILLs each process after its descendants (the container's processes), waits briefly, and
     * removes the LXC cgroup directories they were in (see {@link Cgroups}).
     */
    static void kill(List<ProcessHandle> processes, Duration timeout) {
        List<ProcessHandle> targets = new ArrayList<>();
        for (ProcessHandle process : processes) {
            process.descendants().forEach(targets::add);
            targets.add(process);
        }
        // Read before the kill: a dead process's /proc entry no longer says where it was.
        List<Cgroups.Hierarchy> hierarchies = Cgroups.hierarchies();
        Set<Path> cgroups = new LinkedHashSet<>();
        targets.forEach(process -> cgroups.addAll(Cgroups.ofProcess(process.pid(), hierarchies)));
        targets.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (targets.stream().anyMatch(process -> isRunning(process.pid())) && System.nanoTime() < deadline) {
            Sleeper.pause(POLL);
        }
        targets.stream().filter(process -> isRunning(process.pid())).forEach(process ->
                System.err.println("[incus-test] process " + process.pid() + " did not exit after SIGKILL"));
        Cgroups.remove(cgroups, CGROUP_RELEASE).forEach(problem ->
                System.err.println("[incus-test] cannot remove the cgroup " + problem));
    }

    /**
     * Whether the process exists and is not a zombie. These processes are not our children, so
     * their exit status goes to init; until init collects it (which can take a while in minimal
     * containers) {@link ProcessHandle#isAlive()} still says {@code true}.
     */
    static boolean isRunning(long pid) {
        byte[] stat = readOrEmpty(PROC.resolve(Long.toString(pid)).resolve("stat"));
        String text = new String(stat, StandardCharsets.US_ASCII);
        // Format: "pid (command) S ...", where the command may itself contain parentheses.
        int end = text.lastIndexOf(')');
        if (end < 0 || end + 2 >= text.length()) {
            return false;
        }
        char state = text.charAt(end + 2);
        return state != 'Z' && state != 'X';
    }

    /** Tells whether a NUL-separated environment block has exactly the entry {@code wanted}. */
    static boolean containsEntry(byte[] environment, byte[] wanted) {
        int start = 0;
        for (int i = 0; i <= environment.length; i++) {
            if (i == environment.length || environment[i] == 0) {
                if (i - start == wanted.length && regionEquals(environment, start, wanted)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean regionEquals(byte[] haystack, int offset, byte[] needle) {
        for (int i = 0; i < needle.length; i++) {
            if (haystack[offset + i] != needle[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readOrEmpty(Path file) {
        // Processes come and go while /proc is read; a vanished one simply does not match.
        return Optional.ofNullable(tryRead(file)).orElse(new byte[0]);
    }

    private static byte[] tryRead(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
