package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Raw connections to one pool's storage volumes: a custom file system volume over SFTP, a block
 * volume over NBD. Like {@link InstanceConnectionsApi}, each is an HTTP upgrade after which the
 * connection carries that protocol's bytes.
 */
public final class StorageVolumeConnectionsApi {

    private static final String ONE = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}";

    private final Calls calls;
    private final @Nullable ApiExtensions extensions;
    private final String pool;

    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageVolumeConnectionsApi(Calls calls, String pool) {
        this.calls = calls;
        this.extensions = calls.extensions();
        this.pool = Names.segment("pool", pool);
    }

    /**
     * Opens an SFTP connection to a custom volume's file system ({@code Upgrade: sftp}; API
     * extension {@code custom_volume_sftp}, not in Incus 6.0).
     *
     * @param type the volume type ({@value StorageVolumesApi#CUSTOM})
     * @param name the volume name
     * @return the connection, speaking SFTP version 3; the caller closes it
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/sftp")
    public Mono<UpgradedConnection> sftp(String type, String name) {
        return requiring("custom_volume_sftp", calls.upgrade(volume("/sftp", type, name).build(), "sftp"));
    }

    /**
     * Opens an NBD connection to a block volume ({@code Upgrade: nbd}; API extension
     * {@code storage_volume_nbd}, not in Incus 6.0).
     *
     * @param type the volume type
     * @param name the volume name
     * @param writable whether the export accepts writes
     * @return the connection, speaking the NBD protocol; the caller closes it
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/nbd")
    public Mono<UpgradedConnection> nbd(String type, String name, boolean writable) {
        IncusRequest.Builder request = volume("/nbd", type, name);
        if (writable) {
            request.query("writable", "1");
        }
        return requiring("storage_volume_nbd", calls.upgrade(request.build(), "nbd"));
    }

    private IncusRequest.Builder volume(String suffix, String type, String name) {
        return IncusRequest.get(ONE + suffix).path("poolName", "pool", pool).path("type", "type", type)
                .path("volumeName", "name", name);
    }

    private Mono<UpgradedConnection> requiring(String extension, Mono<UpgradedConnection> call) {
        return extensions == null ? call : extensions.require(extension).then(call);
    }
}
