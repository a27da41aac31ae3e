package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.model.InstanceFileInfo;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Files in instances: {@code /1.0/instances/{name}/files?path=...}.
 *
 * <pre>{@code
 * client.files().write("c1", "/etc/motd", "hello\n".getBytes(UTF_8), FileWriteOptions.defaults().withMode(0644))
 *         .block();
 * byte[] motd = client.files().read("c1", "/etc/motd").block();
 * client.files().download("c1", "/var/log/app.log", Path.of("app.log")).block();   // streamed, any size
 * }</pre>
 *
 * <p>Paths are absolute paths inside the instance. Downloads to a {@link Path} and uploads from a
 * {@link Path} or a publisher stream the content: a file of any size moves without being held in
 * memory. {@link #read} holds the whole file and is limited to the client's
 * {@code maxResponseSize}.
 */
public final class FilesApi {

    private static final String FILES = "/1.0/instances/{name}/files";

    private final Calls calls;
    private final IncusHttp http;
    private final ApiExtensions extensions;
    private final FileTransfers transfers;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    FilesApi(Calls calls) {
        this.calls = calls;
        this.http = calls.http();
        this.transfers = new FileTransfers(calls.http());
        this.extensions = calls.extensions();
    }

    /**
     * Reads a whole file into memory. A symbolic link is not followed: its target path is
     * returned as the content.
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @return the content; an {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is
     *     no such path; an {@link IncusException} if it is a directory or larger than the client's
     *     {@code maxResponseSize}
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/files")
    public Mono<byte[]> read(String instance, String path) {
        return transfers.read(get(instance, path), path, where(instance));
    }

    /**
     * Streams a file's content. The caller must consume or cancel the stream and release each
     * buffer ({@link DataBufferUtils#release}); cancelling closes the connection.
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @return the content as it arrives
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/files")
    public Flux<DataBuffer> readStream(String instance, String path) {
        return transfers.readStream(get(instance, path), path, where(instance));
    }

    /**
     * Downloads a file to a local path, streaming it: memory use does not grow with the file.
     * An existing local file is replaced once the daemon has answered; if the transfer then
     * fails, the partial local file is deleted.
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @param target the local file to write
     * @return what the daemon said about the file (type, mode, owner, modification time, size)
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/files")
    public Mono<InstanceFileInfo> download(String instance, String path, Path target) {
        return transfers.download(get(instance, path), path, target, where(instance));
    }

    /**
     * Reads what the daemon knows about a path, without its content ({@code HEAD}; API extension
     * {@code instance_file_head}).
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @return the type, mode, owner, modification time and (for files) size; an
     *     {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is no such path
     */
    @Endpoint(method = "HEAD", path = "/1.0/instances/{name}/files")
    public Mono<InstanceFileInfo> stat(String instance, String path) {
        return transfers.stat(files(HttpMethod.HEAD, instance, path).build(), path);
    }

    /**
     * Lists the names of the entries of a directory (not recursive; no {@code .} or {@code ..}).
     *
     * @param instance the instance name
     * @param directory the absolute path of a directory in the instance
     * @return the entry names; an {@link IncusException} if the path is not a directory
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/files")
    public Mono<List<String>> list(String instance, String directory) {
        return transfers.list(get(instance, directory), directory, where(instance));
    }

    /**
     * Writes a file from bytes, replacing its content (or appending, see
     * {@link FileWriteOptions#appending()}).
     *
     * @param instance the instance name
     * @param path the absolute path in the instance; its directory must exist
     * @param content the content
     * @param options owner, mode, append
     * @return completes when the daemon has written the file
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/files")
    public Mono<Void> write(String instance, String path, byte[] content, FileWriteOptions options) {
        Names.required("content", content);
        return push(instance, path, "file", options, BodyInserters.fromValue(content));
    }

    /**
     * Writes a file from a stream of buffers (sent with chunked transfer encoding), each released
     * once sent.
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @param content the content
     * @param options owner, mode, append
     * @return completes when the daemon has written the file
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/files")
    public Mono<Void> write(String instance, String path, Publisher<? extends DataBuffer> content,
            FileWriteOptions options) {
        Names.required("content", content);
        return push(instance, path, "file", options, BodyInserters.fromDataBuffers(Flux.<DataBuffer>from(content)));
    }

    /**
     * Uploads a local file, streaming it in chunks of 256 KiB through pooled off-heap buffers:
     * memory use does not grow with the file. (Netty's zero-copy file transfer was measured 5 times
     * slower over TLS, where it cannot be zero-copy, and no faster on the Unix socket.)
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @param source the local file
     * @param options owner, mode, append
     * @return completes when the daemon has written the file
     * @throws IllegalArgumentException if the local file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/files")
    public Mono<Void> upload(String instance, String path, Path source, FileWriteOptions options) {
        Downloads.requireFile("source", source);
        files(HttpMethod.POST, instance, path);  // checks the instance and path now, not on subscription
        Names.required("options", options);
        return Mono.fromCallable(() -> Downloads.size(source))
                .flatMap(size -> push(instance, path, "file", options, Downloads.upload(source).inserter(), size));
    }

    /**
     * Creates a directory (API extension {@code directory_manipulation}). A directory that
     * already exists is left as it is; missing parents are not created.
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @param options owner and mode (default {@code 0755}); {@code append} does not apply
     * @return completes when the directory exists
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/files")
    public Mono<Void> createDirectory(String instance, String path, FileWriteOptions options) {
        return push(instance, path, "directory", options, BodyInserters.empty());
    }

    /**
     * Creates a symbolic link (API extension {@code file_symlinks}).
     *
     * @param instance the instance name
     * @param path the absolute path of the link in the instance
     * @param linkTarget what the link points to, as it will be stored (absolute or relative)
     * @param options owner; mode and {@code append} do not apply
     * @return completes when the link exists
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/files")
    public Mono<Void> createSymlink(String instance, String path, String linkTarget, FileWriteOptions options) {
        if (linkTarget == null || linkTarget.isEmpty()) {
            throw new IllegalArgumentException("linkTarget must not be empty");
        }
        return push(instance, path, "symlink", options,
                BodyInserters.fromValue(linkTarget.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Deletes a file, a symbolic link or an empty directory (API extension {@code file_delete}).
     *
     * @param instance the instance name
     * @param path the absolute path in the instance
     * @return completes when deleted; an {@link io.github.incus4j.client.exception.IncusNotFoundException}
     *     if there is no such path
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/files")
    public Mono<Void> delete(String instance, String path) {
        return http.send(files(HttpMethod.DELETE, instance, path).build()).then();
    }

    /**
     * Deletes a path and, for a directory, everything below it. With API extension
     * {@code file_delete_force} this is one request ({@code X-Incus-force: true}); on older
     * daemons (Incus 6.0) the client walks the tree and deletes entry by entry. Symbolic links
     * are deleted, never followed.
     *
     * @param instance the instance name
     * @param path the absolute path in the instance; {@code /} is refused
     * @return completes when everything is deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/files")
    public Mono<Void> deleteRecursively(String instance, String path) {
        FileTransfers.requireBelowRoot(absolute(path));
        return extensions.has("file_delete_force").flatMap(forced -> forced
                ? http.send(files(HttpMethod.DELETE, instance, path).header("X-Incus-force", "true").build()).then()
                : walkAndDelete(instance, path));
    }

    private Mono<Void> walkAndDelete(String instance, String path) {
        return stat(instance, path).flatMap(info -> {
            if (!info.isDirectory()) {
                return delete(instance, path);
            }
            String parent = path.endsWith("/") ? path : path + "/";
            return list(instance, path)
                    .flatMapMany(Flux::fromIterable)
                    .concatMap(entry -> walkAndDelete(instance, parent + entry))
                    .then(delete(instance, path));
        });
    }

    private Mono<Void> push(String instance, String path, String type, FileWriteOptions options,
            BodyInserter<?, ? super ClientHttpRequest> body) {
        return push(instance, path, type, options, body, -1);
    }

    private Mono<Void> push(String instance, String path, String type, FileWriteOptions options,
            BodyInserter<?, ? super ClientHttpRequest> body, long contentLength) {
        return transfers.push(files(HttpMethod.POST, instance, path), type, options, body, contentLength);
    }

    private IncusRequest get(String instance, String path) {
        return files(HttpMethod.GET, instance, path).build();
    }

    private static IncusRequest.Builder files(HttpMethod method, String instance, String path) {
        return IncusRequest.of(method, FILES).path("name", "instance", instance).query("path", absolute(path));
    }

    private static String absolute(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be an absolute path in the instance, got '" + path + "'");
        }
        return path;
    }

    private static String where(String instance) {
        return "instance '" + instance + "'";
    }
}
