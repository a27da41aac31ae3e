package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.ImageAlias;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Image aliases: {@code /1.0/images/aliases}, reached with {@link ImagesApi#aliases()}.
 *
 * <pre>{@code
 * ImageAliasesApi aliases = client.images().aliases();
 * aliases.create(ImageAlias.of("web-base", fingerprint, "")).block();
 * String target = aliases.get("web-base").block().target();
 * }</pre>
 *
 * <p>Alias names may contain {@code /} ({@code team/web}): it travels percent-encoded, as one path
 * segment.
 */
public final class ImageAliasesApi {

    private final Calls calls;
    private final NamedCollection<ImageAlias> aliases;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ImageAliasesApi(Calls calls) {
        this.calls = calls;
        this.aliases = new NamedCollection<>(calls, "/1.0/images/aliases", "name", Map.of(), ImageAlias.class);
    }

    /**
     * Lists the alias names ({@code recursion=0}).
     *
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases")
    public Mono<List<String>> listNames() {
        return aliases.names(ListOptions.NONE);
    }

    /**
     * Lists the aliases ({@code recursion=1}).
     *
     * @return the aliases
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases?recursion=1")
    public Mono<List<ImageAlias>> list() {
        return aliases.list(ListOptions.NONE);
    }

    /**
     * Reads an alias.
     *
     * @param name the alias name
     * @return the alias; an {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    public Mono<ImageAlias> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads an alias with its ETag, for a later {@link #update} or {@link #patch}.
     *
     * @param name the alias name
     * @return the alias and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases/{name}")
    public Mono<ETagged<ImageAlias>> getWithEtag(String name) {
        return aliases.get(name);
    }

    /**
     * Reads an alias as an untrusted client ({@code GET /1.0/images/aliases/{name}?public}): only
     * aliases of public images are found; others are not found (404).
     *
     * @param name the alias name
     * @return the alias
     */
    @Endpoint(method = "GET", path = "/1.0/images/aliases/{name}?public")
    public Mono<ImageAlias> getPublic(String name) {
        return calls.object(aliases.one(HttpMethod.GET, "", name).query("public", null).build(), ImageAlias.class);
    }

    /**
     * Creates an alias. A name already in use fails with
     * {@link io.github.incus4j.client.exception.IncusConflictException}.
     *
     * @param alias the alias, see {@link ImageAlias#of}
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/images/aliases")
    public Mono<Void> create(ImageAlias alias) {
        Names.required("alias", alias);
        Names.segment("alias.name", alias.name());
        Names.segment("alias.target", alias.target());
        return aliases.create(alias);
    }

    /**
     * Renames an alias.
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/images/aliases/{name}")
    public Mono<Void> rename(String name, String newName) {
        return aliases.rename(name, newName);
    }

    /**
     * Points an alias at another image and sets its description.
     *
     * @param name the alias name
     * @param target the fingerprint of the image it should point to
     * @param description its description
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when updated
     */
    @Endpoint(method = "PUT", path = "/1.0/images/aliases/{name}")
    public Mono<Void> update(String name, String target, String description, @Nullable String etag) {
        Names.segment("target", target);
        Names.required("description", description);
        return aliases.update(name, Map.of("target", target, "description", description), etag);
    }

    /**
     * Changes only the given fields of an alias.
     *
     * @param name the alias name
     * @param changes the fields to change, such as {@code Map.of("description", "stable")} or
     *     {@code Map.of("target", fingerprint)}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/images/aliases/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return aliases.patch(name, changes, etag);
    }

    /**
     * Deletes an alias (the image stays).
     *
     * @param name the alias name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/images/aliases/{name}")
    public Mono<Void> delete(String name) {
        return aliases.delete(name);
    }
}
