package io.github.incus4j.client;

import static io.github.incus4j.client.ClusterApi.clustered;

import io.github.incus4j.client.model.ClusterGroup;
import io.github.incus4j.client.model.ClusterGroupPut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The groups of cluster members: {@code /1.0/cluster/groups}, reached with
 * {@link ClusterApi#groups()}. A standalone server's refusals become
 * {@link io.github.incus4j.client.exception.IncusNotClusteredException} (see {@link ClusterApi}).
 */
public final class ClusterGroupsApi {

    private final NamedCollection<ClusterGroup> groups;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ClusterGroupsApi(Calls calls) {
        this.groups = new NamedCollection<>(calls, "/1.0/cluster/groups", "name", Map.of(), ClusterGroup.class);
    }

    /**
     * Lists the group names ({@code recursion=0}).
     *
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/groups")
    public Mono<List<String>> listNames() {
        return clustered(groups.names(ListOptions.NONE));
    }

    /**
     * Lists the groups ({@code recursion=1}).
     *
     * @return the groups
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/groups?recursion=1")
    public Mono<List<ClusterGroup>> list() {
        return clustered(groups.list(ListOptions.NONE));
    }

    /**
     * Reads a group with its ETag.
     *
     * @param name the group name
     * @return the group and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/groups/{name}")
    public Mono<ETagged<ClusterGroup>> getWithEtag(String name) {
        return clustered(groups.get(name));
    }

    /**
     * Reads a group.
     *
     * @param name the group name
     * @return the group
     */
    public Mono<ClusterGroup> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Creates a group.
     *
     * @param name the group name
     * @param group its members, description and configuration
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/groups")
    public Mono<Void> create(String name, ClusterGroupPut group) {
        return clustered(groups.create(name, group));
    }

    /**
     * Replaces a group's members, description and configuration.
     *
     * @param name the group name
     * @param group the new content
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster/groups/{name}")
    public Mono<Void> update(String name, ClusterGroupPut group, @Nullable String etag) {
        return clustered(groups.update(name, group, etag));
    }

    /**
     * Changes only the given fields of a group.
     *
     * @param name the group name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/cluster/groups/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return clustered(groups.patch(name, changes, etag));
    }

    /**
     * Renames a group.
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/groups/{name}")
    public Mono<Void> rename(String name, String newName) {
        return clustered(groups.rename(name, newName));
    }

    /**
     * Deletes a group without members. Incus 6.0.4 refuses one with members (HTTP 500 "Only empty
     * cluster groups can be removed") and the group {@code default} (HTTP 403).
     *
     * @param name the group name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/cluster/groups/{name}")
    public Mono<Void> delete(String name) {
        return clustered(groups.delete(name));
    }
}
