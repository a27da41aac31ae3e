package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /1.0/instances/{name}/exec}. Applications normally build an
 * {@link io.github.incus4j.client.ExecRequest} instead; this is what goes on the wire.
 *
 * @param command the program and its arguments
 * @param waitForWebsocket whether the daemon waits for the client to connect the websockets
 *     before running the command (JSON {@code wait-for-websocket})
 * @param interactive whether the command gets a pseudo-terminal
 * @param environment environment variables added to the daemon's defaults ({@code PATH},
 *     {@code HOME}, {@code LANG}, ...)
 * @param width the terminal width in columns (interactive only; 0 for the default)
 * @param height the terminal height in rows (interactive only; 0 for the default)
 * @param recordOutput whether the daemon records stdout and stderr in log files (JSON
 *     {@code record-output}; not together with {@code waitForWebsocket})
 * @param user the user id the command runs as (0: root)
 * @param group the group id the command runs as (0: root)
 * @param cwd the working directory ({@code ""}: the daemon's default)
 */
public record InstanceExecPost(
        List<String> command,
        @JsonProperty("wait-for-websocket") boolean waitForWebsocket,
        boolean interactive,
        Map<String, String> environment,
        int width,
        int height,
        @JsonProperty("record-output") boolean recordOutput,
        long user,
        long group,
        String cwd) {

    /**
     * Normalises missing fields.
     *
     * @param command the program and its arguments
     * @param waitForWebsocket whether the daemon waits for the client to connect the websockets before
     *     running the command (JSON {@code wait-for-websocket})
     * @param interactive whether the command gets a pseudo-terminal
     * @param environment environment variables added to the daemon's defaults ({@code PATH}, {@code
     *     HOME}, {@code LANG}, ...)
     * @param width the terminal width in columns (interactive only; 0 for the default)
     * @param height the terminal height in rows (interactive only; 0 for the default)
     * @param recordOutput whether the daemon records stdout and stderr in log files (JSON {@code
     *     record-output}; not together with {@code waitForWebsocket})
     * @param user the user id the command runs as (0: root)
     * @param group the group id the command runs as (0: root)
     * @param cwd the working directory ({@code ""}: the daemon's default)
     */
    public InstanceExecPost {
        command = Wire.list(command);
        environment = Wire.map(environment);
        cwd = Wire.text(cwd);
    }
}
