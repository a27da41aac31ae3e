package io.github.incus4j.client.internal.transport;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The daemon did not switch protocols: its answer, for the protocol layer to read as an Incus
 * error (or, for an answer below 400, as a protocol error).
 */
public final class UpgradeRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final transient byte[] body;
    private final transient Map<String, String> headers;

    UpgradeRefusedException(int status, String reason, byte[] body, Map<String, String> headers) {
        super("HTTP " + status + " " + reason);
        this.status = status;
        this.reason = reason;
        this.body = body;
        this.headers = headers;
    }

    /**
     * Returns a header of the answer, such as the daemon's {@code X-Incus-OIDC-issuer}.
     *
     * @param name the header name, in any case
     * @return its value, or {@code null}
     */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status, such as 404, or 101 when the daemon switched to another protocol
     */
    public int status() {
        return status;
    }

    /**
     * Returns the reason phrase.
     *
     * @return the status line's reason
     */
    public String reason() {
        return reason;
    }

    /**
     * Returns the answer's body.
     *
     * @return at most {@value UpgradeHandshake#MAX_ERROR_BODY} bytes of it
     */
    public byte[] body() {
        return body.clone();
    }
}
