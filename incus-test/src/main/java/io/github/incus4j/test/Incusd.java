package io.github.incus4j.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code incusd} on one directory, as the standalone {@link IncusDaemon} and every member of an
 * {@link IncusCluster} have it: the directory ({@code INCUS_DIR}), the work files next to it (log,
 * private CLI configuration, command output), the {@code incus} command line bound to it, and the
 * current process. Starting, waiting until ready, graceful shutdown and SIGKILL live here; what a
 * daemon is prepared with, and when it is stopped, is up to its owner.
 */
final class Incusd {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    static final int SHUTDOWN_TIMEOUT_SECONDS = 30;
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    static final int LOG_TAIL_LINES = 40;
    private static final Duration EXIT_AFTER_SHUTDOWN = Duration.ofSeconds(5);
    private static final int SHUTDOWN_ATTEMPTS = 3;
    private static final Duration RESTART_WAIT = Duration.ofSeconds(10);

    private final Path directory;
    private final Path workDirectory;
    private final Path logFile;
    private final Map<String, String> cliEnvironment;
    private final Path incusCli;
    private final CommandRunner runner;

    private volatile DaemonProcess process;

    /**
     * @param directory     the daemon's directory, which must exist
     * @param workDirectory an existing, private directory for the log, CLI configuration and command output
     */
    Incusd(Path directory, Path workDirectory) {
        this.directory = directory;
        this.workDirectory = workDirectory;
        this.logFile = workDirectory.resolve("incusd.log");
        try {
            Path cliConfig = Files.createDirectory(workDirectory.resolve("cli-config"));
            Path commandOutput = Files.createDirectory(workDirectory.resolve("command-output"));
            this.incusCli = Prerequisites.require("incus");
            // The command line talks to this daemon only: INCUS_SOCKET, INCUS_REMOTE, INCUS_PROJECT and the
            // like from the caller's environment are dropped, and its configuration is private to this run.
            this.cliEnvironment = Map.of("INCUS_DIR", directory.toString(), "INCUS_CONF", cliConfig.toString());
            this.runner = new CommandRunner(commandOutput, name -> name.startsWith("INCUS_"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the work files of incusd in " + workDirectory, e);
        }
    }

    Path directory() {
        return directory;
    }

    Path workDirectory() {
        return workDirectory;
    }

    Path logFile() {
        return logFile;
    }

    CommandRunner runner() {
        return runner;
    }

    /** The current or last process; {@code null} before the first {@link #startProcess()}. */
    DaemonProcess process() {
        return process;
    }

    boolean isAlive() {
        DaemonProcess current = process;
        return current != null && current.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Starts incusd on {@link #directory()} and waits until its API answers. */
    void launch(Duration readyTimeout) {
        startProcess();
        awaitReady(readyTimeout);
    }

    /** Starts incusd on {@link #directory()} without waiting; see {@link #awaitReady(Duration)}. */
    void startProcess() {
        process = DaemonProcess.start(Prerequisites.INCUSD, directory, logFile);
    }

    /**
     * Waits until the daemon answers, with short {@code waitready} calls in a loop so that a daemon that
     * dies on start is noticed within a second rather than after the whole timeout.
     */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int maxAttempts = (int) timeout.toSeconds() + 1;
        String lastError = "";
        for (int attempt = 0; attempt < maxAttempts && System.nanoTime() < deadline; attempt++) {
            if (!process.isAlive()) {
                throw new IncusDaemonException("incusd exited during start (" + process.exitDescription() + ")");
            }
            CommandResult ready = incus("admin", "waitready", "--timeout", "1");
            if (ready.succeeded()) {
                return;
            }
            lastError = ready.stderr().strip();
        }
        throw new IncusDaemonException("incusd did not become ready within " + timeout.toSeconds() + " s: "
                + lastError);
    }

    /** Runs {@code incus args...} against this daemon; see {@link IncusDaemon#incus(String...)}. */
    CommandResult incus(String... args) {
        return runner.run(command(args), cliEnvironment, COMMAND_TIMEOUT);
    }

    /** Like {@link #incus(String...)}, with the file {@code input} on the command's standard input. */
    CommandResult incusWithInput(Path input, String... args) {
        return runner.run(command(args), cliEnvironment, COMMAND_TIMEOUT, input);
    }

    /** Like {@link #incus(String...)}, for commands that must succeed; returns the standard output. */
    String incusOrFail(String... args) {
        return succeeded(incus(args), args);
    }

    /** Fails with the command and its standard error unless {@code result} is a success. */
    static String succeeded(CommandResult result, String... args) {
        if (!result.succeeded()) {
            throw new IncusDaemonException("`incus " + String.join(" ", args) + "` failed with exit code "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        return result.stdout();
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(incusCli.toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Asks the daemon to stop its containers and exit ({@code incus admin shutdown}, which returns
     * before the process has exited), and waits for the process to end; kills it if that does not
     * happen in time. A daemon that is restarting itself (as one does right after it left a cluster)
     * refuses connections for a moment: then it is asked again once it answers.
     *
     * @return {@code true} if it exited by itself
     */
    boolean shutDownGracefully() {
        DaemonProcess current = process;
        for (int attempt = 1; attempt <= SHUTDOWN_ATTEMPTS && current.isAlive(); attempt++) {
            try {
                CommandResult result = runner.run(command("admin", "shutdown", "--timeout",
                        String.valueOf(SHUTDOWN_TIMEOUT_SECONDS)), cliEnvironment,
                        Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS + 5));
                if (result.succeeded() || !current.isAlive()) {
                    break;
                }
                if (attempt == SHUTDOWN_ATTEMPTS) {
                    System.err.println("[incus-test] `incus admin shutdown` failed for " + directory + ": "
                            + result.stderr().strip());
                } else {
                    awaitReady(RESTART_WAIT);
                }
            } catch (IncusDaemonException e) {
                System.err.println("[incus-test] " + e.getMessage());
                break;
            }
        }
        if (current.waitForExit(EXIT_AFTER_SHUTDOWN)) {
            return true;
        }
        current.kill(KILL_WAIT);
        return false;
    }

    /**
     * Sends SIGKILL to the daemon process, as a crash would; its containers keep running.
     *
     * @throws IncusDaemonException if the process is still there 10 seconds later
     */
    void kill() {
        DaemonProcess current = process;
        if (!current.kill(KILL_WAIT)) {
            throw new IncusDaemonException("incusd (pid " + current.pid() + ") did not exit within "
                    + KILL_WAIT.toSeconds() + " s of SIGKILL");
        }
    }

    /**
     * Starts a new incusd on the directory only to shut it down again: a daemon adopts the containers
     * a killed predecessor left running and stops them cleanly, unmounting what they mounted.
     */
    void reviveAndShutDown(Duration readyTimeout) {
        launch(readyTimeout);
        shutDownGracefully();
    }

    /** The end of the daemon's log, introduced by a header line, for error messages. */
    String logSection() {
        return "\n--- last lines of the incusd log ---\n" + LogTail.of(logFile, LOG_TAIL_LINES);
    }

    @Override
    public String toString() {
        DaemonProcess current = process;
        return "incusd in " + directory + (current == null ? "" : " (pid " + current.pid() + ")");
    }
}
