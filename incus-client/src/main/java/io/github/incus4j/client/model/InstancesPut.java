package io.github.incus4j.client.model;

/**
 * A state change for every instance of a project at once ({@code PUT /1.0/instances}; API
 * extension {@code instance_bulk_state_change}).
 *
 * @param state the change, such as {@link InstanceStatePut#stop(boolean)}
 */
public record InstancesPut(InstanceStatePut state) {
}
