package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.InstanceFileInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * The files in one custom volume, without an instance:
 * {@code /1.0/storage-pools/{pool}/volumes/custom/{volume}/files?path=...}, reached with
 * {@link StorageVolumesApi#files(String)}.
 *
 * <pre>{@code
 * StorageVolumeFilesApi files = incus.storagePools().volumes("default").files("data");
 * files.write("/config.yml", bytes, FileWriteOptions.defaults().withMode(0600)).block();
 * files.download("/dump.sql", Path.of("dump.sql")).block();          // streamed, any size
 * }</pre>
 *
 * <p>Paths are absolute paths inside the volume. The headers and answers are those of instance
 * files ({@link InstanceFilesApi}); the file information comes back as an {@link InstanceFileInfo}. An
 * error of the daemon about a path names the volume and the path in its {@code path()}
 * ({@code .../volumes/custom/data/files?path=/missing}), since the daemon's own text ("not found")
 * names neither.
 *
 * <p>Everything needs the API extension {@value #EXTENSION}, which Incus 6.0 does not have: every
 * call checks it first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} naming it, without sending
 * anything.
 */
public final class StorageVolumeFilesApi {

    /** The API extension volume files need. */
    public static final String EXTENSION = "file_storage_volume";

    /** The API extension {@link #deleteRecursively} needs. */
    public static final String FORCE_EXTENSION = "file_delete_force";

    private static final String FILES = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files";

    private final Calls calls;
    private final IncusHttp http;
    private final FileTransfers transfers;
    private final Map<String, String> volume;
    private final String where;

    /**
     * Creates the API for one custom volume.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param volume the volume's template variables, checked ({@link StorageVolumesApi#scope})
     */
    StorageVolumeFilesApi(Calls calls, Map<String, String> volume) {
        this.calls = calls;
        this.http = calls.http();
        this.transfers = new FileTransfers(calls.http());
        this.volume = volume;
        this.where = "volume '" + volume.get("volumeName") + "' of pool '" + volume.get("poolName") + "'";
    }

    /**
     * Reads a whole file into memory (limited to the client's {@code maxResponseSize}).
     *
     * @param path the absolute path in the volume
     * @return the content; an {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is
     *     no such path; an {@link IncusException} if it is a directory
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<byte[]> read(String path) {
        return guarded(path, transfers.read(files(HttpMethod.GET, path).build(), path, where));
    }

    /**
     * Downloads a file to a local path, streaming it. An existing local file is replaced once the
     * daemon has answered; if the transfer then fails, the partial local file is deleted.
     *
     * @param path the absolute path in the volume
     * @param target the local file to write
     * @return what the daemon said about the file
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<InstanceFileInfo> download(String path, Path target) {
        Names.required("target", target);
        return guarded(path, transfers.download(files(HttpMethod.GET, path).build(), path, target, where));
    }

    /**
     * Lists the names of the entries of a directory (not recursive).
     *
     * @param directory the absolute path of a directory in the volume
     * @return the entry names; an {@link IncusException} naming the volume and the path if it is not
     *     a directory
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<List<String>> list(String directory) {
        return guarded(directory, transfers.list(files(HttpMethod.GET, directory).build(), directory, where));
    }

    /**
     * Reads what the daemon knows about a path, without its content ({@code HEAD}).
     *
     * @param path the absolute path in the volume
     * @return the type, mode, owner, modification time and (for files) size; an
     *     {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is no such path
     */
    @Endpoint(method = "HEAD", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<InstanceFileInfo> stat(String path) {
        return guarded(path, transfers.stat(files(HttpMethod.HEAD, path).build(), path));
    }

    /**
     * Writes a file from bytes with the daemon's default owner and mode, replacing its content.
     *
     * @param path the absolute path in the volume; its directory must exist
     * @param content the content
     * @return completes when the daemon has written the file
     */
    public Mono<Void> write(String path, byte[] content) {
        return write(path, content, FileWriteOptions.defaults());
    }

    /**
     * Writes a file from bytes, replacing its content (or appending, see
     * {@link FileWriteOptions#appending()}).
     *
     * @param path the absolute path in the volume; its directory must exist
     * @param content the content
     * @param options owner, mode, append
     * @return completes when the daemon has written the file
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> write(String path, byte[] content, FileWriteOptions options) {
        Names.required("content", content);
        return push(path, "file", options, BodyInserters.fromValue(content), content.length);
    }

    /**
     * Uploads a local file with the daemon's default owner and mode, streaming it.
     *
     * @param path the absolute path in the volume
     * @param source the local file
     * @return completes when the daemon has written the file
     * @throws IllegalArgumentException if the local file is not a readable regular file
     */
    public Mono<Void> upload(String path, Path source) {
        return upload(path, source, FileWriteOptions.defaults());
    }

    /**
     * Uploads a local file, streaming it: memory use does not grow with the file.
     *
     * @param path the absolute path in the volume
     * @param source the local file
     * @param options owner, mode, append
     * @return completes when the daemon has written the file
     * @throws IllegalArgumentException if the local file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> upload(String path, Path source, FileWriteOptions options) {
        Downloads.requireFile("source", source);
        files(HttpMethod.POST, path);  // checks the path now, not on subscription
        Names.required("options", options);
        // push(...) checks the extension, before anything is sent.
        // Chunked, as instance files are (InstanceFilesApi.upload says why).
        return Mono.defer(() -> push(path, "file", options, Downloads.upload(source).inserter(), -1));
    }

    /**
     * Creates a directory with the daemon's default owner and mode; missing parents are not created.
     *
     * @param path the absolute path in the volume
     * @return completes when the directory exists
     */
    public Mono<Void> createDirectory(String path) {
        return createDirectory(path, FileWriteOptions.defaults());
    }

    /**
     * Creates a directory; missing parents are not created.
     *
     * @param path the absolute path in the volume
     * @param options owner and mode; {@code append} does not apply
     * @return completes when the directory exists
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> createDirectory(String path, FileWriteOptions options) {
        return push(path, "directory", options, BodyInserters.empty(), -1);
    }

    /**
     * Deletes a file, a symbolic link or an empty directory.
     *
     * @param path the absolute path in the volume
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> delete(String path) {
        return guarded(path, http.send(files(HttpMethod.DELETE, path).build()).then());
    }

    /**
     * Deletes a path and, for a directory, everything below it, in one request
     * ({@code X-Incus-force: true}; API extension {@value #FORCE_EXTENSION}).
     *
     * @param path the absolute path in the volume; {@code /} is refused
     * @return completes when everything is deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/files")
    public Mono<Void> deleteRecursively(String path) {
        IncusRequest.Builder checked = files(HttpMethod.DELETE, path);
        FileTransfers.requireBelowRoot(path);
        IncusRequest request = checked.header("X-Incus-force", "true").build();
        return calls.requiring(FORCE_EXTENSION, guarded(path, http.send(request).then()));
    }

    private Mono<Void> push(String path, String type, FileWriteOptions options,
            BodyInserter<?, ? super ClientHttpRequest> body, long contentLength) {
        return guarded(path, transfers.push(files(HttpMethod.POST, path), type, options, body, contentLength));
    }

    private IncusRequest.Builder files(HttpMethod method, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be an absolute path in the volume, got '" + path + "'");
        }
        IncusRequest.Builder request = IncusRequest.of(method, FILES);
        volume.forEach((variable, value) -> request.path(variable, variable, value));
        return request.query("path", path);
    }

    /**
     * Checks the extension before the call, and puts the path into the daemon's errors: its text
     * ("not found") and the request path name the volume but not the file.
     */
    private <T> Mono<T> guarded(String path, Mono<T> call) {
        return calls.requiring(EXTENSION, call.onErrorMap(IncusApiException.class, failure -> failure.path()
                .contains("?") ? failure : IncusApiException.of(failure.status(), failure.errorCode(),
                        failure.serverMessage(), failure.method(), failure.path() + "?path=" + path)));
    }
}
