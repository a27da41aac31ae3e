package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.Image;
import io.github.incus4j.client.model.ImageAlias;
import io.github.incus4j.client.model.ImageExportPost;
import io.github.incus4j.client.model.ImagePut;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.ResourceUrls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Images and image aliases: {@code /1.0/images}.
 */
public final class ImagesApi {

    private static final String COLLECTION = "/1.0/images";
    private static final String ONE = "/1.0/images/{fingerprint}";
    private static final String ALIASES = "/1.0/images/aliases";
    private static final String ALIAS = "/1.0/images/aliases/{name}";

    private static final JavaType STRINGS = IncusJson.mapper().getTypeFactory()
            .constructCollectionType(List.class, String.class);
    private static final JavaType IMAGES = IncusJson.mapper().getTypeFactory()
            .constructCollectionType(List.class, Image.class);
    private static final JavaType ALIAS_LIST = IncusJson.mapper().getTypeFactory()
            .constructCollectionType(List.class, ImageAlias.class);

    private final Calls calls;
    private final IncusHttp http;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ImagesApi(Calls calls) {
        this.calls = calls;
        this.http = calls.http();
    }

    /**
     * Lists the fingerprints of the images ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the fingerprints
     */
    @Endpoint(method = "GET", path = "/1.0/images")
    public Mono<List<String>> listFingerprints(ListOptions options) {
        IncusRequest request = Names.required("options", options).applyTo(IncusRequest.get(COLLECTION)).build();
        return http.send(request).map(response -> ResourceUrls.names(response.metadataAs(STRINGS), COLLECTION));
    }

    /**
     * Lists the images ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the images
     */
    @Endpoint(method = "GET", path = "/1.0/images?recursion=1")
    public Mono<List<Image>> list(ListOptions options) {
        IncusRequest request = Names.required("options", options)
                .applyTo(IncusRequest.get(COLLECTION).query("recursion", "1")).build();
        return http.send(request).map(response -> response.metadataAs(IMAGES));
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
        IncusRequest request = IncusRequest.get(ONE).path("fingerprint", "fingerprint", fingerprint).build();
        return http.send(request).map(response -> new ETagged<>(response.metadataAs(Image.class), response.etag()));
    }

    /**
     * Reads the image an alias points to.
     *
     * @param alias the alias name
     * @return the image
     */
    public Mono<Image> getByAlias(String alias) {
        return getAlias(alias).flatMap(found -> get(found.target()));
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
        return http.send(IncusRequest.of(HttpMethod.PUT, ONE).path("fingerprint", "fingerprint", fingerprint)
                .json(image).ifMatch(etag).build()).then();
    }

