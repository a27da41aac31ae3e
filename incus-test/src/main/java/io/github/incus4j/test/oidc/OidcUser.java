package io.github.incus4j.test.oidc;

import java.util.Objects;

/**
 * An end user of an {@link OidcProvider}: whoever approves a device code through the verification
 * URL gets tokens for this identity.
 *
 * <p>Incus names an OIDC caller after the claim in {@code oidc.claim} if set, otherwise after the
 * {@code email} claim, otherwise after {@code sub}; so with an email the user appears in Incus as
 * that email.
 *
 * @param subject the {@code sub} claim: a stable, unique identifier
 * @param email   the {@code email} claim, or {@code null} for none
 */
public record OidcUser(String subject, String email) {

    /**
     * Checks the components.
     *
     * @param subject the subject, not blank
     * @param email   the email, {@code null} or not blank
     * @throws IllegalArgumentException if the subject or email is blank
     */
    public OidcUser {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("A user's subject must not be blank");
        }
        if (email != null && email.isBlank()) {
            throw new IllegalArgumentException("A user's email must be null or not blank");
        }
    }

    /**
     * A user with a subject and an email.
     *
     * @param subject the {@code sub} claim
     * @param email   the {@code email} claim
     * @return the user
     */
    public static OidcUser of(String subject, String email) {
        return new OidcUser(subject, Objects.requireNonNull(email, "email"));
    }

    /**
     * A user without an email claim; Incus then names it after its subject.
     *
     * @param subject the {@code sub} claim
     * @return the user
     */
    public static OidcUser withoutEmail(String subject) {
        return new OidcUser(subject, null);
    }
}
