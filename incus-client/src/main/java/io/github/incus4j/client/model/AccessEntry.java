package io.github.incus4j.client.model;

/**
 * Someone who may access an object ({@code GET /1.0/projects/{name}/access}).
 *
 * @param identifier the certificate fingerprint or OIDC subject
 * @param provider how it is authorised, such as {@code tls} or {@code openfga}
 * @param role the role, such as {@code admin}, {@code operator}, {@code view}
 */
public record AccessEntry(
        String identifier,
        String provider,
        String role) {

    /**
     * Normalises missing fields.
     *
     * @param identifier the certificate fingerprint or OIDC subject
     * @param provider how it is authorised, such as {@code tls} or {@code openfga}
     * @param role the role, such as {@code admin}, {@code operator}, {@code view}
     */
    public AccessEntry {
        identifier = Wire.text(identifier);
        provider = Wire.text(provider);
        role = Wire.text(role);
    }
}
