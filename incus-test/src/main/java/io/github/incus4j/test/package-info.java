/**
 * Throw-away Incus daemons for JUnit tests.
 *
 * <p>{@link io.github.incus4j.test.IncusDaemon} starts {@code incusd} as root in a temporary
 * directory and prepares it for tests: a {@code dir} storage pool, a locally built BusyBox image
 * (no network needed), an HTTPS listener on a free loopback port, and a trusted client
 * certificate. Closing it stops the daemon and its containers, unmounts what it mounted and deletes
 * every file it made.
 *
 * <p>{@link io.github.incus4j.test.IncusIntegrationTest} puts this into JUnit: annotated classes get
 * an {@code IncusDaemon} parameter, shared by the whole run or private to the class, and are skipped
 * (or, with {@code -Dincus.test.require=true}, failed) where no daemon can be started.
 *
 * <p>{@link io.github.incus4j.test.IncusCluster} forms a real cluster of several such daemons on
 * loopback addresses (bootstrap, then token joins), with fault and membership helpers;
 * {@link io.github.incus4j.test.IncusClusterTest} shares one per test run.
 *
 * <p>The package depends on nothing but the JDK and the JUnit Jupiter API. At run time it needs
 * Linux, root, Incus, a statically linked {@code /bin/busybox} and {@code openssl}; see
 * {@link io.github.incus4j.test.IncusDaemon#unavailableReason()}.
 */
package io.github.incus4j.test;