    /**
     * Deletes an image.
     *
     * @param fingerprint the fingerprint
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/images/{fingerprint}")
    public Mono<OperationHandle> delete(String fingerprint) {
        IncusRequest request = IncusRequest.of(HttpMethod.DELETE, ONE)
                .path("fingerprint", "fingerprint", fingerprint).build();
        return http.send(request).flatMap(response -> Operations.handle(http, response));
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
        IncusRequest.Builder request = IncusRequest.of(HttpMethod.POST, COLLECTION)
                .body(new IncusRequest.Body(BodyInserters.fromResource(new FileSystemResource(tarball)),
                        MediaType.APPLICATION_OCTET_STREAM));
        return upload(request, Names.required("options", options), tarball.getFileName().toString());
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
        IncusRequest.Builder request = IncusRequest.of(HttpMethod.POST, COLLECTION)
                .body(new IncusRequest.Body(BodyInserters.fromMultipartData(parts.build()), MediaType.MULTIPART_FORM_DATA));
        return upload(request, Names.required("options", options), metadata.getFileName().toString());
    }

    /**
     * Reads the fingerprint of the image an upload created, from its final operation.
     *
     * @param finished the final operation of {@link #importUnified} or {@link #importSplit}
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

    private Mono<OperationHandle> upload(IncusRequest.Builder request, ImageUpload options, String defaultFilename) {
        request.header("X-Incus-filename", options.filename().isEmpty() ? defaultFilename : options.filename());
        if (options.isPublic()) {
            request.header("X-Incus-public", "true");
        }
        if (!options.properties().isEmpty()) {
            request.header("X-Incus-properties", form(options.properties()));
        }
        if (!options.aliases().isEmpty()) {
            request.header("X-Incus-aliases", options.aliases().stream().map(alias -> "alias=" + encode(alias))
                    .collect(Collectors.joining("&")));
        }
        return http.send(request.build()).flatMap(response -> Operations.handle(http, response));
    }

    /**
     * Lists the image aliases.
     *
     * @return the aliases
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases?recursion=1")
    public Mono<List<ImageAlias>> listAliases() {
        return http.send(IncusRequest.get(ALIASES).query("recursion", "1").build())
                .map(response -> response.metadataAs(ALIAS_LIST));
    }

    /**
     * Reads an image alias.
     *
     * @param name the alias name (it may contain {@code /})
     * @return the alias
     */
    public Mono<ImageAlias> getAlias(String name) {
        return getAliasWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads an image alias with its ETag.
     *
     * @param name the alias name
     * @return the alias and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases/{name}")
    public Mono<ETagged<ImageAlias>> getAliasWithEtag(String name) {
        IncusRequest request = IncusRequest.get(ALIAS).path("name", "name", name).build();
        return http.send(request).map(response -> new ETagged<>(response.metadataAs(ImageAlias.class), response.etag()));
    }

    /**
     * Creates an image alias. A name already in use fails with
     * {@link io.github.incus4j.client.exception.IncusConflictException}.
     *
     * @param alias the alias, see {@link ImageAlias#of}
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/images/aliases")
    public Mono<Void> createAlias(ImageAlias alias) {
        Names.required("alias", alias);
        Names.segment("alias.name", alias.name());
        Names.segment("alias.target", alias.target());
        return http.send(IncusRequest.of(HttpMethod.POST, ALIASES).json(alias).build()).then();
    }

    /**
     * Renames an image alias.
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/images/aliases/{name}")
    public Mono<Void> renameAlias(String name, String newName) {
        Names.segment("newName", newName);
        return http.send(IncusRequest.of(HttpMethod.POST, ALIAS).path("name", "name", name)
                .json(Map.of("name", newName)).build()).then();
    }

    /**
     * Points an alias at another image or changes its description.
     *
     * @param name the alias name
     * @param target the fingerprint of the image it should point to
     * @param description its description
     * @param etag the ETag from {@link #getAliasWithEtag}, or {@code null}
     * @return completes when updated
     */
    @Endpoint(method = "PUT", path = "/1.0/images/aliases/{name}")
    public Mono<Void> updateAlias(String name, String target, String description, @Nullable String etag) {
        Names.segment("target", target);
        Names.required("description", description);
        return http.send(IncusRequest.of(HttpMethod.PUT, ALIAS).path("name", "name", name)
                .json(Map.of("target", target, "description", description)).ifMatch(etag).build()).then();
    }

    /**
     * Deletes an image alias (the image stays).
     *
     * @param name the alias name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/images/aliases/{name}")
    public Mono<Void> deleteAlias(String name) {
        return http.send(IncusRequest.of(HttpMethod.DELETE, ALIAS).path("name", "name", name).build()).then();
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
        Names.required("changes", changes);
        return http.send(IncusRequest.of(HttpMethod.PATCH, ONE).path("fingerprint", "fingerprint", fingerprint)
                .json(changes).ifMatch(etag).build()).then();
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
        IncusRequest request = IncusRequest.of(HttpMethod.POST, ONE + "/export")
                .path("fingerprint", "fingerprint", fingerprint).json(push).build();
        return http.send(request).flatMap(response -> Operations.handle(http, response));
    }

    /**
     * Lists the fingerprints of the public images, the view of an untrusted client
     * ({@code GET /1.0/images?public}). A trusted client calling it sees every image, as for
     * {@link #listFingerprints}.
     *
     * @param options filter and project selection
     * @return the fingerprints
     */
    @Endpoint(method = "GET", path = "/1.0/images?public")
    public Mono<List<String>> listPublicFingerprints(ListOptions options) {
        IncusRequest request = Names.required("options", options)
                .applyTo(IncusRequest.get(COLLECTION).query("public", null)).build();
        return http.send(request).map(response -> ResourceUrls.names(response.metadataAs(STRINGS), COLLECTION));
    }

    /**
     * Lists the public images, the view of an untrusted client
     * ({@code GET /1.0/images?public&recursion=1}).
     *
     * @param options filter and project selection
     * @return the images
     */
    @Endpoint(method = "GET", path = "/1.0/images?public&recursion=1")
    public Mono<List<Image>> listPublic(ListOptions options) {
        IncusRequest request = Names.required("options", options)
                .applyTo(IncusRequest.get(COLLECTION).query("public", null).query("recursion", "1")).build();
        return http.send(request).map(response -> response.metadataAs(IMAGES));
    }

    /**
     * Reads an image as an untrusted client ({@code GET /1.0/images/{fingerprint}?public}): a
     * public image by itself, a private one with a secret from
     * {@link ImageTransfersApi#createSecret}. A private image without a valid secret is not found
     * (404), so as not to reveal that it exists.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @param secret the download secret, or {@code null} for a public image
     * @return the image
     */
    @Endpoint(method = "GET", path = "/1.0/images/{fingerprint}?public")
    public Mono<Image> getPublic(String fingerprint, @Nullable String secret) {
        IncusRequest.Builder request = IncusRequest.get(ONE).path("fingerprint", "fingerprint", fingerprint)
                .query("public", null);
        if (secret != null) {
            request.query("secret", Names.segment("secret", secret));
        }
        return http.send(request.build()).map(response -> response.metadataAs(Image.class));
    }

    /**
     * Lists the names of the image aliases ({@code recursion=0}).
     *
     * @return the alias names (they may contain {@code /})
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases")
    public Mono<List<String>> listAliasNames() {
        return http.send(IncusRequest.get(ALIASES).build()).map(response -> (response.metadataKind() == IncusResponse.MetadataKind.NULL)
                ? List.<String>of() : ResourceUrls.names(response.metadataAs(STRINGS), ALIASES));
    }

    /**
     * Changes only the given fields of an alias ({@code PATCH /1.0/images/aliases/{name}}).
     *
     * @param name the alias name
     * @param changes the fields to change, such as {@code Map.of("description", "stable")} or
     *     {@code Map.of("target", fingerprint)}
     * @param etag the ETag from {@link #getAliasWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/images/aliases/{name}")
    public Mono<Void> patchAlias(String name, Object changes, @Nullable String etag) {
        Names.required("changes", changes);
        return http.send(IncusRequest.of(HttpMethod.PATCH, ALIAS).path("name", "name", name).json(changes)
                .ifMatch(etag).build()).then();
    }

    /**
     * Reads an image alias as an untrusted client ({@code GET /1.0/images/aliases/{name}?public}):
     * only aliases of public images are found; others are not found (404).
     *
     * @param name the alias name
     * @return the alias
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases/{name}?public")
    public Mono<ImageAlias> getPublicAlias(String name) {
        IncusRequest request = IncusRequest.get(ALIAS).path("name", "name", name).query("public", null).build();
        return http.send(request).map(response -> response.metadataAs(ImageAlias.class));
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
        IncusRequest request = IncusRequest.of(HttpMethod.POST, COLLECTION)
                .json(Map.of("source", Map.of("fingerprint", fingerprint, "mode", "push"))).build();
        return http.send(request).flatMap(response -> Operations.handle(http, response))
                .map(operation -> ImageSecret.of(operation, request.describe() + " (push mode)"));
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
        IncusRequest request = IncusRequest.of(HttpMethod.POST, COLLECTION)
                .body(new IncusRequest.Body(BodyInserters.fromResource(new FileSystemResource(tarball)),
                        MediaType.APPLICATION_OCTET_STREAM))
                .header("X-Incus-secret", secret)
                .header("X-Incus-fingerprint", fingerprint)
                .header("X-Incus-filename", tarball.getFileName().toString())
                .build();
        return http.send(request).map(response -> response.metadataAs(Operation.class)).flatMap(started -> {
            Object waitSecret = started.metadata().get("secret");
            if (!(waitSecret instanceof String text) || text.isEmpty()) {
                return Mono.error(new IncusProtocolException(202, "the import operation " + started.id()
                        + " has no secret to wait with in its metadata: " + started.metadata(), null));
            }
            return new OperationsApi(calls).awaitPublic(started.id(), text, timeout);
        });
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
