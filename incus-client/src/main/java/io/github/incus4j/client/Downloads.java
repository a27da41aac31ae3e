package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves large bodies (backups, image files, logs) between the daemon and local files without holding
 * them in memory: downloads are written buffer by buffer, uploads read in chunks into pooled
 * off-heap buffers.
 */
final class Downloads {

    /**
     * The size of each buffer an upload reads. Reactor Netty asks a body for 128 buffers ahead of
     * the socket, so this sets what an upload holds off-heap: with 256 KiB an upload of 256 MiB had
     * 52 MiB of Netty's pooled direct memory in use, with 32 KiB 16 MiB, at the same throughput
     * (180-185 MiB/s over the Unix socket, measured side by side).
     */
    private static final int UPLOAD_CHUNK = 32 * 1024;
    /** How many received buffers may wait for the disk (each at most what one socket read gave). */
    private static final int WRITE_AHEAD = 32;
    private static final NettyDataBufferFactory UPLOAD_BUFFERS = new NettyDataBufferFactory(
            PooledByteBufAllocator.DEFAULT);

    private Downloads() {
    }

    /**
     * Writes a body to a file, replacing it, and feeds every byte to the digest on the way.
     *
     * <p>The buffers are written with blocking writes of a {@link FileChannel} on Reactor's
     * bounded-elastic threads, up to {@value #WRITE_AHEAD} buffers behind the socket: the event
     * loop keeps reading while the disk writes, and never waits for it. (Spring's
     * {@code DataBufferUtils.write(Publisher, Path)} writes one buffer at a time through an
     * {@code AsynchronousFileChannel} and asks the socket for the next only when that write has
     * completed: measured on the Unix socket, that pulled a 128 MiB file at a third of what raw
     * HTTP reads, and allocated about 6% of the file in completion objects.)
     *
     * @param body the body; each buffer is released once written, or when the transfer fails
     * @param target the local file
     * @param digest a digest to update, or {@code null}
     * @return the number of bytes written
     */
    static Mono<Long> write(Flux<DataBuffer> body, Path target, @Nullable MessageDigest digest) {
        return Mono.using(() -> FileChannel.open(target, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                channel -> body.publishOn(Schedulers.boundedElastic(), WRITE_AHEAD)
                        .reduce(0L, (written, buffer) -> written + writeAndRelease(channel, buffer, digest))
                        .doOnDiscard(DataBuffer.class, DataBufferUtils::release),
                Downloads::closeQuietly);
    }

    private static long writeAndRelease(FileChannel channel, DataBuffer buffer, @Nullable MessageDigest digest) {
        try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
            long written = 0;
            while (chunks.hasNext()) {
                ByteBuffer chunk = chunks.next();
                if (digest != null) {
                    digest.update(chunk.duplicate());
                }
                while (chunk.hasRemaining()) {
                    written += channel.write(chunk);
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a failed write has already been reported; nothing more to do
        }
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
        return new IncusRequest.Body(BodyInserters.fromDataBuffers(read(source)), MediaType.APPLICATION_OCTET_STREAM);
    }

    /**
     * Reads a file in {@value #UPLOAD_CHUNK}-byte pooled buffers, as the socket asks for them, with
     * blocking reads on a bounded-elastic thread. Not Spring's {@code DataBufferUtils.read(Path, ...)}:
     * when its buffer allocation failed (direct memory exhausted, measured with a 32 MiB limit) the
     * error died on the file channel's thread and the upload waited forever; here every failure
     * ends the body, and so the request, with an error.
     */
    static Flux<DataBuffer> read(Path source) {
        return read(source, UPLOAD_BUFFERS, UPLOAD_CHUNK);
    }

    /** {@link #read(Path)} with the buffers and their size given, for tests. */
    static Flux<DataBuffer> read(Path source, DataBufferFactory buffers, int chunk) {
        return Flux.using(() -> FileChannel.open(source, StandardOpenOption.READ),
                channel -> Flux.<DataBuffer>generate(sink -> {
                    DataBuffer buffer;
                    try {
                        buffer = buffers.allocateBuffer(chunk);
                    } catch (OutOfMemoryError noDirectMemory) {
                        // Only this allocation failed; Reactor would treat the error as fatal and drop it.
                        sink.error(new IncusException("cannot read " + source + " for the upload: no memory for a "
                                + chunk + "-byte buffer (" + noDirectMemory.getMessage() + "); raise "
                                + "-XX:MaxDirectMemorySize or send fewer uploads at once", noDirectMemory));
                        return;
                    }
                    boolean emitted = false;
                    try (DataBuffer.ByteBufferIterator targets = buffer.writableByteBuffers()) {
                        int read = channel.read(targets.next());
                        if (read < 0) {
                            sink.complete();
                        } else {
                            buffer.writePosition(buffer.writePosition() + read);
                            sink.next(buffer);
                            emitted = true;
                        }
                    } catch (IOException e) {
                        sink.error(new IncusException("cannot read " + source + " for the upload: " + e, e));
                    } finally {
                        if (!emitted) {
                            DataBufferUtils.release(buffer);
                        }
                    }
                }),
                Downloads::closeQuietly)
                .subscribeOn(Schedulers.boundedElastic());
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
