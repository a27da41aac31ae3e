package io.github.incus4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against a real, throw-away Incus daemon.
 *
 * <p>The class gets an {@link IncusDaemon} injected wherever it asks for one: a constructor
 * parameter, a {@code @BeforeAll}/{@code @BeforeEach} method parameter, or a test method parameter.
 * <pre>{@code
 * @IncusIntegrationTest
 * class ContainerTest {
 *     @Test
 *     void runsACommand(IncusDaemon incus) {
 *         incus.incusOrFail("launch", incus.imageAlias(), "c1");
 *         assertEquals("hello\n", incus.incusOrFail("exec", "c1", "--", "echo", "hello"));
 *     }
 * }
 * }</pre>
 *
 * <p>When no daemon can be started ({@link IncusDaemon#unavailableReason()}, or a failed start), the
 * class is skipped with the reason, which is also printed once to {@code System.err}. With the
 * system property {@code incus.test.require=true} (or the environment variable
 * {@code INCUS_TEST_REQUIRE=true}) the class fails instead; use that in CI, where skipping would hide
 * a broken setup.
 *
 * <p>The class is tagged {@code incus}, so builds can include or exclude these tests as a group.
 * The annotation is inherited by subclasses and applies to {@code @Nested} classes as well.
 *
 * @see IncusDaemonExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IncusDaemonExtension.class)
@Tag("incus")
public @interface IncusIntegrationTest {

    /**
     * How long the daemon lives and who shares it.
     *
     * @return {@link Scope#RUN} unless the class needs a daemon of its own
     */
    Scope scope() default Scope.RUN;

    /** Lifetimes of the daemon given to a test class. */
    enum Scope {
        /**
         * One daemon for the whole test run (JVM), shared by every class that uses this scope, and
         * closed when the run ends. Starting a daemon takes a couple of seconds, so this is the
         * default. Tests sharing it should use unique instance names and clean up after themselves.
         */
        RUN,
        /**
         * A daemon for this class alone (and its {@code @Nested} classes), closed after its last test.
         * For tests that stop, restart, kill or reconfigure the daemon.
         */
        CLASS
    }
}
