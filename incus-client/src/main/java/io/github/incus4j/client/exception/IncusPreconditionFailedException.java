package io.github.incus4j.client.exception;

/**
 * The {@code If-Match} ETag sent with an update no longer matches the object (HTTP 412): someone changed it since it was read.
 */
public class IncusPreconditionFailedException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the daemon's error text
     * @param method the HTTP method of the request
     * @param path the request path
     */
    public IncusPreconditionFailedException(int errorCode, String serverMessage, String method, String path) {
        super(412, errorCode, serverMessage, method, path);
    }
}
