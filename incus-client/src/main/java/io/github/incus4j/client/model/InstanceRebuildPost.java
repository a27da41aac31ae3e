package io.github.incus4j.client.model;

/**
 * A request to rebuild an instance from scratch ({@code POST /1.0/instances/{name}/rebuild}; API
 * extension {@code instances_rebuild}): its root disk is replaced, its configuration stays.
 *
 * @param source where the new root file system comes from: an image
 *     ({@link InstanceSource#image(String)}, {@link InstanceSource#fingerprint(String)}) or nothing
 *     ({@link InstanceSource#none()}, an empty root disk)
 */
public record InstanceRebuildPost(InstanceSource source) {
}
