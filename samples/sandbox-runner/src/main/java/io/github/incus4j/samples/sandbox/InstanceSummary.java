package io.github.incus4j.samples.sandbox;

import io.github.incus4j.client.model.Instance;
import java.time.Instant;

/**
 * One line of the instance list.
 *
 * @param name the instance name
 * @param status its status, such as {@code Running}
 * @param type {@code container} or {@code virtual-machine}
 * @param location the cluster member it is on ({@code none} on a standalone daemon)
 * @param createdAt when it was created
 */
public record InstanceSummary(String name, String status, String type, String location, Instant createdAt) {

    static InstanceSummary of(Instance instance) {
        return new InstanceSummary(instance.name(), instance.status(), instance.type(), instance.location(),
                instance.createdAt());
    }
}
