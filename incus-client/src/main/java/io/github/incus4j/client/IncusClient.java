package io.github.incus4j.client;

import io.github.incus4j.client.ApiExtensions;
import io.github.incus4j.client.CertificatesApi;
import io.github.incus4j.client.ClusterApi;
import io.github.incus4j.client.EventsApi;
import io.github.incus4j.client.ExecApi;
import io.github.incus4j.client.FilesApi;
import io.github.incus4j.client.ImageTransfersApi;
import io.github.incus4j.client.ImagesApi;
import io.github.incus4j.client.InstanceBackupsApi;
import io.github.incus4j.client.InstanceConnectionsApi;
import io.github.incus4j.client.InstanceLogsApi;
import io.github.incus4j.client.InstanceMetadataApi;
import io.github.incus4j.client.InstanceNvramApi;
import io.github.incus4j.client.InstanceSnapshotsApi;
import io.github.incus4j.client.InstancesApi;
import io.github.incus4j.client.MetricsApi;
import io.github.incus4j.client.NetworkAclsApi;
import io.github.incus4j.client.NetworkAddressSetsApi;
import io.github.incus4j.client.NetworkAllocationsApi;
import io.github.incus4j.client.NetworkForwardsApi;
import io.github.incus4j.client.NetworkIntegrationsApi;
import io.github.incus4j.client.NetworkLoadBalancersApi;
import io.github.incus4j.client.NetworkPeersApi;
import io.github.incus4j.client.NetworkZonesApi;
import io.github.incus4j.client.NetworksApi;
import io.github.incus4j.client.OperationsApi;
import io.github.incus4j.client.ProfilesApi;
import io.github.incus4j.client.ProjectsApi;
import io.github.incus4j.client.ResourcesApi;
import io.github.incus4j.client.ServerApi;
import io.github.incus4j.client.StorageBucketBackupsApi;
import io.github.incus4j.client.StorageBucketsApi;
import io.github.incus4j.client.StoragePoolsApi;
import io.github.incus4j.client.StorageVolumeBackupsApi;
import io.github.incus4j.client.StorageVolumesApi;
import io.github.incus4j.client.WarningsApi;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.Names;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the Incus client: one daemon, one connection pool, one namespace per
 * resource area.
 *
 * <pre>{@code
 * try (IncusClient incus = IncusClient.builder().build()) {          // the local Unix socket
 *     Server server = incus.server().get().block();
 *     incus.instances().create(InstancesPost.builder("c1").image("debian/12").start(true).build())
 *             .flatMap(operation -> operation.await(Duration.ofMinutes(2)))
 *             .block();
 * }
 * }</pre>
 *
 * <p>A client is immutable and thread-safe. {@link #project(String)} and {@link #target(String)}
 * return scoped copies that share the connection pool; {@link #close()} on any of them releases
 * the pool for all of them, and all of them refuse calls afterwards. Every method of the API
 * classes returns a cold {@code Mono} or {@code Flux}: nothing is sent until it is subscribed to,
 * so building a client never contacts the daemon.
 */
public final class IncusClient implements AutoCloseable {

    private final IncusHttp http;
    private final Calls calls;
    private final String description;

    IncusClient(IncusHttp http, String description) {
        this(http, new ApiExtensions(http), description);
    }

    /** A client over an executor; its scoped copies pass their own executor and this client's extension cache. */
    private IncusClient(IncusHttp http, ApiExtensions extensions, String description) {
        this.http = http;
        this.calls = new Calls(http, extensions);
        this.description = description;
    }

    /**
     * Starts building a client. Without further settings it talks to the local daemon over the
     * Unix socket found the way the {@code incus} command line finds it.
     *
     * @return a builder
     */
    public static IncusClientBuilder builder() {
        return new IncusClientBuilder();
    }

    /**
     * The server itself: {@code /1.0}.
     *
     * @return the server API
     */
    public ServerApi server() {
        return new ServerApi(calls);
    }

    /**
     * Instances: {@code /1.0/instances}.
     *
     * @return the instances API
     */
    public InstancesApi instances() {
        return new InstancesApi(calls);
    }

    /**
     * Raw connections into instances: SFTP, NBD and TCP port forwarding.
     *
     * @return the instance connections API
     */
    public InstanceConnectionsApi instanceConnections() {
        return new InstanceConnectionsApi(calls);
    }

    /**
     * Images and aliases: {@code /1.0/images}.
     *
     * @return the images API
     */
    public ImagesApi images() {
        return new ImagesApi(calls);
    }

    /**
     * Background operations: {@code /1.0/operations}.
     *
     * @return the operations API
     */
    public OperationsApi operations() {
        return new OperationsApi(calls);
    }

    /**
     * The server's API extensions, read once with {@code GET /1.0} and shared by this client and
     * its scoped copies.
     *
     * @return the extensions view
     */
    public ApiExtensions extensions() {
        return calls.extensions();
    }

    /**
     * Profiles: {@code /1.0/profiles}.
     *
     * @return the profiles API
     */
    public ProfilesApi profiles() {
        return new ProfilesApi(calls);
    }

    /**
     * Projects: {@code /1.0/projects}.
     *
     * @return the projects API
     */
    public ProjectsApi projects() {
        return new ProjectsApi(calls);
    }

    /**
     * Warnings: {@code /1.0/warnings}.
     *
     * @return the warnings API
     */
    public WarningsApi warnings() {
        return new WarningsApi(calls);
    }

    /**
     * The trust store: {@code /1.0/certificates}.
     *
     * @return the certificates API
     */
    public CertificatesApi certificates() {
        return new CertificatesApi(calls);
    }

    /**
     * The host's hardware and configuration metadata: {@code /1.0/resources}.
     *
     * @return the resources API
     */
    public ResourcesApi resources() {
        return new ResourcesApi(calls);
    }

    /**
     * Metrics: {@code /1.0/metrics}.
     *
     * @return the metrics API
     */
    public MetricsApi metrics() {
        return new MetricsApi(calls);
    }

    /**
     * Storage pools: {@code /1.0/storage-pools}; a pool's volumes and buckets are reached from
     * here ({@code storagePools().volumes(pool)}, {@code storagePools().buckets(pool)}).
     *
     * @return the storage pools API
     */
    public StoragePoolsApi storagePools() {
        return new StoragePoolsApi(calls);
    }

    /**
     * Networks: {@code /1.0/networks}; a network's forwards, load balancers and peers are reached
     * from here ({@code networks().forwards(network)}, ...).
     *
     * @return the networks API
     */
    public NetworksApi networks() {
        return new NetworksApi(calls);
    }

    /**
     * Network integrations: {@code /1.0/network-integrations}.
     *
     * @return the network integrations API
     */
    public NetworkIntegrationsApi networkIntegrations() {
        return new NetworkIntegrationsApi(calls);
    }

    /**
     * The addresses in use: {@code /1.0/network-allocations}.
     *
     * @return the network allocations API
     */
    public NetworkAllocationsApi networkAllocations() {
        return new NetworkAllocationsApi(calls);
    }

    /**
     * Network ACLs: {@code /1.0/network-acls}.
     *
     * @return the network ACLs API
     */
    public NetworkAclsApi networkAcls() {
        return new NetworkAclsApi(calls);
    }

    /**
     * Network zones and their records: {@code /1.0/network-zones}.
     *
     * @return the network zones API
     */
    public NetworkZonesApi networkZones() {
        return new NetworkZonesApi(calls);
    }

    /**
     * Network address sets: {@code /1.0/network-address-sets} (API extension
     * {@code network_address_set}, not in Incus 6.0).
     *
     * @return the address sets API
     */
    public NetworkAddressSetsApi networkAddressSets() {
        return new NetworkAddressSetsApi(calls);
    }

    /**
     * The cluster: {@code /1.0/cluster}; its members and groups are reached from here
     * ({@code cluster().members()}, {@code cluster().groups()}).
     *
     * @return the cluster API
     */
    public ClusterApi cluster() {
        return new ClusterApi(calls);
    }

    /**
     * Commands in instances: {@code POST /1.0/instances/{name}/exec}, over websockets or with
     * recorded output.
     *
     * @return the exec API
     */
    public ExecApi exec() {
        return new ExecApi(calls);
    }

    /**
     * Files in instances: {@code /1.0/instances/{name}/files}.
     *
     * @return the files API
     */
    public FilesApi files() {
        return new FilesApi(calls);
    }

    /**
     * The event stream: {@code /1.0/events} over a websocket.
     *
     * @return the events API
     */
    public EventsApi events() {
        return new EventsApi(calls);
    }

    /**
     * Snapshots of instances: {@code /1.0/instances/{name}/snapshots}, and restoring them.
     *
     * @return the instance snapshots API
     */
    public InstanceSnapshotsApi instanceSnapshots() {
        return new InstanceSnapshotsApi(calls);
    }

    /**
     * Backups of instances: {@code /1.0/instances/{name}/backups}, their download, and making an
     * instance from a backup tarball.
     *
     * @return the instance backups API
     */
    public InstanceBackupsApi instanceBackups() {
        return new InstanceBackupsApi(calls);
    }

    /**
     * Log files and the console log of instances: {@code /1.0/instances/{name}/logs} and
     * {@code /1.0/instances/{name}/console}.
     *
     * @return the instance logs API
     */
    public InstanceLogsApi instanceLogs() {
        return new InstanceLogsApi(calls);
    }

    /**
     * The image metadata and template files of instances: {@code /1.0/instances/{name}/metadata}.
     *
     * @return the instance metadata API
     */
    public InstanceMetadataApi instanceMetadata() {
        return new InstanceMetadataApi(calls);
    }

    /**
     * The UEFI variables of virtual machines: {@code /1.0/instances/{name}/nvram}.
     *
     * @return the NVRAM API
     */
    public InstanceNvramApi instanceNvram() {
        return new InstanceNvramApi(calls);
    }

    /**
     * Image downloads, publishing instances as images, copies from other servers, refreshes and
     * secrets for private images.
     *
     * @return the image transfers API
     */
    public ImageTransfersApi imageTransfers() {
        return new ImageTransfersApi(calls);
    }

    /**
     * Returns a copy of this client that works in another project. It shares this client's
     * connection pool.
     *
     * @param name the project name
     * @return the scoped client
     */
    public IncusClient project(String name) {
        Names.segment("project", name);
        return new IncusClient(http.withScope(name, http.target()), calls.extensions(), description);
    }

    /**
     * Returns a copy of this client whose requests go to one cluster member. It shares this
     * client's connection pool.
     *
     * @param member the cluster member name
     * @return the scoped client
     */
    public IncusClient target(String member) {
        Names.segment("target", member);
        return new IncusClient(http.withScope(http.project(), member), calls.extensions(), description);
    }

    /**
     * Returns the project requests are made in.
     *
     * @return the project, or {@code null} when the daemon's default ({@code default}) applies
     */
    public @Nullable String currentProject() {
        return http.project();
    }

    /**
     * Returns the cluster member requests go to.
     *
     * @return the member, or {@code null}
     */
    public @Nullable String currentTarget() {
        return http.target();
    }

    /**
     * Returns where this client sends its requests.
     *
     * @return the Unix socket or HTTPS endpoint
     */
    public IncusEndpoint endpoint() {
        return IncusEndpoint.of(http.endpoint());
    }

    /**
     * Closes this client and its scoped copies: the websockets they still have open end (exec
     * streams, consoles and event listeners), so do raw connections (SFTP, NBD, port forwarding),
     * the connection pool is released, and from then on every call
     * of any of them fails at once, without contacting the daemon, with an
     * {@link IllegalStateException} saying that the client was closed. Closing again does nothing.
     */
    /** The executor, for this module's tests that send requests the API does not (yet) make. */
    IncusHttp http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }

    /**
     * Tells whether {@link #close()} was called on this client or on one of its scoped copies.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return http.isClosed();
    }

    @Override
    public String toString() {
        return "IncusClient[" + description + (http.project() != null ? ", project=" + http.project() : "")
                + (http.target() != null ? ", target=" + http.target() : "") + "]";
    }
}
