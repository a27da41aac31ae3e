package io.github.incus4j.client.model;

import java.util.Map;

/**
 * A message on the control websocket of a running command.
 *
 * @param command {@code signal} or {@code window-resize}
 * @param args the arguments of {@code window-resize}: {@code width} and {@code height} as text
 * @param signal the signal number for {@code signal}
 */
public record InstanceExecControl(String command, Map<String, String> args, int signal) {

    /**
     * Normalises missing fields.
     *
     * @param command {@code signal} or {@code window-resize}
     * @param args the arguments of {@code window-resize}: {@code width} and {@code height} as text
     * @param signal the signal number for {@code signal}
     */
    public InstanceExecControl {
        command = Wire.text(command);
        args = Wire.map(args);
    }

    /**
     * Sends a signal to the command.
     *
     * @param signal the signal number, such as 15 (SIGTERM) or 9 (SIGKILL)
     * @return the message
     */
    public static InstanceExecControl signal(int signal) {
        return new InstanceExecControl("signal", Map.of(), signal);
    }

    /**
     * Changes the size of the command's terminal (interactive commands only).
     *
     * @param width the width in columns
     * @param height the height in rows
     * @return the message
     */
    public static InstanceExecControl windowResize(int width, int height) {
        return new InstanceExecControl("window-resize",
                Map.of("width", Integer.toString(width), "height", Integer.toString(height)), 0);
    }
}
