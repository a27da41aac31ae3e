package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.model.ImagesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moving images in and out of a server: download an image's files, make an image from an instance
 * or snapshot ("publish"), copy an image from another server, refresh an image from its source,
 * and hand out secrets for private images.
 *
 * <pre>{@code
 * ImageTransfersApi transfers = client.imageTransfers();
 * ImageExport files = transfers.export(fingerprint, Path.of("images")).block();   // SHA-256 checked
 * Operation published = transfers.create(ImagesPost.fromInstance("c1").withAlias("web-base", ""))
 *         .flatMap(op -> op.await(Duration.ofMinutes(10))).block();
 * String newFingerprint = ImagesApi.fingerprintOf(published);
 * }</pre>
 *
 * <p>Uploading image files and the image records themselves are {@link ImagesApi}'s.
 */
public final class ImageTransfersApi {

    private static final String COLLECTION = "/1.0/images";
    private static final String ONE = "/1.0/images/{fingerprint}";
    private static final PartEventHttpMessageReader PARTS = new PartEventHttpMessageReader();

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ImageTransfersApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Downloads an image's files into a directory, streaming them, and checks them as the official
     * client does: the SHA-256 of the content (for a split image, of the metadata then the root file
     * system) must begin with the fingerprint. Files are named as the daemon names them (its
     * {@code Content-Disposition}), or after the fingerprint. If the transfer fails or the check
     * fails, the files written are deleted again.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @param directory an existing local directory; files of the same names are replaced
     * @return the files written and their checksum; an {@link IncusException} naming both
     *     checksums if the content does not match the fingerprint
     */
    @Endpoint(method = "GET", path = "/1.0/images/{fingerprint}/export")
    public Mono<ImageExport> export(String fingerprint, Path directory) {
        return export(IncusRequest.get(ONE + "/export").path("fingerprint", "fingerprint", fingerprint), fingerprint,
                directory);
    }

    /**
     * Downloads a private image as an untrusted client, with a secret the image's server handed out
     * ({@link #createSecret}); otherwise as {@link #export(String, Path)}.
     *
     * @param fingerprint the full fingerprint
     * @param directory an existing local directory
     * @param secret the one-time secret
     * @return the files written and their checksum
     */
    @Endpoint(method = "GET", path = "/1.0/images/{fingerprint}/export?public")
    public Mono<ImageExport> export(String fingerprint, Path directory, String secret) {
        Names.required("secret", secret);
        return export(IncusRequest.get(ONE + "/export").path("fingerprint", "fingerprint", fingerprint)
                .query("secret", secret), fingerprint, directory);
    }

