package io.github.incus4j.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the daemon tells about a path in an instance, from the {@code X-Incus-*} headers of
 * {@code GET} or {@code HEAD /1.0/instances/{name}/files?path=...}.
 *
 * @param path the path in the instance
 * @param type {@code file}, {@code directory} or {@code symlink}
 * @param mode the permission bits, such as {@code 0644} (octal); compare with octal literals
 * @param uid the owner's user id as seen in the instance
 * @param gid the owner's group id as seen in the instance
 * @param modified the last modification, or {@code null} if the daemon did not say (older
 *     daemons) or wrote it in an unknown form
 * @param size the size of a file in bytes, or {@code -1} when not known (directories, symlinks)
 */
public record InstanceFileInfo(String path, String type, int mode, long uid, long gid, @Nullable Instant modified,
        long size) {

    /**
     * Normalises missing fields.
     *
     * @param path the path in the instance
     * @param type {@code file}, {@code directory} or {@code symlink}
     * @param mode the permission bits, such as {@code 0644} (octal); compare with octal literals
     * @param uid the owner's user id as seen in the instance
     * @param gid the owner's group id as seen in the instance
     * @param modified the last modification, or {@code null} if the daemon did not say (older daemons)
     *     or wrote it in an unknown form
     * @param size the size of a file in bytes, or {@code -1} when not known (directories, symlinks)
     */
    public InstanceFileInfo {
        path = Wire.text(path);
        type = Wire.text(type);
    }

    /**
     * Tells whether the path is a regular file.
     *
     * @return {@code true} for type {@code file}
     */
    public boolean isFile() {
        return "file".equals(type);
    }

    /**
     * Tells whether the path is a directory.
     *
     * @return {@code true} for type {@code directory}
     */
    public boolean isDirectory() {
        return "directory".equals(type);
    }

    /**
     * Tells whether the path is a symbolic link (the daemon does not follow it).
     *
     * @return {@code true} for type {@code symlink}
     */
    public boolean isSymlink() {
        return "symlink".equals(type);
    }

    /**
     * Returns the mode the way {@code ls} and the daemon write it.
     *
     * @return for example {@code "0644"}
     */
    public String modeText() {
        return String.format("%04o", mode);
    }
}
