package io.github.incus4j.client.model;

import java.util.Map;

/**
 * A project's resource usage ({@code GET /1.0/projects/{name}/state}).
 *
 * @param resources usage and limit per resource, such as {@code instances}, {@code cpu}, {@code memory}
 */
public record ProjectState(
        Map<String, ProjectStateResource> resources) {

    /**
     * Normalises missing fields.
     *
     * @param resources usage and limit per resource, such as {@code instances}, {@code cpu}, {@code
     *     memory}
     */
    public ProjectState {
        resources = Wire.map(resources);
    }
}
