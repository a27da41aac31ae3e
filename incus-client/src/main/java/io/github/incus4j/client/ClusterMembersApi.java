package io.github.incus4j.client;

import static io.github.incus4j.client.ClusterApi.clustered;

import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.ClusterJoinToken;
import io.github.incus4j.client.model.ClusterMember;
import io.github.incus4j.client.model.ClusterMemberPut;
import io.github.incus4j.client.model.ClusterMemberState;
import io.github.incus4j.client.model.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The members of the cluster: {@code /1.0/cluster/members}, reached with
 * {@link ClusterApi#members()}. A standalone server's refusals become
 * {@link io.github.incus4j.client.exception.IncusNotClusteredException} (see {@link ClusterApi}).
 */
public final class ClusterMembersApi {

    private final Calls calls;
    private final NamedCollection<ClusterMember> members;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ClusterMembersApi(Calls calls) {
        this.calls = calls;
        this.members = new NamedCollection<>(calls, "/1.0/cluster/members", "name", Map.of(), ClusterMember.class);
    }

    /**
     * Lists the member names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the member names ({@code recursion=0}).
     *
     * @param options a filter
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members")
    public Mono<List<String>> listNames(ListOptions options) {
        return clustered(members.names(options));
    }

    /**
     * Lists the members ({@code recursion=1}).
     *
     * @return the members
     */
    public Mono<List<ClusterMember>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the members ({@code recursion=1}).
     *
     * @param options a filter
     * @return the members
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members?recursion=1")
    public Mono<List<ClusterMember>> list(ListOptions options) {
        return clustered(members.list(options));
    }

    /**
     * Reads a member with its ETag.
     *
     * @param name the member name
     * @return the member and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members/{name}")
    public Mono<ETagged<ClusterMember>> getWithEtag(String name) {
        return clustered(members.get(name));
    }

    /**
     * Reads a member.
     *
     * @param name the member name
     * @return the member
     */
    public Mono<ClusterMember> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Issues a token with which one new server joins the cluster, as {@code incus cluster add NAME}
     * does. Give {@link ClusterJoinToken#encoded()} to the new server ({@code incus admin init}, or
     * {@link ClusterApi#join(String, String, List)} through a client of that server). The cluster
     * keeps the token as a running operation of class {@code token} until it is used, expires
     * ({@code cluster.join_token_expiry}, 3 hours by default) or is revoked.
     *
     * @param serverName the name the new member will have
     * @return the token
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/members")
    public Mono<ClusterJoinToken> createJoinToken(String serverName) {
        Names.segment("serverName", serverName);
        return clustered(calls.async(members.collection(HttpMethod.POST).json(Map.of("server_name", serverName))
                .build())).map(operation -> ClusterJoinToken.fromOperation(operation.lastSeen()));
    }

    /**
     * Lists the join tokens not used, expired or revoked yet, as {@code incus cluster list-tokens}
     * does: they are the running operations of class {@code token} that carry a server name.
     *
     * @return the pending tokens
     */
    @Endpoint(method = "GET", path = "/1.0/operations?recursion=1")
    public Mono<List<ClusterJoinToken>> listJoinTokens() {
        return joinTokenOperations().map(operations -> operations.stream().map(ClusterJoinToken::fromOperation)
                .toList());
    }

    /**
     * Revokes the pending join token of a server name, as {@code incus cluster revoke-token} does:
     * the token's operation is cancelled.
     *
     * @param serverName the name the token was issued for
     * @return completes once revoked
     * @throws io.github.incus4j.client.exception.IncusNotFoundException (signalled) if no pending
     *     token has that name
     */
    @Endpoint(method = "DELETE", path = "/1.0/operations/{id}")
    public Mono<Void> revokeJoinToken(String serverName) {
        Names.segment("serverName", serverName);
        return joinTokenOperations().flatMap(operations -> operations.stream()
                .filter(operation -> serverName.equals(operation.metadata().get("serverName")))
                .findFirst()
                .map(operation -> calls.run(IncusRequest.of(HttpMethod.DELETE, "/1.0/operations/{id}")
                        .path("id", "operation id", operation.id()).build()))
                .orElseGet(() -> Mono.error(new IncusNotFoundException(404, "no pending cluster join token for '"
                        + serverName + "'", "DELETE", "/1.0/operations"))));
    }

    private Mono<List<Operation>> joinTokenOperations() {
        // A used or revoked token's operation stays listed, ended, for a few seconds.
        return clustered(new OperationsApi(calls).list()).map(operations -> operations.stream()
                .filter(operation -> ClusterJoinToken.isJoinToken(operation) && !operation.isFinal()).toList());
    }

    /**
     * Replaces a member's description, configuration, roles, failure domain and groups.
     *
     * @param name the member name
     * @param member the new content, typically from {@link ClusterMember#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster/members/{name}")
    public Mono<Void> update(String name, ClusterMemberPut member, @Nullable String etag) {
        return clustered(members.update(name, member, etag));
    }

    /**
     * Changes the given fields of a member. Configuration keys are merged, but Incus 6.0.4 takes
     * missing {@code roles}, {@code groups} and {@code failure_domain} as emptied and refuses (HTTP
     * 400 "The "database" role cannot be dropped at this time", 400 "Cluster members need to belong to
     * at least one group", 500 "Failure domain name can't be empty", measured): send them along, or
     * use {@link #update} with {@link ClusterMember#toPut()}.
     *
     * @param name the member name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/cluster/members/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return clustered(members.patch(name, changes, etag));
    }

    /**
     * Renames a member. A standalone Incus 6.0.4 server answers 404 for any name but {@code none},
     * its own entry, which it renames: {@code GET /1.0/cluster} then reports {@code enabled: true}
     * with the new name (measured), so check {@link ClusterApi#isClustered()} first.
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/cluster/members/{name}")
    public Mono<Void> rename(String name, String newName) {
        Names.segment("newName", newName);
        return clustered(calls.run(members.one(HttpMethod.POST, "", name).json(Map.of("server_name", newName))
                .build()));
    }

    /**
     * Removes a member that can be reached from the cluster.
     *
     * @param name the member name
     * @return completes when removed
     */
    public Mono<Void> delete(String name) {
        return delete(name, false);
    }

    /**
     * Removes a member from the cluster.
     *
     * @param name the member name
     * @param force {@code true} to remove a member that cannot be reached
     * @return completes when removed
     */
    @Endpoint(method = "DELETE", path = "/1.0/cluster/members/{name}")
    public Mono<Void> delete(String name, boolean force) {
        IncusRequest.Builder request = members.one(HttpMethod.DELETE, "", name);
        if (force) {
            request.query("force", "1");
        }
        return clustered(calls.run(request.build()));
    }

    /**
     * Reads a member's state: storage pool usage and system information. A standalone Incus 6.0.4
     * server answers 404 for any name but {@code none}, its own entry, for which it gives its state.
     *
     * @param name the member name
     * @return the state
     */
    @Endpoint(method = "GET", path = "/1.0/cluster/members/{name}/state")
    public Mono<ClusterMemberState> state(String name) {
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
    public Mono<OperationHandle> changeState(String name, String action, String mode) {
        Names.segment("action", action);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("action", action);
        if (mode != null && !mode.isEmpty()) {
            body.put("mode", mode);
        }
        return clustered(calls.async(members.one(HttpMethod.POST, "/state", name).json(body).build()));
    }
}
