package io.github.incus4j.client.exception;

/**
 * A cluster endpoint was called on a standalone server.
 *
 * <p>Incus answers these calls with different statuses depending on the endpoint and version
 * (HTTP 500 "Server is not clustered" for members, HTTP 400 "This server is not clustered" for
 * groups and join tokens on Incus 6.0); the client turns all of them into this exception, which
 * still carries the daemon's status and text. {@code client.cluster().isClustered()} tells in
 * advance.
 */
public class IncusNotClusteredException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the daemon's answer.
     *
     * @param answer the daemon's error answer
     */
    public IncusNotClusteredException(IncusApiException answer) {
        super(answer.status(), answer.errorCode(), answer.serverMessage(), answer.method(), answer.path());
    }

    @Override
    public String getMessage() {
        return super.getMessage() + ". This server is not part of a cluster: cluster members and groups exist only "
                + "after 'incus cluster enable' (check client.cluster().isClustered() first)";
    }
}
