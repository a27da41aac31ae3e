package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.Image;
import io.github.incus4j.client.model.ImageExportPost;
import io.github.incus4j.client.model.ImagePut;
import io.github.incus4j.client.model.ImagesPost;
import io.github.incus4j.client.model.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * Images: {@code /1.0/images}, and their aliases ({@link #aliases()}).
 *
 * <pre>{@code
 * ImagesApi images = client.images();
 * ImageExport files = images.export(fingerprint, Path.of("images")).block();   // SHA-256 checked
 * Operation published = images.create(ImagesPost.fromInstance("c1").withAlias("web-base", ""))
 *         .flatMap(op -> op.await(Duration.ofMinutes(10))).block();
 * String newFingerprint = ImagesApi.fingerprintOf(published);
 * }</pre>
 *
 * <p>An image is named by its fingerprint (SHA-256); where a fingerprint is read, a unique prefix
 * of it does too. Moving images: {@link #importUnified} and {@link #importSplit} upload files,
 * {@link #export} downloads them, {@link #create} makes an image from an instance or snapshot
 * ("publish") or from another server's image ("copy"), {@link #refresh} fetches a newer build,
 * {@link #push} sends one to another server, and {@link #createSecret}, {@link #expectPush} and
 * {@link #importPushed} hand out and use one-time secrets.
 */
public final class ImagesApi {

    private static final String COLLECTION = "/1.0/images";

    private final Calls calls;
    private final NamedCollection<Image> images;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ImagesApi(Calls calls) {
        this.calls = calls;
        this.images = new NamedCollection<>(calls, COLLECTION, "fingerprint", Map.of(), Image.class);
    }

    /**
     * Image aliases: {@code /1.0/images/aliases}.
     *
     * @return the aliases API
     */
    public ImageAliasesApi aliases() {
        return new ImageAliasesApi(calls);
    }

    /**
     * Lists the fingerprints of the images in the client's project ({@code recursion=0}).
     *
     * @return the fingerprints
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the fingerprints of the images that match the options ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the fingerprints
     */
    @Endpoint(method = "GET", path = "/1.0/images")
    public Mono<List<String>> listNames(ListOptions options) {
        return images.names(options);
    }

    /**
     * Lists the images in the client's project ({@code recursion=1}).
     *
     * @return the images
     */
    public Mono<List<Image>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the images that match the options ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the images
     */
    @Endpoint(method = "GET", path = "/1.0/images?recursion=1")
    public Mono<List<Image>> list(ListOptions options) {
        return images.list(options);
    }

    /**
     * Lists the fingerprints of the public images, the view of an untrusted client
     * ({@code GET /1.0/images?public}). A trusted client calling it sees every image, as for
     * {@link #listNames}.
     *
     * @return the fingerprints
     */
    public Mono<List<String>> listPublicNames() {
        return listPublicNames(ListOptions.NONE);
    }

    /**
     * Lists the fingerprints of the public images that match the options; see {@link #listPublicNames()}.
     *
     * @param options filter and project selection
     * @return the fingerprints
     */
    @Endpoint(method = "GET", path = "/1.0/images?public")
    public Mono<List<String>> listPublicNames(ListOptions options) {
        return calls.names(Names.required("options", options).applyTo(publicImages()).build());
    }

    /**
     * Lists the public images, the view of an untrusted client
     * ({@code GET /1.0/images?public&recursion=1}).
     *
     * @return the images
     */
    public Mono<List<Image>> listPublic() {
        return listPublic(ListOptions.NONE);
    }

    /**
     * Lists the public images that match the options; see {@link #listPublic()}.
     *
     * @param options filter and project selection
     * @return the images
     */
    @Endpoint(method = "GET", path = "/1.0/images?public&recursion=1")
    public Mono<List<Image>> listPublic(ListOptions options) {
        return calls.list(Names.required("options", options).applyTo(publicImages().query("recursion", "1")).build(),
                Calls.listOf(Image.class));
    }

    /**
     * Reads an image.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @return the image
     */
    public Mono<Image> get(String fingerprint) {
        return getWithEtag(fingerprint).map(ETagged::value);
    }

    /**
     * Reads an image with its ETag, for a later {@link #update}.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @return the image and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/images/{fingerprint}")
    public Mono<ETagged<Image>> getWithEtag(String fingerprint) {
        return images.get(fingerprint);
    }

    /**
     * Reads a public image as an untrusted client; see {@link #getPublic(String, String)}.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @return the image
     */
    public Mono<Image> getPublic(String fingerprint) {
        return getPublic(fingerprint, null);
    }

    /**
     * Reads an image as an untrusted client ({@code GET /1.0/images/{fingerprint}?public}): a
     * public image by itself, a private one with a secret from {@link #createSecret}. A private
     * image without a valid secret is not found (404), so as not to reveal that it exists.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @param secret the download secret, or {@code null} for a public image
     * @return the image
     */
    @Endpoint(method = "GET", path = "/1.0/images/{fingerprint}?public")
    public Mono<Image> getPublic(String fingerprint, @Nullable String secret) {
        IncusRequest.Builder request = images.one(HttpMethod.GET, "", fingerprint).query("public", null);
        if (secret != null) {
            request.query("secret", Names.segment("secret", secret));
        }
        return calls.object(request.build(), Image.class);
    }

    /**
     * Reads the image an alias points to.
     *
     * @param alias the alias name
     * @return the image
     */
    public Mono<Image> getByAlias(String alias) {
        return aliases().get(alias).flatMap(found -> get(found.target()));
    }

    /**
     * Replaces an image's settings ({@code PUT /1.0/images/{fingerprint}}).
     *
     * @param fingerprint the fingerprint
     * @param image the new settings, typically from {@link Image#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/images/{fingerprint}")
    public Mono<Void> update(String fingerprint, ImagePut image, @Nullable String etag) {
        Names.required("image", image);
        return images.update(fingerprint, image, etag);
    }

    /**
     * Changes only the given fields of an image ({@code PATCH /1.0/images/{fingerprint}}); the
     * others keep their values.
     *
     * @param fingerprint the fingerprint
     * @param changes the fields to change, as JSON-shaped values (for example
     *     {@code Map.of("public", true)} or {@code Map.of("properties", Map.of("description", "x"))};
     *     a {@code properties} map is merged key by key)
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/images/{fingerprint}")
    public Mono<Void> patch(String fingerprint, Object changes, @Nullable String etag) {
        return images.patch(fingerprint, changes, etag);
    }

    /**
     * Deletes an image.
     *
     * @param fingerprint the fingerprint
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/images/{fingerprint}")
    public Mono<OperationHandle> delete(String fingerprint) {
        return images.deleteInBackground(fingerprint);
    }

    /**
     * Uploads an image from a unified tarball, without aliases or properties, private; see
     * {@link #importUnified(Path, ImageUpload)}.
     *
     * @param tarball the image file
     * @return the upload's operation
     */
    public Mono<OperationHandle> importUnified(Path tarball) {
        return importUnified(tarball, ImageUpload.DEFAULTS);
    }

    /**
     * Uploads an image from a unified tarball (metadata and root file system in one file).
     * The file is streamed, not loaded into memory.
     *
     * @param tarball the image file
     * @param options aliases, properties and visibility
     * @return the upload's operation; {@link #fingerprintOf(Operation)} reads the new image's
     *     fingerprint from the final operation
     */
    @Endpoint(method = "POST", path = "/1.0/images")
    public Mono<OperationHandle> importUnified(Path tarball, ImageUpload options) {
        Downloads.requireFile("tarball", tarball);
        IncusRequest.Builder request = images.collection(HttpMethod.POST)
                .body(new IncusRequest.Body(BodyInserters.fromResource(new FileSystemResource(tarball)),
                        MediaType.APPLICATION_OCTET_STREAM));
        return calls.async(ImageFiles.upload(request, Names.required("options", options),
                tarball.getFileName().toString()));
    }

    /**
     * Uploads a split image without aliases or properties, private; see
     * {@link #importSplit(Path, Path, ImageUpload)}.
     *
     * @param metadata the metadata tarball
     * @param rootfs the root file system tarball
     * @return the upload's operation
     */
    public Mono<OperationHandle> importSplit(Path metadata, Path rootfs) {
        return importSplit(metadata, rootfs, ImageUpload.DEFAULTS);
    }

    /**
     * Uploads an image from separate metadata and root file system tarballs (a split image),
     * sent as {@code multipart/form-data}. The files are streamed.
     *
     * @param metadata the metadata tarball ({@code metadata.yaml} and templates)
     * @param rootfs the root file system tarball (or {@code rootfs.img} for a virtual machine)
     * @param options aliases, properties and visibility
     * @return the upload's operation
     */
    @Endpoint(method = "POST", path = "/1.0/images")
    public Mono<OperationHandle> importSplit(Path metadata, Path rootfs, ImageUpload options) {
        Downloads.requireFile("metadata", metadata);
        Downloads.requireFile("rootfs", rootfs);
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("metadata", new FileSystemResource(metadata)).filename(metadata.getFileName().toString());
        String rootfsPart = rootfs.getFileName().toString().endsWith(".img") ? "rootfs.img" : "rootfs";
        parts.part(rootfsPart, new FileSystemResource(rootfs)).filename(rootfs.getFileName().toString());
        IncusRequest.Builder request = images.collection(HttpMethod.POST)
                .body(new IncusRequest.Body(BodyInserters.fromMultipartData(parts.build()), MediaType.MULTIPART_FORM_DATA));
        return calls.async(ImageFiles.upload(request, Names.required("options", options),
                metadata.getFileName().toString()));
    }

    /**
     * Reads the fingerprint of the image an upload, a publish or a copy created, from its final
     * operation.
     *
     * @param finished the final operation of {@link #importUnified}, {@link #importSplit} or {@link #create}
     * @return the fingerprint
     */
    public static String fingerprintOf(Operation finished) {
        Object fingerprint = finished.metadata().get("fingerprint");
        if (fingerprint == null) {
            throw new IncusProtocolException(200, "operation " + finished.id() + " has no fingerprint in its metadata "
                    + "(is it an image upload, and has it finished?)", null);
        }
        return fingerprint.toString();
    }

    /**
     * Makes an image from something the daemon can reach ({@code POST /1.0/images} with a JSON
     * body): an instance or a snapshot of this server ({@link ImagesPost#fromInstance},
     * {@link ImagesPost#fromSnapshot}), or an image of another server, which the daemon downloads
     * itself ({@link ImagesPost#fromServer}).
     *
     * @param image the source, aliases and properties of the new image
     * @return the operation; {@link #fingerprintOf(Operation)} reads the new image's fingerprint
     *     from the final one
     */
    @Endpoint(method = "POST", path = "/1.0/images")
    public Mono<OperationHandle> create(ImagesPost image) {
        Names.required("image", image);
        return calls.async(images.collection(HttpMethod.POST).json(image).build());
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
        return ImageFiles.export(calls.http(), images.one(HttpMethod.GET, "/export", fingerprint).build(),
                fingerprint, directory);
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
        return ImageFiles.export(calls.http(), images.one(HttpMethod.GET, "/export", fingerprint)
                .query("secret", secret).build(), fingerprint, directory);
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
        return calls.async(images.one(HttpMethod.POST, "/refresh", fingerprint).build());
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
        IncusRequest request = images.one(HttpMethod.POST, "/secret", fingerprint).build();
        return calls.async(request).map(operation -> ImageSecret.of(operation, request.describe()));
    }

    /**
     * Makes the server push an image to another server
     * ({@code POST /1.0/images/{fingerprint}/export}; API extension {@code images_push_relay}), for
     * when the target cannot reach this server but this server can reach the target.
     *
     * @param fingerprint the fingerprint of the image to push
     * @param push the target, its upload secret and certificate
     * @return the push's operation
     */
    @Endpoint(method = "POST", path = "/1.0/images/{fingerprint}/export")
    public Mono<OperationHandle> push(String fingerprint, ImageExportPost push) {
        Names.required("push", push);
        Names.segment("push.target", push.target());
        return calls.async(images.one(HttpMethod.POST, "/export", fingerprint).json(push).build());
    }

    /**
     * Prepares this server to receive an image that another party pushes
     * ({@code POST /1.0/images} in push mode): the daemon hands out a one-time upload secret for
     * that fingerprint, to give to the pushing side ({@link #importPushed} from an untrusted
     * client, or another server through {@link #push}).
     *
     * @param fingerprint the SHA-256 fingerprint of the image to receive
     * @return the secret and the daemon's {@code token} operation, which ends when it is used
     *     ({@link OperationHandle#cancel()} revokes it)
     */
    @Endpoint(method = "POST", path = "/1.0/images")
    public Mono<ImageSecret> expectPush(String fingerprint) {
        Names.segment("fingerprint", fingerprint);
        IncusRequest request = images.collection(HttpMethod.POST)
                .json(Map.of("source", Map.of("fingerprint", fingerprint, "mode", "push"))).build();
        return calls.async(request).map(operation -> ImageSecret.of(operation, request.describe() + " (push mode)"));
    }

    /**
     * Uploads a unified image tarball with an upload secret, as an untrusted client may
     * ({@code POST /1.0/images?public}), then waits for the import with the secret the daemon
     * gives the import (an untrusted client cannot read the operation otherwise). The file is
     * streamed.
     *
     * @param tarball the unified image file; its SHA-256 must be the fingerprint
     * @param fingerprint the fingerprint the secret was made for
     * @param secret the upload secret from {@link #expectPush} on this server
     * @param timeout the longest time to wait for the import
     * @return the final import operation; a wrong or used secret fails with 403
     */
    @Endpoint(method = "POST", path = "/1.0/images?public")
    public Mono<Operation> importPushed(Path tarball, String fingerprint, String secret, Duration timeout) {
        Downloads.requireFile("tarball", tarball);
        Names.segment("fingerprint", fingerprint);
        Names.segment("secret", secret);
        Names.positive("timeout", timeout);
        IncusRequest request = images.collection(HttpMethod.POST)
                .body(new IncusRequest.Body(BodyInserters.fromResource(new FileSystemResource(tarball)),
                        MediaType.APPLICATION_OCTET_STREAM))
                .header("X-Incus-secret", secret)
                .header("X-Incus-fingerprint", fingerprint)
                .header("X-Incus-filename", tarball.getFileName().toString())
                .build();
        return calls.object(request, Operation.class).flatMap(started -> {
            Object waitSecret = started.metadata().get("secret");
            if (!(waitSecret instanceof String text) || text.isEmpty()) {
                return Mono.error(new IncusProtocolException(202, "the import operation " + started.id()
                        + " has no secret to wait with in its metadata: " + started.metadata(), null));
            }
            return new OperationsApi(calls).awaitPublic(started.id(), text, timeout);
        });
    }

    private IncusRequest.Builder publicImages() {
        return images.collection(HttpMethod.GET).query("public", null);
    }
}
