package io.github.incus4j.client.model;

/**
 * The body that makes a dirty bitmap: of one block volume
 * ({@code POST /1.0/storage-pools/{pool}/volumes/{type}/{volume}/bitmaps}), or of every disk of a
 * virtual machine at once ({@code POST /1.0/instances/{name}/bitmaps}). Bitmaps track the blocks
 * written since, the basis of incremental backups over NBD.
 *
 * @param name the bitmap name
 * @param granularity the size in bytes that one bit stands for; {@code 0} for the default
 * @param persistent {@code true} to keep it on disk across restarts
 * @param disabled {@code true} to make it without recording writes yet
 */
public record StorageVolumeBitmapsPost(String name, long granularity, boolean persistent, boolean disabled) {

    /**
     * * Checks the values.
     *
     * @throws IllegalArgumentException if the name is blank or the granularity negative
     *
     * @param name the bitmap name
     * @param granularity the size in bytes that one bit stands for; {@code 0} for the default
     * @param persistent {@code true} to keep it on disk across restarts
     * @param disabled {@code true} to make it without recording writes yet
     */
    public StorageVolumeBitmapsPost {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (granularity < 0) {
            throw new IllegalArgumentException("granularity must be 0 (the default) or a positive number of bytes, "
                    + "got " + granularity);
        }
    }

    /**
     * A recording, non-persistent bitmap of the default granularity.
     *
     * @param name the bitmap name
     * @return the body
     */
    public static StorageVolumeBitmapsPost named(String name) {
        return new StorageVolumeBitmapsPost(name, 0, false, false);
    }

    /**
     * Returns a copy that is kept on disk or not.
     *
     * @param value {@code true} for persistent
     * @return the changed copy
     */
    public StorageVolumeBitmapsPost withPersistent(boolean value) {
        return new StorageVolumeBitmapsPost(name, granularity, value, disabled);
    }

    /**
     * Returns a copy with another granularity.
     *
     * @param bytes the size in bytes that one bit stands for
     * @return the changed copy
     */
    public StorageVolumeBitmapsPost withGranularity(long bytes) {
        return new StorageVolumeBitmapsPost(name, bytes, persistent, disabled);
    }

    /**
     * Returns a copy made without recording writes, or recording them.
     *
     * @param value {@code true} for disabled
     * @return the changed copy
     */
    public StorageVolumeBitmapsPost withDisabled(boolean value) {
        return new StorageVolumeBitmapsPost(name, granularity, persistent, value);
    }
}
