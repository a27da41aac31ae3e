package io.github.incus4j.archfixture.client.model;

import io.github.incus4j.archfixture.client.internal.protocol.Executor;

/**
 * Breaks the model rule: a record that depends on an internal type.
 *
 * @param executor an internal type in the model
 */
public record LeakyRecord(Executor executor) {
}
