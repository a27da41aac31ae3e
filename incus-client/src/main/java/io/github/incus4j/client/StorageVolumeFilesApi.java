package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.model.InstanceFileInfo;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * Files in the custom volumes of one storage pool, without an instance:
 * {@code /1.0/storage-pools/{pool}/volumes/custom/{volume}/files?path=...}.
 *
 * <pre>{@code
 * StorageVolumeFilesApi files = client.storageVolumes("default").files();
 * files.write("data", "/config.yml", bytes, FileWriteOptions.defaults().withMode(0600)).block();
 * files.download("data", "/dump.sql", Path.of("dump.sql")).block();          // streamed, any size
 * }</pre>
 *
 * <p>Paths are absolute paths inside the volume. The headers and answers are those of instance
 * files ({@link InstanceFilesApi}); the file information comes back as an {@link InstanceFileInfo}.
 * Everything needs the API extension {@value #EXTENSION}, which Incus 6.0 does not have; when the
 * client was given the server's extensions, every call checks it first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} without sending anything.
 */
public final class StorageVolumeFilesApi {

    /** The API extension volume files need. */
    public static final String EXTENSION = "file_storage_volume";

    /** The API extension {@link #deleteRecursively} needs. */
    public static final String FORCE_EXTENSION = "file_delete_force";

    private static final String FILES = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files";

    private final IncusHttp http;
    private final Calls calls;
    private final FileTransfers transfers;
    private final String pool;

    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageVolumeFilesApi(Calls calls, String pool) {
        this.http = calls.http();
        this.calls = calls;
        this.transfers = new FileTransfers(calls.http());
        this.pool = Names.segment("pool", pool);
    }

    /**
     * Reads a whole file into memory (limited to the client's {@code maxResponseSize}).
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume
     * @return the content; an {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is
     *     no such path; an {@link IncusException} if it is a directory
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<byte[]> read(String volume, String path) {
        return calls.requiring(EXTENSION, transfers.read(get(volume, path), path, where(volume)));
    }

    /**
     * Downloads a file to a local path, streaming it. An existing local file is replaced once the
     * daemon has answered; if the transfer then fails, the partial local file is deleted.
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume
     * @param target the local file to write
     * @return what the daemon said about the file
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<InstanceFileInfo> download(String volume, String path, Path target) {
        Names.required("target", target);
        return calls.requiring(EXTENSION, transfers.download(get(volume, path), path, target, where(volume)));
    }

    /**
     * Lists the names of the entries of a directory (not recursive).
     *
     * @param volume the custom volume's name
     * @param directory the absolute path of a directory in the volume
     * @return the entry names; an {@link IncusException} if the path is not a directory
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<List<String>> list(String volume, String directory) {
        return calls.requiring(EXTENSION, transfers.list(get(volume, directory), directory, where(volume)));
    }

    /**
     * Reads what the daemon knows about a path, without its content ({@code HEAD}).
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume
     * @return the type, mode, owner, modification time and (for files) size; an
     *     {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is no such path
     */
    @Endpoint(method = "HEAD", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<InstanceFileInfo> stat(String volume, String path) {
        return calls.requiring(EXTENSION, transfers.stat(files(HttpMethod.HEAD, volume, path).build(), path));
    }

    /**
     * Writes a file from bytes, replacing its content (or appending, see
     * {@link FileWriteOptions#appending()}).
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume; its directory must exist
     * @param content the content
     * @param options owner, mode, append
     * @return completes when the daemon has written the file
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> write(String volume, String path, byte[] content, FileWriteOptions options) {
        Names.required("content", content);
        return push(volume, path, "file", options, BodyInserters.fromValue(content), content.length);
    }

    /**
     * Uploads a local file, streaming it: memory use does not grow with the file.
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume
     * @param source the local file
     * @param options owner, mode, append
     * @return completes when the daemon has written the file
     * @throws IllegalArgumentException if the local file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> upload(String volume, String path, Path source, FileWriteOptions options) {
        Downloads.requireFile("source", source);
        files(HttpMethod.POST, volume, path);  // checks the volume and path now, not on subscription
        Names.required("options", options);
        // push(...) checks the extension, before anything is sent.
        return Mono.fromCallable(() -> Downloads.size(source)).flatMap(size -> push(volume, path, "file", options,
                Downloads.upload(source).inserter(), size));
    }

    /**
     * Creates a directory; missing parents are not created.
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume
     * @param options owner and mode; {@code append} does not apply
     * @return completes when the directory exists
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> createDirectory(String volume, String path, FileWriteOptions options) {
        return push(volume, path, "directory", options, BodyInserters.empty(), -1);
    }

    /**
     * Deletes a file, a symbolic link or an empty directory.
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> delete(String volume, String path) {
        return calls.requiring(EXTENSION, http.send(files(HttpMethod.DELETE, volume, path).build()).then());
    }

    /**
     * Deletes a path and, for a directory, everything below it, in one request
     * ({@code X-Incus-force: true}; API extension {@value #FORCE_EXTENSION}).
     *
     * @param volume the custom volume's name
     * @param path the absolute path in the volume; {@code /} is refused
     * @return completes when everything is deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> deleteRecursively(String volume, String path) {
        IncusRequest.Builder checked = files(HttpMethod.DELETE, volume, path);
        FileTransfers.requireBelowRoot(path);
        IncusRequest request = checked.header("X-Incus-force", "true").build();
        return calls.requiring(EXTENSION, calls.requiring(FORCE_EXTENSION, http.send(request).then()));
    }

    private Mono<Void> push(String volume, String path, String type, FileWriteOptions options,
            BodyInserter<?, ? super ClientHttpRequest> body, long contentLength) {
        return calls.requiring(EXTENSION, transfers.push(files(HttpMethod.POST, volume, path), type, options, body,
                contentLength));
    }

    private IncusRequest.Builder files(HttpMethod method, String volume, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be an absolute path in the volume, got '" + path + "'");
        }
        return IncusRequest.of(method, FILES).path("poolName", "pool", pool)
                .path("type", "type", StorageVolumesApi.CUSTOM).path("volumeName", "volume", volume)
                .query("path", path);
    }

    private IncusRequest get(String volume, String path) {
        return files(HttpMethod.GET, volume, path).build();
    }

    private static String where(String volume) {
        return "volume '" + volume + "'";
    }
}