    private Mono<ImageExport> export(IncusRequest.Builder request, String fingerprint, Path directory) {
        Names.required("directory", directory);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory '" + directory + "' is not an existing directory");
        }
        String expected = fingerprint.toLowerCase(java.util.Locale.ROOT);
        return Mono.defer(() -> {
            List<Path> written = new ArrayList<>();
            MessageDigest digest = Downloads.sha256();
            AtomicLong size = new AtomicLong();
            return calls.http().exchangeRaw(request.build(), response -> {
                HttpHeaders headers = response.headers().asHttpHeaders();
                String type = headers.getFirst("X-Incus-Type");
                String imageType = type == null || type.isEmpty() ? "incus" : type;
                MediaType contentType = headers.getContentType();
                Flux<Path> files = contentType != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(contentType)
                        ? parts(response, headers, directory, expected, digest, size, written)
                        : Flux.defer(() -> {
                            Path file = directory.resolve(fileName(headers.getContentDisposition().getFilename(),
                                    expected));
                            written.add(file);
                            return Downloads.write(response.bodyToFlux(DataBuffer.class), file, digest)
                                    .doOnNext(size::addAndGet).thenReturn(file);
                        });
                return files.then(Mono.fromCallable(() -> {
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (!imageType.equals("oci") && !actual.startsWith(expected)) {
                        throw new IncusException("image " + fingerprint + " downloaded to " + written
                                + " has SHA-256 " + actual + ", which does not match its fingerprint; the download "
                                + "was corrupted or cut short: download it again");
                    }
                    return new ImageExport(written, actual, size.get(), imageType);
                }));
            }).onErrorResume(failure -> {
                written.forEach(file -> Downloads.deletePartial(file, failure));
                return Mono.error(failure);
            });
        });
    }

    /** Writes each file part of a {@code multipart/form-data} answer in turn, streamed. */
    private static Flux<Path> parts(ClientResponse response, HttpHeaders headers, Path directory, String fingerprint,
            MessageDigest digest, AtomicLong size, List<Path> written) {
        ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return response.bodyToFlux(DataBuffer.class);
            }
        };
        return PARTS.read(ResolvableType.forClass(PartEvent.class), message, Map.of())
                .windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    if (first.get() instanceof FilePartEvent file) {
                        Path target = directory.resolve(fileName(file.filename(), fingerprint + "." + file.name()));
                        written.add(target);
                        return Downloads.write(events.map(PartEvent::content), target, digest)
                                .doOnNext(size::addAndGet).thenReturn(target);
                    }
                    return events.doOnNext(event -> DataBufferUtils.release(event.content())).then(Mono.<Path>empty());
                }));
    }

    /** The last segment of a name the daemon gave, never a path that leaves the directory. */
    private static String fileName(@Nullable String offered, String fallback) {
        if (offered == null) {
            return fallback;
        }
        String name = offered.substring(Math.max(offered.lastIndexOf('/'), offered.lastIndexOf('\\')) + 1).strip();
        return name.isEmpty() || name.equals(".") || name.equals("..") ? fallback : name;
    }

    /**
     * Makes an image from something the daemon can reach ({@code POST /1.0/images} with a JSON
     * body): an instance or a snapshot of this server ({@link ImagesPost#fromInstance},
     * {@link ImagesPost#fromSnapshot}), or an image of another server, which the daemon downloads
     * itself ({@link ImagesPost#fromServer}).
     *
     * @param image the source, aliases and properties of the new image
     * @return the operation; {@link ImagesApi#fingerprintOf(Operation)} reads the new image's
     *     fingerprint from the final one
     */
    @Endpoint(method = "POST", path = "/1.0/images")
    public Mono<OperationHandle> create(ImagesPost image) {
        Names.required("image", image);
        return calls.async(IncusRequest.of(HttpMethod.POST, COLLECTION).json(image).build());
    }

    /**
     * Asks the daemon to refresh an image from the server it was copied from, when a newer build
     * is there.
     *
     * @param fingerprint the fingerprint
     * @return the operation; {@link #wasRefreshed(Operation)} tells from the final one whether a
     *     newer image was found. For an image uploaded from a file the operation fails with the
     *     daemon's "Image source not found"
     */
    @Endpoint(method = "POST", path = "/1.0/images/{fingerprint}/refresh")
    public Mono<OperationHandle> refresh(String fingerprint) {
        return calls.async(IncusRequest.of(HttpMethod.POST, ONE + "/refresh")
                .path("fingerprint", "fingerprint", fingerprint).build());
    }

    /**
     * Reads from the final operation of {@link #refresh} whether the image was replaced by a newer one.
     *
     * @param finished the final operation
     * @return {@code true} if a newer image was downloaded
     */
    public static boolean wasRefreshed(Operation finished) {
        return Boolean.TRUE.equals(finished.metadata().get("refreshed"));
    }

    /**
     * Creates a one-time secret with which an untrusted client may read or download this image,
     * even when it is private.
     *
     * @param fingerprint the fingerprint
     * @return the secret and the operation that holds it
     */
    @Endpoint(method = "POST", path = "/1.0/images/{fingerprint}/secret")
    public Mono<ImageSecret> createSecret(String fingerprint) {
        return calls.async(IncusRequest.of(HttpMethod.POST, ONE + "/secret")
                        .path("fingerprint", "fingerprint", fingerprint).build())
                .map(operation -> ImageSecret.of(operation, "POST /1.0/images/" + fingerprint + "/secret"));
    }
}
