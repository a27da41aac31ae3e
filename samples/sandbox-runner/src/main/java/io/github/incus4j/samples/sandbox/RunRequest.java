package io.github.incus4j.samples.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * What to run: {@code {"image": "busybox", "command": ["echo", "hi"], "env": {...}, "stdin": "...",
 * "timeoutSeconds": 30}}.
 *
 * @param image an image alias or fingerprint; the configured default image when omitted
 * @param command the command and its arguments, run without a shell
 * @param env environment variables
 * @param stdin text given to the command's standard input
 * @param timeoutSeconds how long the command may run
 */
public record RunRequest(
        String image,
        @NotEmpty(message = "must name a command to run, such as [\"echo\", \"hi\"]") List<@NotNull String> command,
        Map<String, String> env,
        String stdin,
        @Min(value = 1, message = "must be at least 1 second") @Max(value = 3600, message = "must be at most 3600 seconds")
        Integer timeoutSeconds) {

    /** Normalises missing fields. */
    public RunRequest {
        env = env == null ? Map.of() : Map.copyOf(env);
        stdin = stdin == null ? "" : stdin;
    }
}
