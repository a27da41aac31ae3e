package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusNotClusteredException;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.transport.PeerCertificate;
import io.github.incus4j.client.model.Cluster;
import io.github.incus4j.client.model.ClusterJoinToken;
import io.github.incus4j.client.model.ClusterMemberConfigKey;
import io.github.incus4j.client.model.ClusterPut;
import io.github.incus4j.client.model.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The cluster: {@code /1.0/cluster}. Its members are reached with {@link #members()}, its groups
 * with {@link #groups()}.
 *
 * <p>On a standalone server {@link #get()} answers with {@link Cluster#enabled()} {@code false};
 * the daemon refuses the member and group endpoints with varying statuses, which this client turns
 * into {@link IncusNotClusteredException}. Three member endpoints of Incus 6.0
 * ({@code GET .../members/{name}/state}, {@code POST .../members/{name}/state} and
 * {@code POST .../members/{name}}) answer a standalone server with 404 "Cluster member not found"
 * instead, which stays an {@link io.github.incus4j.client.exception.IncusNotFoundException}; but
 * for the name {@code none}, the server's own entry in its database, they act on the server itself
 * (measured on Incus 6.0.4: its state, an evacuation, a rename; see {@link ClusterMembersApi#rename}).
 */
public final class ClusterApi {

    /** For reading a member's certificate while joining; as long as the CLI waits for it. */
    private static final Duration CERTIFICATE_TIMEOUT = Duration.ofSeconds(10);

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ClusterApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * The members of the cluster.
     *
     * @return the members API
     */
    public ClusterMembersApi members() {
        return new ClusterMembersApi(calls);
    }

    /**
     * The groups of cluster members.
     *
     * @return the groups API
     */
    public ClusterGroupsApi groups() {
        return new ClusterGroupsApi(calls);
    }

    /**
     * Reads the cluster configuration; a standalone server answers with clustering disabled.
     *
     * @return the cluster configuration
     */
    public Mono<Cluster> get() {
        return getWithEtag().map(ETagged::value);
    }

    /**
     * Reads the cluster configuration with its ETag. Incus 6.0.4 does not check an ETag on
     * {@link #update} (measured: a wrong {@code If-Match} is ignored).
     *
     * @return the cluster configuration and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/cluster")
    public Mono<ETagged<Cluster>> getWithEtag() {
        return calls.tagged(IncusRequest.get("/1.0/cluster").build(), Cluster.class);
    }

    /**
     * Tells whether this server is a cluster member, from {@code GET /1.0} (its
     * {@code server_clustered}, as the official client reads it) rather than from {@link #get()}:
     * the latter's {@code enabled} follows the server's own member name, which a rename of
     * {@code none} on a standalone Incus 6.0.4 server sets (see {@link ClusterMembersApi#rename}).
     *
     * @return {@code true} when clustering is enabled
     */
    public Mono<Boolean> isClustered() {
        return calls.object(IncusRequest.get("/1.0").build(), Server.class)
                .map(server -> server.environment() != null && server.environment().serverClustered());
    }

    /**
     * Enables clustering on this server, joins a cluster, or leaves it ({@code PUT /1.0/cluster}).
     * Measured on Incus 6.0.4: enabling runs in the background; leaving a cluster of one member
     * completes at once, and the daemon then restarts itself, refusing connections for a moment.
     * The restart can cut the daemon's answer short: leaving may then end with an
     * {@link io.github.incus4j.client.exception.IncusConnectionException} saying the daemon may have
     * restarted although it left; read {@link #isClustered()} once the daemon answers again.
     * To join, {@link #join(String, String, List)} fills in what the token carries.
     *
     * @param cluster what to do: {@link ClusterPut#enable(String)}, {@link ClusterPut#leave(String)},
     *     or a join
     * @return the change's operation, already complete when the daemon answered at once
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster")
    public Mono<OperationHandle> update(ClusterPut cluster) {
        Names.required("cluster", cluster);
        return clustered(calls.syncOrAsync(IncusRequest.of(HttpMethod.PUT, "/1.0/cluster").json(cluster).build()));
    }

    /**
     * Makes the server this client talks to join a cluster, as {@code incus admin init} does with
     * a join token: the token (from {@link ClusterMembersApi#createJoinToken(String)} on the
     * cluster, or {@code incus cluster add NAME}) names the new member and the cluster's members;
     * the cluster's certificate is read from the first member in the token that answers and
     * accepted only if its SHA-256 fingerprint is the token's; then {@code PUT /1.0/cluster} goes
     * to this server, which joins in the background (wait for the returned operation). This
     * server must be standalone, listen on {@code serverAddress} ({@code core.https_address}),
     * and have the storage pools and networks the cluster has.
     *
     * @param joinToken the encoded join token
     * @param serverAddress the address this server listens on for the cluster, {@code host:port}
     * @param memberConfig this member's values of the settings the cluster asks for
     *     ({@code cluster().get()} on the cluster lists them in {@code memberConfig}), such as
     *     {@link ClusterMemberConfigKey#storagePool(String, String, String)}
     * @return the join operation
     * @throws IllegalArgumentException (signalled) if the token is not a join token, or a member's
     *     certificate does not have the token's fingerprint
     */
    @Endpoint(method = "PUT", path = "/1.0/cluster")
    public Mono<OperationHandle> join(String joinToken, String serverAddress, List<ClusterMemberConfigKey> memberConfig) {
        Names.required("joinToken", joinToken);
        Names.required("serverAddress", serverAddress);
        Names.required("memberConfig", memberConfig);
        return Mono.fromCallable(() -> {
            ClusterJoinToken token = ClusterJoinToken.decode(joinToken);
            RuntimeException last = null;
            for (String address : token.addresses()) {
                try {
                    String certificate = PeerCertificate.fetch(address, token.fingerprint(), CERTIFICATE_TIMEOUT);
                    return new ClusterPut(token.serverName(), true, memberConfig, serverAddress, address,
                            certificate, joinToken.strip());
                } catch (IncusConnectionException unreachable) {
                    last = unreachable;
                }
            }
            throw last != null ? last : new IllegalArgumentException("the join token names no cluster address");
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(this::update);
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

    /** Turns the daemon's "not clustered" answers, whatever their status, into one exception. */
    static <T> Mono<T> clustered(Mono<T> call) {
        return call.onErrorMap(ClusterApi::isNotClustered, failure -> new IncusNotClusteredException(
                (IncusApiException) failure));
    }

    private static boolean isNotClustered(Throwable failure) {
        return failure instanceof IncusApiException answer && !(failure instanceof IncusNotClusteredException)
                && answer.serverMessage().toLowerCase(java.util.Locale.ROOT).contains("not clustered");
    }
}
