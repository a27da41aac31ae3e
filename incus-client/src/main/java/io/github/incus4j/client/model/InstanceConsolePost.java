package io.github.incus4j.client.model;

/**
 * A request to attach to an instance's console ({@code POST /1.0/instances/{name}/console}).
 *
 * <p>Use {@link #text(int, int)} for the text console of a container or virtual machine and
 * {@link #vga()} for the graphical (SPICE) console of a virtual machine.
 *
 * @param width the terminal width in columns (text console)
 * @param height the terminal height in rows (text console)
 * @param type {@code console} (text) or {@code vga} (SPICE, virtual machines only)
 * @param force whether to take over the console from a session already attached (API extension
 *     {@code console_force})
 */
public record InstanceConsolePost(int width, int height, String type, boolean force) {

    /**
     * Normalises a missing type to {@code console}.
     *
     * @param width the terminal width in columns (text console)
     * @param height the terminal height in rows (text console)
     * @param type {@code console} (text) or {@code vga} (SPICE, virtual machines only)
     * @param force whether to take over the console from a session already attached (API extension
     *     {@code console_force})
     */
    public InstanceConsolePost {
        type = type == null || type.isEmpty() ? "console" : type;
    }

    /**
     * The text console with a terminal of the given size.
     *
     * @param width the width in columns, positive
     * @param height the height in rows, positive
     * @return the request
     */
    public static InstanceConsolePost text(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("terminal size must be positive, got " + width + "x" + height);
        }
        return new InstanceConsolePost(width, height, "console", false);
    }

    /**
     * The graphical console of a virtual machine (SPICE protocol on the data stream).
     *
     * @return the request
     */
    public static InstanceConsolePost vga() {
        return new InstanceConsolePost(0, 0, "vga", false);
    }

    /**
     * Returns a copy that takes the console over even when another session is attached.
     *
     * @return the changed copy
     */
    public InstanceConsolePost forced() {
        return new InstanceConsolePost(width, height, type, true);
    }
}
