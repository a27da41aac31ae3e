package io.github.incus4j.samples.boxes;

import io.github.incus4j.client.model.Instance;

/**
 * A lab box as the API shows it.
 *
 * @param name the container's name
 * @param status its status, such as {@code Running} or {@code Stopped}
 * @param createdAt when it was created, ISO-8601
 */
public record Box(String name, String status, String createdAt) {

    static Box of(Instance instance) {
        return new Box(instance.name(), instance.status(),
                instance.createdAt() != null ? instance.createdAt().toString() : "");
    }
}
