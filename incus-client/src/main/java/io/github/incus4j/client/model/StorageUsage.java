package io.github.incus4j.client.model;

/**
 * How much of something is used, out of how much ({@code used} and {@code total}).
 *
 * @param used the amount used
 * @param total the total amount; 0 when the driver does not know
 */
public record StorageUsage(
        long used,
        long total) {

}
