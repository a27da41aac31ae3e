package io.github.incus4j.test.oidc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the {@code incus} command line with a configuration directory of its own ({@code INCUS_CONF})
 * and a {@code BROWSER}, no input and no TTY, killed (with whatever it started) after a timeout.
 */
final class IncusCli {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Result(int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path configDirectory;
    private final Path browser;
    private final Path outputDirectory;
    private final AtomicInteger runs = new AtomicInteger();

    IncusCli(Path configDirectory, Path browser, Path outputDirectory) {
        this.configDirectory = configDirectory;
        this.browser = browser;
        this.outputDirectory = outputDirectory;
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("incus"));
        command.addAll(List.of(args));
        int run = runs.incrementAndGet();
        Path stdout = outputDirectory.resolve("cli-" + run + ".out");
        Path stderr = outputDirectory.resolve("cli-" + run + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("INCUS_"));
        environment.put("INCUS_CONF", configDirectory.toString());
        environment.put("BROWSER", browser.toString());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("`incus " + String.join(" ", args) + "` did not finish within "
                    + TIMEOUT.toSeconds() + " s; output so far:\n" + read(stdout) + read(stderr));
        }
        return new Result(process.exitValue(), read(stdout), read(stderr));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
