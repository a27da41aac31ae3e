package io.github.incus4j.client;

/**
 * How a file, directory or symbolic link is written into an instance: owner, permissions and
 * whether a file is appended to.
 *
 * <pre>{@code
 * FileWriteOptions.defaults().withOwner(1000, 1000).withMode(0600)
 * }</pre>
 *
 * <p>The daemon applies the owner and mode only when it creates the file; an existing file keeps
 * its own (its content is replaced or appended to).
 *
 * @param uid the owner's user id, or {@code -1} for the daemon's default (root)
 * @param gid the owner's group id, or {@code -1} for the daemon's default (root)
 * @param mode the permission bits (an octal literal such as {@code 0644}), or {@code -1} for the
 *     daemon's default ({@code 0644} for files, {@code 0755} for directories)
 * @param append whether to append to an existing file instead of replacing it (API extension
 *     {@code file_append})
 */
public record FileWriteOptions(long uid, long gid, int mode, boolean append) {

    private static final FileWriteOptions DEFAULTS = new FileWriteOptions(-1, -1, -1, false);

    /**
     * * Checks the values.
     *
     * @throws IllegalArgumentException if an id or the mode is out of range
     *
     * @param uid the owner's user id, or {@code -1} for the daemon's default (root)
     * @param gid the owner's group id, or {@code -1} for the daemon's default (root)
     * @param mode the permission bits (an octal literal such as {@code 0644}), or {@code -1} for the
     *     daemon's default ({@code 0644} for files, {@code 0755} for directories)
     * @param append whether to append to an existing file instead of replacing it (API extension
     *     {@code file_append})
     */
    public FileWriteOptions {
        if (uid < -1 || uid > 0xFFFF_FFFFL || gid < -1 || gid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uid and gid must be between 0 and 4294967295 (or -1 for the "
                    + "default), got " + uid + " and " + gid);
        }
        if (mode < -1 || mode > 07777) {
            throw new IllegalArgumentException("mode must be between 0 and 07777 (an octal literal such as 0644), "
                    + "or -1 for the default; got " + mode + " (octal " + Integer.toOctalString(Math.max(0, mode))
                    + ")");
        }
    }

    /**
     * The daemon's defaults: owned by root, default permissions, content replaced.
     *
     * @return the options
     */
    public static FileWriteOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another owner.
     *
     * @param newUid the user id
     * @param newGid the group id
     * @return the copy
     */
    public FileWriteOptions withOwner(long newUid, long newGid) {
        return new FileWriteOptions(newUid, newGid, mode, append);
    }

    /**
     * Returns a copy with other permissions.
     *
     * @param newMode the permission bits, an octal literal such as {@code 0755}
     * @return the copy
     */
    public FileWriteOptions withMode(int newMode) {
        return new FileWriteOptions(uid, gid, newMode, append);
    }

    /**
     * Returns a copy that appends to an existing file.
     *
     * @return the copy
     */
    public FileWriteOptions appending() {
        return new FileWriteOptions(uid, gid, mode, true);
    }
}
