package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusNotClusteredException;
import io.github.incus4j.client.model.Cluster;
import io.github.incus4j.client.model.ClusterGroup;
import io.github.incus4j.client.model.ClusterGroupPut;
import io.github.incus4j.client.model.ClusterMember;
import io.github.incus4j.client.model.ClusterMemberPut;
import io.github.incus4j.client.model.ClusterMemberState;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The cluster: {@code /1.0/cluster}, its members and its groups.
 *
 * <p>On a standalone server only {@link #get()} answers (with {@link Cluster#enabled()}
 * {@code false}); the daemon refuses the member and group endpoints with varying statuses, which
 * this class turns into {@link IncusNotClusteredException}. Some member endpoints of Incus 6.0
 * ({@code GET .../members/{name}/state}, {@code POST .../members/{name}} and
 * {@code POST .../members/{name}/state}) answer a standalone server with 404 "Cluster member not
 * found" instead, which stays an {@link io.github.incus4j.client.exception.IncusNotFoundException}.
 */
public final class ClusterApi {

    private final Calls calls;
    private final NamedCollection<ClusterMember> members;
    private final NamedCollection<ClusterGroup> groups;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ClusterApi(Calls calls) {
        this.calls = calls;
        this.members = new NamedCollection<>(calls, "/1.0/cluster/members", "name", Map.of(), ClusterMember.class);
        this.groups = new NamedCollection<>(calls, "/1.0/cluster/groups", "name", Map.of(), ClusterGroup.class);
    }

    /**
     * Reads the cluster configuration; a standalone server answers with clustering disabled.
     *
     * @return the cluster configuration
     */
    @Endpoint(method = "GET", path = "/1.0/cluster")
    public Mono<Cluster> get() {
        return calls.object(IncusRequest.get("/1.0/cluster").build(), Cluster.class);
    }

    /**
     * Tells whether this server is a cluster member.
     *
     * @return {@code true} when clustering is enabled
     */
    public Mono<Boolean> isClustered() {
        return get().map(Cluster::enabled);
    }

    /**
     * Enables clustering on this server, joins a cluster, or leaves it ({@code PUT /1.0/cluster}
     * with a {@code ClusterPut} body: {@code server_name}, {@code enabled}, and for a join
     * {@code cluster_token}, {@code server_address}, {@code member_config}). Joining runs in the
     * background; the other changes complete at once.
     *
     * @param body the JSON-shaped {@code ClusterPut}
     * @return the change's operation, already complete when the daemon answered at once
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster")
    public Mono<OperationHandle> update(Map<String, Object> body) {
        Names.required("body", body);
        return clustered(calls.syncOrAsync(IncusRequest.of(HttpMethod.PUT, "/1.0/cluster").json(body).build()));
    }

    /**
     * Replaces the certificate the cluster members share.
     *
     * @param certificatePem the new certificate in PEM
     * @param keyPem its private key in PEM
     * @return completes when every member has it
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster/certificate")
    public Mono<Void> updateCertificate(String certificatePem, String keyPem) {
        Names.segment("certificatePem", certificatePem);
        Names.segment("keyPem", keyPem);
        return clustered(calls.run(IncusRequest.of(HttpMethod.PUT, "/1.0/cluster/certificate")
                .json(Map.of("cluster_certificate", certificatePem, "cluster_certificate_key", keyPem)).build()));
    }

    /**
     * Lists the member names ({@code recursion=0}).
     *
     * @param options a filter
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members")
    public Mono<List<String>> listMemberNames(ListOptions options) {
        return clustered(members.names(options));
    }

    /**
     * Lists the members ({@code recursion=1}).
     *
     * @param options a filter
     * @return the members
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members?recursion=1")
    public Mono<List<ClusterMember>> listMembers(ListOptions options) {
        return clustered(members.list(options));
    }

    /**
     * Reads a member with its ETag.
     *
     * @param name the member name
     * @return the member and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members/{name}")
    public Mono<ETagged<ClusterMember>> getMemberWithEtag(String name) {
        return clustered(members.get(name));
    }

    /**
     * Reads a member.
     *
     * @param name the member name
     * @return the member
     */
    public Mono<ClusterMember> getMember(String name) {
        return getMemberWithEtag(name).map(ETagged::value);
    }

