package io.github.incus4j.client.exception;

/**
 * The request conflicts with the current state (HTTP 409), for example an object with that name already exists.
 */
public class IncusConflictException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the daemon's error text
     * @param method the HTTP method of the request
     * @param path the request path
     */
    public IncusConflictException(int errorCode, String serverMessage, String method, String path) {
        super(409, errorCode, serverMessage, method, path);
    }
}
