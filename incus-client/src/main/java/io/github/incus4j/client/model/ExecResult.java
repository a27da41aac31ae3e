package io.github.incus4j.client.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The outcome of a command run to its end with its output captured.
 *
 * @param exitCode the exit status: 0 for success, 127 when the command was not found, 128 + n
 *     when a signal n killed it
 * @param stdout everything the command wrote to standard output (on a terminal: all its output)
 * @param stderr everything it wrote to standard error (empty on a terminal)
 */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {

    /**
     * Tells whether the command succeeded.
     *
     * @return {@code true} for exit status 0
     */
    public boolean isSuccess() {
        return exitCode == 0;
    }

    /**
     * Decodes standard output as UTF-8.
     *
     * @return the text
     */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Decodes standard error as UTF-8.
     *
     * @return the text
     */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExecResult that && exitCode == that.exitCode && Arrays.equals(stdout, that.stdout)
                && Arrays.equals(stderr, that.stderr);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * exitCode + Arrays.hashCode(stdout)) + Arrays.hashCode(stderr);
    }

    @Override
    public String toString() {
        return "ExecResult[exitCode=" + exitCode + ", stdout=" + stdout.length + " bytes, stderr=" + stderr.length
                + " bytes]";
    }
}
