package io.github.incus4j.client.model;

import org.jspecify.annotations.Nullable;

/**
 * The space and inodes of a storage pool ({@code GET /1.0/storage-pools/{name}/resources}).
 *
 * @param space space in bytes
 * @param inodes inodes
 */
public record StoragePoolResources(
        @Nullable StorageUsage space,
        @Nullable StorageUsage inodes) {

}
