package io.github.incus4j.samples.sandbox;

import org.springframework.http.HttpStatus;

/** A run that could not be done as asked, with the HTTP status that says why. */
class RunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;

    RunException(HttpStatus status, String title, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.title = title;
    }

    static RunException unknownImage(String image, Throwable cause) {
        return new RunException(HttpStatus.NOT_FOUND, "Unknown image", "image '" + image
                + "' is neither an image alias nor a fingerprint known to Incus (see 'incus image list')", cause);
    }

    static RunException timedOut(String instance, int seconds, Throwable cause) {
        return new RunException(HttpStatus.GATEWAY_TIMEOUT, "Run timed out", "the command did not finish within "
                + seconds + " s; it was stopped and the container " + instance + " deleted", cause);
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
