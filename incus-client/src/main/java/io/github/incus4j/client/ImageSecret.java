package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusProtocolException;

/**
 * A one-time secret that lets an untrusted client read or download one private image
 * ({@link ImagesApi#createSecret}).
 *
 * @param secret the secret, passed by the untrusted side as {@code ?secret=} (see
 *     {@link ImagesApi#export(String, java.nio.file.Path, String)}) or in
 *     {@link io.github.incus4j.client.model.ImagesPost#withSecret}
 * @param operation the daemon's {@code token} operation that holds the secret: it ends when the
 *     secret is used, and {@link OperationHandle#cancel()} revokes the secret unused
 */
public record ImageSecret(String secret, OperationHandle operation) {

    /**
     * Reads the secret of a token operation ({@code metadata.secret}).
     *
     * @param operation the operation the daemon answered with
     * @param request what was asked, for the message
     * @return the secret with its operation
     * @throws IncusProtocolException if the operation carries no secret
     */
    static ImageSecret of(OperationHandle operation, String request) {
        Object secret = operation.lastSeen().metadata().get("secret");
        if (!(secret instanceof String text) || text.isEmpty()) {
            throw new IncusProtocolException(202, request + ": operation " + operation.id()
                    + " carries no secret in its metadata: " + operation.lastSeen().metadata(), null);
        }
        return new ImageSecret(text, operation);
    }

    @Override
    public String toString() {
        return "ImageSecret[operation=" + operation.id() + ", secret=(hidden)]";
    }
}
