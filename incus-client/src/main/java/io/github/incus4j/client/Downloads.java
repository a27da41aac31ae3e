package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves large bodies (backups, image files, logs) between the daemon and local files without holding
 * them in memory: downloads are written buffer by buffer, uploads read in chunks into pooled
 * off-heap buffers.
 */
final class Downloads {

    private static final int UPLOAD_CHUNK = 256 * 1024;
    private static final NettyDataBufferFactory UPLOAD_BUFFERS = new NettyDataBufferFactory(
            PooledByteBufAllocator.DEFAULT);

    private Downloads() {
    }

    /**
     * Writes a body to a file, replacing it, and feeds every byte to the digest on the way.
     *
     * @param body the body; each buffer is released once written
     * @param target the local file
     * @param digest a digest to update, or {@code null}
     * @return the number of bytes written
     */
    static Mono<Long> write(Flux<DataBuffer> body, Path target, @Nullable MessageDigest digest) {
        AtomicLong size = new AtomicLong();
        Flux<DataBuffer> counted = body.doOnNext(buffer -> {
            size.addAndGet(buffer.readableByteCount());
            if (digest != null) {
                try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
                    while (chunks.hasNext()) {
                        ByteBuffer chunk = chunks.next();
                        digest.update(chunk);
                    }
                }
            }
        });
        return DataBufferUtils.write(counted, target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)
                .then(Mono.fromSupplier(size::get));
    }

    /**
     * Sends a GET and writes its raw body to a file, streamed. The file is replaced once the daemon
     * has answered; if the transfer then fails, the partial file is deleted.
     *
     * @return the number of bytes written
     */
    static Mono<Long> toFile(IncusHttp http, IncusRequest request, Path target) {
        return Mono.defer(() -> {
            AtomicBoolean writing = new AtomicBoolean();
            return http.exchangeRaw(request, response -> {
                writing.set(true);
                return write(response.bodyToFlux(DataBuffer.class), target, null);
            }).onErrorResume(failure -> {
                if (writing.get()) {
                    deletePartial(target, failure);
                }
                return Mono.error(failure);
            });
        });
    }

    /**
     * Sends a GET whose raw body is text, and decodes it as UTF-8. The body is held in memory,
     * limited by the client's {@code maxResponseSize}; past it, the error says to download to a file.
     *
     * @param what what the text is, for the message, such as {@code the log}
     * @return the text
     */
    static Mono<String> text(IncusHttp http, IncusRequest request, String what) {
        return http.exchangeRaw(request, response -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new IncusException(request.describe() + ": "
                        + what + " is larger than the client's limit for content held in memory "
                        + "(maxResponseSize); download it to a file instead", tooLarge)));
    }

    /** The streamed content of a local file, as a request body of type {@code application/octet-stream}. */
    static IncusRequest.Body upload(Path source) {
        return new IncusRequest.Body(BodyInserters.fromDataBuffers(
                DataBufferUtils.read(source, UPLOAD_BUFFERS, UPLOAD_CHUNK)), MediaType.APPLICATION_OCTET_STREAM);
    }

    static void requireFile(String argument, Path file) {
        if (file == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(argument + " '" + file + "' is not a readable regular file");
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IncusException("cannot read the local file " + file + ": " + e, e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Deletes a partly written file after a failure, keeping a deletion problem as a suppressed one. */
    static void deletePartial(Path target, Throwable failure) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
