package io.github.incus4j.samples.sandbox;

/**
 * The outcome of a run.
 *
 * @param instance the throw-away container the command ran in (deleted by now)
 * @param location the cluster member the container ran on ({@code none} on a standalone daemon)
 * @param exitCode the command's exit code
 * @param stdout its standard output, as UTF-8 text
 * @param stderr its standard error, as UTF-8 text
 * @param durationMs the whole run, container creation and deletion included
 */
public record RunResult(String instance, String location, int exitCode, String stdout, String stderr,
        long durationMs) {
}
