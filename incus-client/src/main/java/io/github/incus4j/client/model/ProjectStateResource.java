package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Usage and limit of one resource of a project. Incus writes these two names capitalised.
 *
 * @param limit the limit, {@code -1} when there is none
 * @param usage the current usage
 */
public record ProjectStateResource(
        @JsonProperty("Limit") long limit,
        @JsonProperty("Usage") long usage) {

    /**
     * Tells whether the resource is limited.
     *
     * @return {@code false} when the limit is {@code -1}
     */
    public boolean isLimited() {
        return limit >= 0;
    }
}