    /**
     * Asks for a token with which a new server joins the cluster.
     *
     * @param serverName the name the new member will have
     * @return the token's operation; its metadata holds the token
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/members")
    public Mono<OperationHandle> createJoinToken(String serverName) {
        Names.segment("serverName", serverName);
        return clustered(calls.async(members.collection(HttpMethod.POST).json(Map.of("server_name", serverName))
                .build()));
    }

    /**
     * Replaces a member's description, configuration, roles, failure domain and groups.
     *
     * @param name the member name
     * @param member the new content, typically from {@link ClusterMember#toPut()}
     * @param etag the ETag from {@link #getMemberWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster/members/{name}")
    public Mono<Void> updateMember(String name, ClusterMemberPut member, @Nullable String etag) {
        return clustered(members.update(name, member, etag));
    }

    /**
     * Changes only the given fields of a member.
     *
     * @param name the member name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getMemberWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/cluster/members/{name}")
    public Mono<Void> patchMember(String name, Object changes, @Nullable String etag) {
        return clustered(members.patch(name, changes, etag));
    }

    /**
     * Renames a member.
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/members/{name}")
    public Mono<Void> renameMember(String name, String newName) {
        Names.segment("newName", newName);
        return clustered(calls.run(members.one(HttpMethod.POST, "", name).json(Map.of("server_name", newName))
                .build()));
    }

    /**
     * Removes a member from the cluster.
     *
     * @param name the member name
     * @param force {@code true} to remove a member that cannot be reached
     * @return completes when removed
     */
    @Endpoint(method = "DELETE", path = "/1.0/cluster/members/{name}")
    public Mono<Void> deleteMember(String name, boolean force) {
        IncusRequest.Builder request = members.one(HttpMethod.DELETE, "", name);
        if (force) {
            request.query("force", "1");
        }
        return clustered(calls.run(request.build()));
    }

    /**
     * Reads a member's state: storage pool usage and system information.
     *
     * @param name the member name
     * @return the state
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members/{name}/state")
    public Mono<ClusterMemberState> memberState(String name) {
        return clustered(calls.object(members.one(HttpMethod.GET, "/state", name).build(), ClusterMemberState.class));
    }

    /**
     * Evacuates a member (moves or stops its instances) or restores it.
     *
     * @param name the member name
     * @param action {@code evacuate} or {@code restore}
     * @param mode for evacuation: {@code auto}, {@code live-migrate}, {@code migrate}, {@code stop};
     *     empty for the default
     * @return the operation
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/members/{name}/state")
    public Mono<OperationHandle> changeMemberState(String name, String action, String mode) {
        Names.segment("action", action);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("action", action);
        if (mode != null && !mode.isEmpty()) {
            body.put("mode", mode);
        }
        return clustered(calls.async(members.one(HttpMethod.POST, "/state", name).json(body).build()));
    }

    /**
     * Lists the group names ({@code recursion=0}).
     *
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/groups")
    public Mono<List<String>> listGroupNames() {
        return clustered(groups.names(ListOptions.NONE));
    }

    /**
     * Lists the groups ({@code recursion=1}).
     *
     * @return the groups
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/groups?recursion=1")
    public Mono<List<ClusterGroup>> listGroups() {
        return clustered(groups.list(ListOptions.NONE));
    }

    /**
     * Reads a group with its ETag.
     *
     * @param name the group name
     * @return the group and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/groups/{name}")
    public Mono<ETagged<ClusterGroup>> getGroupWithEtag(String name) {
        return clustered(groups.get(name));
    }

    /**
     * Creates a group.
     *
     * @param name the group name
     * @param group its members, description and configuration
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/groups")
    public Mono<Void> createGroup(String name, ClusterGroupPut group) {
        return clustered(groups.create(name, group));
    }

    /**
     * Replaces a group's members, description and configuration.
     *
     * @param name the group name
     * @param group the new content
     * @param etag the ETag from {@link #getGroupWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster/groups/{name}")
    public Mono<Void> updateGroup(String name, ClusterGroupPut group, @Nullable String etag) {
        return clustered(groups.update(name, group, etag));
    }

    /**
     * Changes only the given fields of a group.
     *
     * @param name the group name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getGroupWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/cluster/groups/{name}")
    public Mono<Void> patchGroup(String name, Object changes, @Nullable String etag) {
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
    public Mono<Void> renameGroup(String name, String newName) {
        return clustered(groups.rename(name, newName));
    }

    /**
     * Deletes a group.
     *
     * @param name the group name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/cluster/groups/{name}")
    public Mono<Void> deleteGroup(String name) {
        return clustered(groups.delete(name));
    }

    /** Turns the daemon's "not clustered" answers, whatever their status, into one exception. */
    private static <T> Mono<T> clustered(Mono<T> call) {
        return call.onErrorMap(ClusterApi::isNotClustered, failure -> new IncusNotClusteredException(
                (IncusApiException) failure));
    }

    private static boolean isNotClustered(Throwable failure) {
        return failure instanceof IncusApiException answer && !(failure instanceof IncusNotClusteredException)
                && answer.serverMessage().toLowerCase(java.util.Locale.ROOT).contains("not clustered");
    }
}
