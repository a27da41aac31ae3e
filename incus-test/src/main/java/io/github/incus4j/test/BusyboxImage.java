package io.github.incus4j.test;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of the small BusyBox container image built for a daemon run.
 *
 * <p>The same image is offered in the two layouts Incus can import: one unified tarball, and a
 * split pair of a metadata tarball and a root file system tarball. The unified tarball is already
 * imported into the daemon under the alias {@code busybox}; the split pair is there for tests of
 * split image uploads. The files live in a directory owned by the {@link IncusDaemon} and are deleted
 * by {@link IncusDaemon#close()}.
 *
 * @param unifiedTarball  gzip-compressed tar with {@code metadata.yaml} and a {@code rootfs/} directory
 * @param metadataTarball gzip-compressed tar with {@code metadata.yaml} only
 * @param rootfsTarball   gzip-compressed tar with the root file system, paths relative to the root
 * @param fingerprint     SHA-256 of the unified tarball as lowercase hex, which is the fingerprint
 *                        Incus gives the imported image
 */
public record BusyboxImage(Path unifiedTarball, Path metadataTarball, Path rootfsTarball, String fingerprint) {

    /**
     * Checks that no component is missing.
     *
     * @param unifiedTarball  the unified tarball
     * @param metadataTarball the metadata-only tarball
     * @param rootfsTarball   the root-file-system-only tarball
     * @param fingerprint     SHA-256 of the unified tarball, lowercase hex
     */
    public BusyboxImage {
        Objects.requireNonNull(unifiedTarball, "unifiedTarball");
        Objects.requireNonNull(metadataTarball, "metadataTarball");
        Objects.requireNonNull(rootfsTarball, "rootfsTarball");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
