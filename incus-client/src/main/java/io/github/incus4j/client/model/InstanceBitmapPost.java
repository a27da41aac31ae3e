package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A dirty bitmap to create on every disk of a virtual machine at once
 * ({@code POST /1.0/instances/{name}/bitmaps}; API extension {@code storage_volume_nbd}), the
 * specification's {@code StorageVolumeBitmapsPost}. Bitmaps track the blocks written since, the
 * basis of incremental backups over NBD.
 *
 * @param name the bitmap name
 * @param granularity the tracking granularity in bytes, or 0 for the daemon's default
 * @param persistent whether the bitmap is stored on disk and survives a restart
 * @param disabled whether it starts without recording writes
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record InstanceBitmapPost(String name, long granularity, boolean persistent, boolean disabled) {

    /** Normalises a missing name. */
    public InstanceBitmapPost {
        name = Wire.text(name);
    }

    /**
     * A recording, non-persistent bitmap with the daemon's default granularity.
     *
     * @param name the bitmap name
     * @return the request
     */
    public static InstanceBitmapPost named(String name) {
        return new InstanceBitmapPost(name, 0, false, false);
    }
}
