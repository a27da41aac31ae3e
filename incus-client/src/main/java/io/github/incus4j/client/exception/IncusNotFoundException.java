package io.github.incus4j.client.exception;

/**
 * The object does not exist (HTTP 404): an unknown instance, image, operation or path.
 */
public class IncusNotFoundException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the daemon's error text
     * @param method the HTTP method of the request
     * @param path the request path
     */
    public IncusNotFoundException(int errorCode, String serverMessage, String method, String path) {
        super(404, errorCode, serverMessage, method, path);
    }
}
