package io.github.incus4j.spring.test;

import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Points the auto-configured {@code IncusClient} of a Spring test at a real, throw-away Incus
 * daemon, with no properties: the way Spring Boot's {@code @ServiceConnection} points a client at a
 * container.
 * <pre>{@code
 * @SpringBootTest
 * @IncusServiceConnection
 * class SandboxesTest {
 *     @Autowired IncusClient incus;     // talks to the throw-away daemon over HTTPS
 *
 *     @Test
 *     void launches(IncusDaemon daemon) { // the same daemon, for the incus command line
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The daemon is the one {@link IncusIntegrationTest} gives: started by the first test class that
 * needs it, shared by the whole test run, and removed when the run ends. It has the storage pool
 * {@code default} and the BusyBox image {@code busybox}. The application context gets an
 * {@link IncusTestConnectionDetails} bean for it (which replaces the address, project and TLS
 * properties of the unnamed client, see {@code IncusConnectionDetails}) and the
 * {@link IncusDaemon} itself as a bean; test methods can also take the {@link IncusDaemon} as a
 * parameter. Spring caches the context as usual: test classes with the same configuration share
 * it, and with it the daemon.
 *
 * <p>When no daemon can be started (not root, Incus missing), the class is skipped with the reason,
 * before any application context is made; with {@code -Dincus.test.require=true} (or
 * {@code INCUS_TEST_REQUIRE=true}) it fails instead, as for {@link IncusIntegrationTest}. The class
 * is tagged {@code incus}. A class-scoped daemon ({@code @IncusIntegrationTest(scope = CLASS)})
 * cannot be combined with it, because Spring keeps contexts beyond their class; such a test
 * declares an {@code IncusConnectionDetails} bean with {@link IncusTestConnectionDetails#https}
 * itself.
 *
 * @see IncusClusterServiceConnection
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IncusIntegrationTest
@ExtendWith(IncusServiceConnectionExtension.class)
public @interface IncusServiceConnection {

    /**
     * How the client reaches the daemon.
     *
     * @return {@link Transport#HTTPS} unless the test is about the local socket
     */
    Transport transport() default Transport.HTTPS;

    /** The ways a client can reach the throw-away daemon. */
    enum Transport {
        /**
         * HTTPS on the daemon's loopback address, presenting the client certificate the daemon
         * trusts (as an SSL bundle) and pinning the daemon's own certificate: the set-up of a remote
         * daemon in production, so the TLS configuration is exercised too.
         */
        HTTPS,
        /**
         * The daemon's Unix socket, with full access (the tests run as root): the set-up of an
         * application on the Incus host itself.
         */
        UNIX_SOCKET
    }
}
