package io.github.incus4j.client;

/**
 * Options for making an instance from a backup tarball
 * ({@link InstancesApi#importBackup(java.nio.file.Path, BackupImport)}).
 *
 * @param name the new instance's name (header {@code X-Incus-name}); empty keeps the name recorded
 *     in the backup
 * @param pool the storage pool to put it in (header {@code X-Incus-pool}); empty for the pool
 *     recorded in the backup, or the default profile's
 */
public record BackupImport(String name, String pool) {

    /** The name and pool recorded in the backup. */
    public static final BackupImport DEFAULTS = new BackupImport("", "");

    /**
     * Normalises missing values.
     *
     * @param name the new instance's name (header {@code X-Incus-name}); empty keeps the name recorded
     *     in the backup
     * @param pool the storage pool to put it in (header {@code X-Incus-pool}); empty for the pool
     *     recorded in the backup, or the default profile's
     */
    public BackupImport {
        name = name == null ? "" : name;
        pool = pool == null ? "" : pool;
    }

    /**
     * Imports under another name.
     *
     * @param name the new instance's name
     * @return the options
     */
    public static BackupImport named(String name) {
        return new BackupImport(name, "");
    }

    /**
     * Returns a copy that puts the instance in another storage pool.
     *
     * @param value the pool name
     * @return the changed copy
     */
    public BackupImport inPool(String value) {
        return new BackupImport(name, value);
    }
}
