package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.ResponseParser;
import io.github.incus4j.client.model.InstanceFileInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * The exchanges of a {@code files} endpoint, which instances ({@link InstanceFilesApi}) and custom volumes
 * ({@link StorageVolumeFilesApi}) share: the same {@code X-Incus-*} headers both ways, a file's
 * content or a directory's entry list in the same {@code GET}, a {@code HEAD} without a body. The
 * API classes build the requests (their paths differ); this class sends them and reads the answers.
 */
final class FileTransfers {

    private static final JavaType NAMES = Calls.listOf(String.class);
    /** The reason at the end of the quoted error of the SFTP server: {@code sftp: "lstat /x: not a directory" (...)}. */
    private static final Pattern SFTP_REASON = Pattern.compile("^sftp: \"[^\"]*: ([^\":]+)\"");
    private static final Pattern GO_TIME = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?) ([+-]\\d{4})");
    private static final DateTimeFormatter GO_TIME_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendPattern(" xx")
            .toFormatter();

    private final IncusHttp http;

    FileTransfers(IncusHttp http) {
        this.http = http;
    }

    /**
     * Reads a file whole into memory.
     *
     * @param get the {@code GET} of the path
     * @param path the path, for messages
     * @param where what holds the path, such as {@code instance 'c1'}, for messages
     */
    Mono<byte[]> read(IncusRequest get, String path, String where) {
        return explained(path, where, http.exchangeRaw(get, response -> {
            InstanceFileInfo info = info(path, response.headers().asHttpHeaders());
            if (info.isDirectory()) {
                return response.releaseBody().then(Mono.error(notAFile(where, info)));
            }
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                    .onErrorMap(DataBufferLimitException.class, tooLarge -> new IncusException(get.describe()
                            + ": " + path + " is larger than the client's limit for content held in memory "
                            + "(maxResponseSize); use download(...) to a file, or raise maxResponseSize", tooLarge));
        }));
    }

    /** Streams a file's content; the caller releases the buffers. */
    Flux<DataBuffer> readStream(IncusRequest get, String path, String where) {
        return http.exchangeRawStream(get, response -> {
            InstanceFileInfo info = info(path, response.headers().asHttpHeaders());
            if (info.isDirectory()) {
                return response.releaseBody().thenMany(Flux.error(notAFile(where, info)));
            }
            return response.bodyToFlux(DataBuffer.class);
        }).onErrorMap(IncusApiException.class, failure -> explain(failure, path, where));
    }

    /** Streams a file to a local path, deleting the partial file if the transfer fails. */
    Mono<InstanceFileInfo> download(IncusRequest get, String path, Path target, String where) {
        Names.required("target", target);
        return Mono.defer(() -> {
            AtomicBoolean writing = new AtomicBoolean();
            return explained(path, where, http.exchangeRaw(get, response -> {
                InstanceFileInfo info = info(path, response.headers().asHttpHeaders());
                if (info.isDirectory()) {
                    return response.releaseBody().then(Mono.error(notAFile(where, info)));
                }
                writing.set(true);
                return Downloads.write(response.bodyToFlux(DataBuffer.class), target, null).thenReturn(info);
            })).onErrorResume(failure -> {
                if (writing.get()) {
                    Downloads.deletePartial(target, failure);
                }
                return Mono.error(failure);
            });
        });
    }

    /** Lists a directory's entry names. */
    Mono<List<String>> list(IncusRequest get, String directory, String where) {
        return explained(directory, where, http.exchangeRaw(get, response -> {
            InstanceFileInfo info = info(directory, response.headers().asHttpHeaders());
            if (!info.isDirectory()) {
                return response.releaseBody().then(Mono.error(new IncusException(get.describe() + ": "
                        + directory + " in " + where + " is a " + info.type() + ", not a directory")));
            }
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(body -> ResponseParser.parse(get,
                    response.statusCode().value(), "", body, null, null, NAMES).<List<String>>metadataAs(NAMES));
        }));
    }

    /** Reads a path's information with {@code HEAD}; errors name the path but not what holds it. */
    Mono<InstanceFileInfo> stat(IncusRequest head, String path) {
        return stat(head, path, null);
    }

    /** Reads a path's information with {@code HEAD}. */
    Mono<InstanceFileInfo> stat(IncusRequest head, String path, @Nullable String where) {
        return explained(path, where, http.exchangeRaw(head, response -> response.releaseBody()
                        .then(Mono.fromCallable(() -> info(path, response.headers().asHttpHeaders()))))
                // A HEAD answer has no body, so an error arrives without the daemon's JSON.
                .onErrorMap(IncusProtocolException.class, failure -> failure.status() >= 400
                        ? IncusApiException.of(failure.status(), 0, "no body (HEAD): " + statusText(failure.status()),
                                "HEAD", head.describe().substring("HEAD ".length()))
                        : failure));
    }

    /** Deletes a path. */
    Mono<Void> delete(IncusRequest.Builder delete, String path, String where) {
        IncusRequest request = delete.build();
        return explained(path, where, http.send(request).then());
    }

    /**
     * Creates or writes a path: a file, a directory or a symbolic link.
     *
     * @param post the {@code POST} of the path, without a body
     * @param type {@code file}, {@code directory} or {@code symlink}
     * @param options owner, mode, append
     * @param body the content
     * @param contentLength its length, or -1 to send it chunked
     */
    Mono<Void> push(IncusRequest.Builder post, String type, FileWriteOptions options,
            BodyInserter<?, ? super ClientHttpRequest> body, long contentLength) {
        return push(post, null, null, type, options, body, contentLength);
    }

    /**
     * Creates or writes a path, as {@link #push(IncusRequest.Builder, String, FileWriteOptions, BodyInserter, long)},
     * with errors that name the path and what holds it.
     */
    Mono<Void> push(IncusRequest.Builder post, @Nullable String path, @Nullable String where, String type,
            FileWriteOptions options, BodyInserter<?, ? super ClientHttpRequest> body, long contentLength) {
        Names.required("options", options);
        post.body(new IncusRequest.Body(body, MediaType.APPLICATION_OCTET_STREAM)).header("X-Incus-type", type);
        if (options.uid() >= 0) {
            post.header("X-Incus-uid", Long.toString(options.uid()));
        }
        if (options.gid() >= 0) {
            post.header("X-Incus-gid", Long.toString(options.gid()));
        }
        if (options.mode() >= 0) {
            post.header("X-Incus-mode", String.format("%04o", options.mode()));
        }
        if (options.append()) {
            post.header("X-Incus-write", "append");
        }
        if (contentLength >= 0) {
            post.header(HttpHeaders.CONTENT_LENGTH, Long.toString(contentLength));
        }
        IncusRequest request = post.build();
        return path == null ? http.send(request).then() : explained(path, where, http.send(request).then());
    }

    private static <T> Mono<T> explained(String path, @Nullable String where, Mono<T> call) {
        return call.onErrorMap(IncusApiException.class, failure -> explain(failure, path, where));
    }

    /**
     * Says what an error answer about a path means, naming the path and what holds it: the
     * daemon's own texts (measured on Incus 6.0.4) are a bare {@code Not Found} for a missing path
     * (or, for a write, a missing parent directory), a bare {@code Forbidden} for a path it may not
     * touch (below {@code /proc} or {@code /sys}), which the general 403 hint would blame on the
     * client certificate, and an HTTP 500 quoting the SFTP server ({@code sftp: "lstat /x/y: not a
     * directory" (SSH_FX_FAILURE)}) for other refusals of the file system. Errors about the
     * instance itself (it does not exist, the client is not trusted) already say so and stay as
     * they are.
     */
    private static IncusApiException explain(IncusApiException failure, String path, @Nullable String where) {
        String text = failure.serverMessage();
        String reason;
        if (failure.status() == 404 && (text.equals("Not Found") || text.startsWith("no body (HEAD)"))) {
            reason = switch (failure.method()) {
                case "POST" -> "not found (does its parent directory exist?)";
                // A HEAD answer has no body to tell a missing path from a missing instance.
                case "HEAD" -> where == null ? "not found" : "not found (the path, or " + where + " itself)";
                default -> "it does not exist";
            };
        } else if (failure.status() == 403 && text.equals("Forbidden")) {
            reason = "permission denied (a read-only or protected file system, such as /proc or /sys)";
        } else if (failure.status() == 500 && text.startsWith("sftp: ")) {
            reason = sftpReason(text);
        } else {
            return failure;
        }
        String about = action(failure.method()) + " " + path + (where == null ? "" : " in " + where)
                + " failed: " + reason;
        return IncusApiException.of(failure.status(), failure.errorCode(), text, failure.method(), failure.path(),
                about);
    }

    /** The file system's own words in the SFTP server's message, such as {@code not a directory}. */
    private static String sftpReason(String text) {
        Matcher quoted = SFTP_REASON.matcher(text);
        return quoted.find() ? quoted.group(1) : text;
    }

    private static String action(String method) {
        return switch (method) {
            case "GET" -> "Reading";
            case "HEAD" -> "Reading the information of";
            case "POST" -> "Writing";
            case "DELETE" -> "Deleting";
            default -> method;
        };
    }

    /**
     * Refuses a path for a recursive delete that is the root or could reach it: no segment, or
     * a {@code .} or {@code ..} segment (the daemon would resolve {@code /x/..} to the root).
     *
     * @param path an absolute path
     * @throws IllegalArgumentException naming the path
     */
    static void requireBelowRoot(String path) {
        List<String> segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
        if (segments.isEmpty() || segments.contains(".") || segments.contains("..")) {
            throw new IllegalArgumentException("deleteRecursively needs a path below the root without '.' or '..' "
                    + "segments, got '" + path + "'");
        }
    }

    /**
     * Reads the {@code X-Incus-*} headers of a files answer.
     *
     * @param path the path asked for
     * @param headers the answer's headers
     * @return the file information
     */
    static InstanceFileInfo info(String path, HttpHeaders headers) {
        String type = headers.getFirst("X-Incus-type");
        String mode = headers.getFirst("X-Incus-mode");
        long size = "file".equals(type) ? headers.getContentLength() : -1;
        return new InstanceFileInfo(path, type != null ? type : "file", mode != null ? parseMode(mode) : -1,
                number(headers.getFirst("X-Incus-uid")), number(headers.getFirst("X-Incus-gid")),
                modified(headers.getFirst("X-Incus-modified")), size);
    }

    /**
     * Parses the daemon's modification time, written the way Go prints times
     * ({@code 2024-05-01 10:00:00.123456789 +0000 UTC}).
     *
     * @param text the header value
     * @return the time, or {@code null} if absent or in another form
     */
    static @Nullable Instant modified(@Nullable String text) {
        if (text == null) {
            return null;
        }
        Matcher match = GO_TIME.matcher(text.strip());
        if (!match.find()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(match.group(1) + " " + match.group(2), GO_TIME_FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int parseMode(String text) {
        try {
            return Integer.parseInt(text.strip(), 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long number(@Nullable String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static IncusException notAFile(String where, InstanceFileInfo info) {
        return new IncusException(info.path() + " in " + where + " is a directory; list it with list(...)");
    }

    private static String statusText(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "HTTP " + status;
        };
    }
}
