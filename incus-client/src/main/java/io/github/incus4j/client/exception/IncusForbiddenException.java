package io.github.incus4j.client.exception;

/**
 * The daemon refused the request: the client is untrusted, its certificate is restricted to
 * other projects, or the server's authorization ({@code authorization.scriptlet}, OpenFGA) does
 * not allow its OpenID Connect identity this request (HTTP 403 {@code Permission denied}; such an
 * identity also gets lists filtered down to what it may see).
 *
 * <p>Usually the answer is HTTP 403. Incus 6.0 (measured on 6.0.4) refuses a certificate
 * restricted to other projects with HTTP <b>500</b> on list endpoints, such as
 * {@code GET /1.0/instances?project=p2} or {@code GET /1.0/profiles} for a certificate allowed
 * only {@code p1}: its TLS authorizer raises a 403 error, but those handlers wrap every error of
 * the permission check as an internal error. The text is the authorizer's own,
 * {@code User does not have permissions for project "p2"} ({@code Certificate is restricted} for
 * server-wide lists such as {@code GET /1.0/storage-pools}), while single objects of the same
 * project answer 403 {@code User does not have permission for project "p2"}. Both are the same
 * refusal, and a caller should not have to tell a restriction from a daemon failure by reading
 * text, so the client reports exactly those 500 answers as this exception. Only an HTTP 500 with
 * one of those texts, whole, is mapped; any other 500 stays an {@link IncusApiException} with
 * {@link #isServerError()} {@code true}.
 *
 * <p>{@link #status()} and {@link #serverMessage()} keep what the daemon really answered (403 or
 * 500, and its text); {@link #isServerError()} is always {@code false}.
 */
public class IncusForbiddenException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an HTTP 403 answer.
     *
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the daemon's error text
     * @param method the HTTP method of the request
     * @param path the request path
     */
    public IncusForbiddenException(int errorCode, String serverMessage, String method, String path) {
        this(403, errorCode, serverMessage, method, path);
    }

    /**
     * Creates the exception for a refusal sent with another status, such as the HTTP 500 with which
     * Incus 6.0 refuses a restricted certificate on list endpoints.
     *
     * @param status the HTTP status the daemon really answered with
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the daemon's error text
     * @param method the HTTP method of the request
     * @param path the request path
     */
    public IncusForbiddenException(int status, int errorCode, String serverMessage, String method, String path) {
        super(status, errorCode, serverMessage, method, path);
    }

    /**
     * A refusal is not a failure of the daemon, whatever status it came with.
     *
     * @return {@code false}
     */
    @Override
    public boolean isServerError() {
        return false;
    }
}
