/**
 * A local OpenID Connect identity provider for tests of Incus's OIDC authentication.
 *
 * <p>{@link io.github.incus4j.test.oidc.OidcProvider} runs in the test's JVM on {@code 127.0.0.1}
 * and issues RS256-signed access tokens through the {@code client_credentials},
 * {@code refresh_token} and device code grants; {@link io.github.incus4j.test.oidc.TokenBuilder}
 * mints tokens directly, including broken ones (expired, wrong audience or issuer, rogue
 * signature), and {@link io.github.incus4j.test.oidc.MalformedTokens} has tokens that are not JWTs.
 * {@link io.github.incus4j.test.oidc.IncusOidcConfig} points a test daemon at the provider and
 * resets it afterwards; {@link io.github.incus4j.test.oidc.BrowserScript} lets the {@code incus}
 * command line sign in through the device flow without a person.
 *
 * <p>Like the rest of this module it depends on nothing but the JDK and the JUnit Jupiter API.
 */
package io.github.incus4j.test.oidc;
