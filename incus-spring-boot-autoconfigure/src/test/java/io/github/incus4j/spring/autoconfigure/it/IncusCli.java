package io.github.incus4j.spring.autoconfigure.it;

import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code incus} command line with a configuration directory of the test's own, as
 * a user of the command line would have made it.
 */
final class IncusCli {

    private static final long TIMEOUT_SECONDS = 60;

    private IncusCli() {
    }

    /**
     * Adds the daemon's HTTPS address as a remote of the configuration in {@code configDir}, with a
     * trust token the daemon issues, as {@code incus remote add NAME URL --token TOKEN} does.
     *
     * @param daemon the daemon
     * @param configDir the configuration directory ({@code INCUS_CONF}); created by the command
     * @param remote the remote's name
     */
    static void remoteAdd(IncusDaemon daemon, Path configDir, String remote) {
        String clientName = remote + "-" + System.nanoTime();
        List<String> lines = daemon.incusOrFail("config", "trust", "add", clientName).strip().lines().toList();
        String token = lines.get(lines.size() - 1).strip();
        run(configDir, "remote", "add", remote, daemon.httpsUrl().toString(), "--token", token,
                "--accept-certificate");
    }

    /**
     * Runs {@code incus} with {@code INCUS_CONF=configDir}, no other {@code INCUS_*} variable and a
     * private {@code HOME}.
     *
     * @param configDir the configuration directory
     * @param args the arguments after {@code incus}
     * @return standard output
     */
    static String run(Path configDir, String... args) {
        return run(configDir, Map.of(), args);
    }

    /**
     * Runs {@code incus} as {@link #run(Path, String...)} does, with more environment variables,
     * such as {@code BROWSER} for an OpenID Connect sign-in.
     *
     * @param configDir the configuration directory
     * @param variables further environment variables
     * @param args the arguments after {@code incus}
     * @return standard output
     */
    static String run(Path configDir, Map<String, String> variables, String... args) {
        try {
            Path home = Files.createDirectories(configDir.resolveSibling(configDir.getFileName() + "-home"));
            Path output = Files.createTempFile(home, "incus", ".out");
            List<String> command = new java.util.ArrayList<>(List.of("incus"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            "/dev/null")));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("INCUS_"));
            environment.put("INCUS_CONF", configDir.toString());
            environment.put("HOME", home.toString());
            environment.putAll(variables);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("incus " + String.join(" ", args) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("incus " + args[0] + " " + args[1] + " failed with exit code "
                        + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run incus", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
