package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.Profile;
import io.github.incus4j.client.model.ProfilePut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Profiles: {@code /1.0/profiles}, in the client's project.
 *
 * <p>A project without {@code features.profiles=true} shares the profiles of {@code default}.
 */
public final class ProfilesApi {

    private final NamedCollection<Profile> profiles;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ProfilesApi(Calls calls) {
        this.profiles = new NamedCollection<>(calls, "/1.0/profiles", "name", Map.of(), Profile.class);
    }

    /**
     * Lists the profile names in the client's project ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the profile names ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/profiles")
    public Mono<List<String>> listNames(ListOptions options) {
        return profiles.names(options);
    }

    /**
     * Lists the profiles in the client's project ({@code recursion=1}).
     *
     * @return the profiles
     */
    public Mono<List<Profile>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the profiles ({@code recursion=1}).
     *
     * @param options filter and project selection; with {@link ListOptions#inAllProjects()} each
     *     profile names its {@link Profile#project()}
     * @return the profiles
     */
    @Endpoint(method = "GET", path = "/1.0/profiles?recursion=1")
    public Mono<List<Profile>> list(ListOptions options) {
        return profiles.list(options);
    }

    /**
     * Reads a profile.
     *
     * @param name the profile name
     * @return the profile
     */
    public Mono<Profile> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads a profile with its ETag, for a later {@link #update} or {@link #patch}.
     *
     * @param name the profile name
     * @return the profile and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/profiles/{name}")
    public Mono<ETagged<Profile>> getWithEtag(String name) {
        return profiles.get(name);
    }

    /**
     * Creates a profile. Incus 6.0 answers a name in use with HTTP 500 ("The profile already
     * exists"), not 409.
     *
     * @param name the profile name
     * @param profile its description, configuration and devices ({@link ProfilePut#empty()} for none)
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/profiles")
    public Mono<Void> create(String name, ProfilePut profile) {
        Names.required("profile", profile);
        return profiles.create(name, profile);
    }

    /**
     * Replaces a profile's description, configuration and devices.
     *
     * @param name the profile name
     * @param profile the new content, typically from {@link Profile#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null} to overwrite unconditionally;
     *     a stale one fails with {@link io.github.incus4j.client.exception.IncusPreconditionFailedException}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/profiles/{name}")
    public Mono<Void> update(String name, ProfilePut profile, @Nullable String etag) {
        Names.required("profile", profile);
        return profiles.update(name, profile, etag);
    }

    /**
     * Changes only the given fields of a profile; configuration keys and devices given are merged
     * into the existing ones.
     *
     * @param name the profile name
     * @param changes the fields to change, as a {@link ProfilePut} or JSON-shaped values such as
     *     {@code Map.of("config", Map.of("limits.cpu", "2"))}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/profiles/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return profiles.patch(name, changes, etag);
    }

    /**
     * Renames a profile.
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/profiles/{name}")
    public Mono<Void> rename(String name, String newName) {
        return profiles.rename(name, newName);
    }

    /**
     * Deletes a profile. Measured on Incus 6.0.4: a profile instances use is refused with HTTP 500
     * ("Profile is currently in use"), the {@code default} profile with 403 ("The "default" profile
     * cannot be deleted").
     *
     * @param name the profile name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/profiles/{name}")
    public Mono<Void> delete(String name) {
        return profiles.delete(name);
    }
}
