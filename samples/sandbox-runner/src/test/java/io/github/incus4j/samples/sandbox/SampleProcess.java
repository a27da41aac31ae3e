package io.github.incus4j.samples.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample's jar started with {@code java -jar} in a JVM of its own, as a user starts it, on a
 * port of its choosing; closing it stops it the way a service manager does (SIGTERM, then SIGKILL
 * if it does not end).
 */
final class SampleProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");
    private static final String STARTED = "Started SandboxRunnerApplication in";

    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private volatile int port;

    private SampleProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the jar and waits until the application says it has started.
     *
     * @param jar the sample's executable jar
     * @param jvmOptions options for the JVM, such as {@code -Dspring.aot.enabled=true}
     * @param arguments application arguments, such as {@code --incus.socket-path=...}
     * @param timeout how long to wait for the start
     * @return the running sample
     */
    static SampleProcess start(Path jar, List<String> jvmOptions, List<String> arguments, Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: the sample's jar is made in the package phase");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=0", "--sandbox.local-daemon-fallback=false"));
        command.addAll(arguments);
        SampleProcess sample;
        try {
            sample = new SampleProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        }
        Thread reader = new Thread(sample::readOutput, "sample-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            sample.started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            sample.close();
            throw new AssertionError("The sample did not start within " + timeout + " (" + e + "); its output:\n"
                    + sample.log(), e);
        }
        return sample;
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.append(line).append('\n');
                Matcher matcher = PORT.matcher(line);
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                }
                if (line.contains(STARTED) && port > 0) {
                    started.complete(port);
                }
            }
        } catch (IOException e) {
            log.append("[reading the output failed: ").append(e).append("]\n");
        }
        started.completeExceptionally(new IllegalStateException("the process ended"));
    }

    /** The line in which Spring Boot says how long the start took. */
    String startedLine() {
        return log().lines().filter(line -> line.contains(STARTED)).findFirst().orElse("");
    }

    /** The base URL of the running sample. */
    String url() {
        return "http://localhost:" + port;
    }

    /** Everything the sample has written so far, standard error included. */
    String log() {
        return log.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
