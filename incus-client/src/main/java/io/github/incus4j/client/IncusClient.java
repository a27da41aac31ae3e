package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.WarmUp;
import java.time.Duration;
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

    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);

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
     * Instances: {@code /1.0/instances}, and what lies below one instance: its snapshots, backups,
     * logs, console, metadata, NVRAM, files, commands and raw connections
     * ({@code instances().files("c1")}, {@code instances().exec("c1")}, ...).
     *
     * @return the instances API
     */
    public InstancesApi instances() {
        return new InstancesApi(calls);
    }

    /**
     * Images: {@code /1.0/images}, with their aliases ({@code images().aliases()}), downloads,
     * publishing, copies and refreshes.
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
     * The event stream: {@code /1.0/events} over a websocket.
     *
     * @return the events API
     */
    public EventsApi events() {
        return new EventsApi(calls);
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
     * Does now, without sending the daemon anything, the one-time work that the first call would
     * otherwise pay: it builds this client's connection pool and HTTP clients (on the
     * application's {@code WebClient.Builder} where one was given), prepares Reactor Netty's event
     * loops and native transport, and runs the request path once end to end against a throw-away
     * Unix socket of this process (a temporary file), so that its classes are loaded and its
     * decoders built. The daemon's address is not contacted: the first call still opens the first
     * connection. Measured on this project's machines (docs/BENCHMARKS.md, B12), it brings the
     * first call of a started application close to the later ones.
     *
     * <p>It blocks for a fraction of a second of CPU work, so call it from a background thread
     * once the application has started; the Spring Boot starter does so after the application is
     * ready. Calling it again costs little; on a closed client it fails with an
     * {@link IllegalStateException}.
     *
     * @throws IllegalStateException if the client was closed
     * @throws RuntimeException if a step of the warm-up fails (the client stays usable: its first
     *     call then does the rest)
     */
    public void warmUp() {
        if (http.isClosed()) {
            throw new IllegalStateException("the Incus client " + description + " was closed; nothing to warm up");
        }
        WarmUp.run(http, WARM_UP_TIMEOUT);
    }

    /** The executor, for this module's tests that send requests the API does not (yet) make. */
    IncusHttp http() {
        return http;
    }

    /**
     * Closes this client and its scoped copies: the websockets they still have open end (exec
     * streams, consoles and event listeners), so do raw connections (SFTP, NBD, port forwarding),
     * the connection pool is released, and from then on every call
     * of any of them fails at once, without contacting the daemon, with an
     * {@link IllegalStateException} saying that the client was closed. Closing again does nothing.
     */
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
