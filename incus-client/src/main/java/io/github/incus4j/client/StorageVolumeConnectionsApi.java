package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Raw connections to one storage volume, reached with
 * {@link StorageVolumesApi#connections(String, String)}: a custom file system volume over SFTP, a
 * block volume over NBD. Like {@link InstanceConnectionsApi}, each is an HTTP upgrade after which
 * the connection carries that protocol's bytes.
 *
 * <p>Both need API extensions Incus 6.0 does not have ({@value #SFTP_EXTENSION},
 * {@value #NBD_EXTENSION}): the call checks first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} naming it, without connecting.
 */
public final class StorageVolumeConnectionsApi {

    /** The API extension {@link #sftp} needs. */
    public static final String SFTP_EXTENSION = "custom_volume_sftp";

    /** The API extension {@link #nbd} needs. */
    public static final String NBD_EXTENSION = "storage_volume_nbd";

    private static final String ONE = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}";

    private final Calls calls;
    private final Map<String, String> volume;

    /**
     * Creates the API for one volume.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param volume the volume's template variables, checked ({@link StorageVolumesApi#scope})
     */
    StorageVolumeConnectionsApi(Calls calls, Map<String, String> volume) {
        this.calls = calls;
        this.volume = volume;
    }

    /**
     * Opens an SFTP connection to a custom volume's file system ({@code Upgrade: sftp}).
     *
     * @return the connection, speaking SFTP version 3; the caller closes it
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/sftp")
    public Mono<UpgradedConnection> sftp() {
        return calls.requiring(SFTP_EXTENSION, calls.upgrade(request("/sftp").build(), "sftp"));
    }

    /**
     * Opens an NBD connection to a block volume ({@code Upgrade: nbd}).
     *
     * @param writable whether the export accepts writes
     * @return the connection, speaking the NBD protocol; the caller closes it
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/nbd")
    public Mono<UpgradedConnection> nbd(boolean writable) {
        IncusRequest.Builder request = request("/nbd");
        if (writable) {
            request.query("writable", "1");
        }
        return calls.requiring(NBD_EXTENSION, calls.upgrade(request.build(), "nbd"));
    }

    private IncusRequest.Builder request(String suffix) {
        IncusRequest.Builder request = IncusRequest.get(ONE + suffix);
        volume.forEach((variable, value) -> request.path(variable, variable, value));
        return request;
    }
}
