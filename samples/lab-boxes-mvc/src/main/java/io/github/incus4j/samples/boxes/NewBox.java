package io.github.incus4j.samples.boxes;

import org.jspecify.annotations.Nullable;

/**
 * A request for a box.
 *
 * @param name the container's name: letters, digits and dashes, as Incus allows
 * @param image an image alias; {@code lab.default-image} when absent
 */
public record NewBox(String name, @Nullable String image) {
}
