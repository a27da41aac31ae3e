package io.github.incus4j.client.exception;

/**
 * The server lacks an API extension that a call needs, so the call was not sent.
 *
 * <p>Incus grows its API through named extensions ({@code api_extensions} in {@code GET /1.0});
 * an older server, such as the 6.0 LTS series, does not have every extension a newer client knows.
 * Check first with {@code client.extensions().has(name)} to choose another way.
 */
public class IncusUnsupportedException extends IncusException {

    private static final long serialVersionUID = 1L;

    /** The API extension the server lacks. */
    private final String extension;

    /**
     * Creates the exception.
     *
     * @param extension the missing API extension, such as {@code network_address_set}
     * @param server what the server calls itself (version and endpoint), for the message
     */
    public IncusUnsupportedException(String extension, String server) {
        super("The server (" + server + ") does not have the API extension '" + extension + "' that this call "
                + "needs; upgrade Incus on the server, or check client.extensions().has(\"" + extension
                + "\") before calling");
        this.extension = extension;
    }

    /**
     * Returns the missing API extension.
     *
     * @return the extension name
     */
    public String extension() {
        return extension;
    }
}
