package io.github.incus4j.client.model;

/**
 * A rename of an instance ({@code POST /1.0/instances/{name}} with a new name).
 *
 * @param name the new name
 */
public record InstancePost(String name) {
}
