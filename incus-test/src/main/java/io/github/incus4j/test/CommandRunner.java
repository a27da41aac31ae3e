package io.github.incus4j.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a short-lived command to completion within a time limit and captures its output.
 *
 * <p>Output goes to temporary files rather than pipes: a pipe needs reader threads, and a process
 * that leaves a grandchild behind holding the pipe open would block those readers forever. Files
 * are read once the process has exited (or been killed) and then deleted.
 */
final class CommandRunner {

    private final Path outputDirectory;
    private final Predicate<String> dropInherited;

    /**
     * @param outputDirectory an existing directory for the short-lived output files
     */
    CommandRunner(Path outputDirectory) {
        this(outputDirectory, name -> false);
    }

    /**
     * @param outputDirectory an existing directory for the short-lived output files
     * @param dropInherited   names of inherited environment variables to remove before the command's
     *                        own variables are added
     */
    CommandRunner(Path outputDirectory, Predicate<String> dropInherited) {
        this.outputDirectory = outputDirectory;
        this.dropInherited = dropInherited;
    }

    /**
     * Runs {@code command} with the inherited environment (minus the dropped variables) plus
     * {@code environment}, with nothing on its standard input.
     *
     * @throws IncusDaemonException if the command cannot be started or does not finish in time
     *                              (it is then killed, with its children)
     */
    CommandResult run(List<String> command, Map<String, String> environment, Duration timeout) {
        return run(command, environment, timeout, null);
    }

    /**
     * Like {@link #run(List, Map, Duration)}, with the contents of {@code input} on the command's
     * standard input (for example a preseed for {@code incus admin init --preseed}); {@code null}
     * gives it nothing.
     */
    CommandResult run(List<String> command, Map<String, String> environment, Duration timeout, Path input) {
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile(outputDirectory, "cmd-", ".out");
            stderr = Files.createTempFile(outputDirectory, "cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(dropInherited);
            builder.environment().putAll(environment);
            if (input != null) {
                builder.redirectInput(input.toFile());
            }
            Process process = start(builder, command);
            // Nothing is ever typed into these commands; an open stdin could make one wait for input.
            process.getOutputStream().close();
            boolean finished = waitFor(process, timeout);
            if (!finished) {
                killWithChildren(process);
                throw new IncusDaemonException("`" + display(command) + "` did not finish within "
                        + timeout.toSeconds() + " s and was killed. Output so far:\n" + read(stdout) + read(stderr));
            }
            return new CommandResult(process.exitValue(), read(stdout), read(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run `" + display(command) + "`", e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    static String display(List<String> command) {
        return String.join(" ", command);
    }

    private static Process start(ProcessBuilder builder, List<String> command) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IncusDaemonException("Cannot start `" + display(command) + "`: " + e.getMessage(), e);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killWithChildren(process);
            throw new IncusDaemonException("Interrupted while waiting for a command; it was killed", e);
        }
    }

    private static void killWithChildren(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("[incus-test] cannot delete " + file + ": " + e.getMessage());
        }
    }
}
