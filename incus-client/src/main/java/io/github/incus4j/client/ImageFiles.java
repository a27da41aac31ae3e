package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The file side of {@link ImagesApi}: downloading an image's files (a unified tarball, or a split
 * image's {@code multipart/form-data} parts, each to its own file, checked against the fingerprint)
 * and the headers of an upload. Kept apart so that {@code ImagesApi} only describes its requests.
 */
final class ImageFiles {

    private static final PartEventHttpMessageReader PARTS = new PartEventHttpMessageReader();

    private ImageFiles() {
    }

    /**
     * Downloads an image's files into a directory, hashing every buffer on its way to disk; the
     * SHA-256 must begin with the fingerprint (as in the official client) unless the daemon says the
     * image is {@code oci}. A failed transfer or check deletes the files written.
     */
    static Mono<ImageExport> export(IncusHttp http, IncusRequest request, String fingerprint, Path directory) {
        Names.required("directory", directory);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory '" + directory + "' is not an existing directory");
        }
        String expected = fingerprint.toLowerCase(Locale.ROOT);
        return Mono.defer(() -> {
            List<Path> written = new ArrayList<>();
            MessageDigest digest = Downloads.sha256();
            AtomicLong size = new AtomicLong();
            return http.exchangeRaw(request, response -> {
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

    /** Adds the {@code X-Incus-*} headers of an image upload. */
    static IncusRequest upload(IncusRequest.Builder request, ImageUpload options, String defaultFilename) {
        request.header("X-Incus-filename", options.filename().isEmpty() ? defaultFilename : options.filename());
        if (options.isPublic()) {
            request.header("X-Incus-public", "true");
        }
        if (!options.properties().isEmpty()) {
            request.header("X-Incus-properties", options.properties().entrySet().stream()
                    .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                    .collect(Collectors.joining("&")));
        }
        if (!options.aliases().isEmpty()) {
            request.header("X-Incus-aliases", options.aliases().stream().map(alias -> "alias=" + encode(alias))
                    .collect(Collectors.joining("&")));
        }
        return request.build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
