package io.github.incus4j.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code incusd} as a child of this JVM, with its output appended to a log file.
 *
 * <p>The daemon is started in a session of its own (through {@code setsid}, which execs in place,
 * so the child's pid is incusd's). Otherwise a Ctrl-C in the terminal running the build would
 * reach incusd directly, and incusd exits on SIGINT without stopping its containers; with its own
 * session the JVM's shutdown hook decides how it stops.
 */
final class DaemonProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;

    private DaemonProcess(Process process) {
        this.process = process;
    }

    static DaemonProcess start(Path incusd, Path directory, Path logFile) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(incusd.toString());
        command.add("--group");
        command.add("root");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // Variables such as INCUS_SOCKET in the caller's environment must not redirect this daemon.
        builder.environment().keySet().removeIf(name -> name.startsWith("INCUS_"));
        builder.environment().put("INCUS_DIR", directory.toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new DaemonProcess(process);
        } catch (IOException e) {
            throw new IncusDaemonException("Cannot start " + CommandRunner.display(command) + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or a description of the state if it is still running. */
    String exitDescription() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to end; {@code true} if it has. */
    boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Sends SIGKILL and waits (bounded) until the kernel has reaped the process. */
    boolean kill(Duration timeout) {
        process.destroyForcibly();
        return waitForExit(timeout);
    }
}
