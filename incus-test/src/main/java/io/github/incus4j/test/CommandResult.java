package io.github.incus4j.test;

import java.util.Objects;

/**
 * What a finished command printed and how it exited.
 *
 * @param exitCode the process exit code; {@code 0} means success
 * @param stdout   everything the command wrote to standard output, decoded as UTF-8
 * @param stderr   everything the command wrote to standard error, decoded as UTF-8
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

    /**
     * Checks that both outputs are present.
     *
     * @param exitCode the process exit code
     * @param stdout   the standard output, never {@code null}
     * @param stderr   the standard error, never {@code null}
     */
    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * Tells whether the command exited with code {@code 0}.
     *
     * @return {@code true} when the exit code is {@code 0}
     */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
