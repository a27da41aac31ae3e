package io.github.incus4j.client;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ImagesApi#export} wrote.
 *
 * @param files the files written, in the order the daemon sent them: one unified tarball, or the
 *     metadata tarball then the root file system of a split image
 * @param sha256 the SHA-256 of the files' content taken together, as lowercase hex; for an Incus
 *     image it begins with the fingerprint asked for (it was checked)
 * @param size the number of bytes written in all
 * @param imageType what the daemon called the image format ({@code X-Incus-Type}): {@code incus},
 *     or {@code oci}, whose files are not checked against the fingerprint
 */
public record ImageExport(List<Path> files, String sha256, long size, String imageType) {

    /**
     * Copies the list.
     *
     * @param files the files written, in the order the daemon sent them: one unified tarball, or the
     *     metadata tarball then the root file system of a split image
     * @param sha256 the SHA-256 of the files' content taken together, as lowercase hex; for an Incus
     *     image it begins with the fingerprint asked for (it was checked)
     * @param size the number of bytes written in all
     * @param imageType what the daemon called the image format ({@code X-Incus-Type}): {@code incus},
     *     or {@code oci}, whose files are not checked against the fingerprint
     */
    public ImageExport {
        files = List.copyOf(files);
    }

    /**
     * Tells whether the image came as separate metadata and root file system files.
     *
     * @return {@code true} for a split image
     */
    public boolean isSplit() {
        return files.size() > 1;
    }
}
