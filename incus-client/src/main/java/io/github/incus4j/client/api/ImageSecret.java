package io.github.incus4j.client.api;

/**
 * A one-time secret that lets an untrusted client read or download one private image
 * ({@link ImageTransfersApi#createSecret}).
 *
 * @param secret the secret, passed by the untrusted side as {@code ?secret=} (see
 *     {@link ImageTransfersApi#export(String, java.nio.file.Path, String)}) or in
 *     {@link io.github.incus4j.client.model.ImagesPost#withSecret}
 * @param operation the daemon's {@code token} operation that holds the secret: it ends when the
 *     secret is used, and {@link OperationHandle#cancel()} revokes the secret unused
 */
public record ImageSecret(String secret, OperationHandle operation) {

    @Override
    public String toString() {
        return "ImageSecret[operation=" + operation.id() + ", secret=(hidden)]";
    }
}
