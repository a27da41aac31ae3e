package io.github.incus4j.client;

/**
 * The daemon refused the request (HTTP 403): the client is untrusted, or its certificate is restricted to other projects.
 */
public class IncusForbiddenException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the daemon's error text
     * @param method the HTTP method of the request
     * @param path the request path
     */
    public IncusForbiddenException(int errorCode, String serverMessage, String method, String path) {
        super(403, errorCode, serverMessage, method, path);
    }
}
