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
 * Marks a test class that runs against a real, throw-away Incus cluster of
 * {@value IncusCluster#DEFAULT_SIZE} members.
 *
 * <p>The class gets an {@link IncusCluster} injected wherever it asks for one: a constructor
 * parameter, a {@code @BeforeAll}/{@code @BeforeEach} method parameter, or a test method parameter.
 * <pre>{@code
 * @IncusClusterTest
 * class PlacementTest {
 *     @Test
 *     void launchesOnTheTargetMember(IncusCluster cluster) {
 *         IncusCluster.Member first = cluster.members().get(0);
 *         cluster.incusOrFail(first, "launch", cluster.imageAlias(), "c1", "--target", "member2");
 *         assertTrue(cluster.incusOrFail(first, "list", "c1", "--format", "csv", "--columns", "L")
 *                 .contains("member2"));
 *         cluster.incusOrFail(first, "delete", "--force", "c1");
 *     }
 * }
 * }</pre>
 *
 * <p>One cluster serves every such class of the test run (JVM) and is closed when the run ends:
 * use unique instance names, clean up, and leave every member running and online (restart what
 * you kill, remove what you add). A class that needs a cluster of its own can use
 * {@link IncusCluster#start(int)} in a try-with-resources block instead.
 *
 * <p>When no cluster can be formed, the class is skipped with the reason, printed once to
 * {@code System.err}; with the system property {@code incus.test.require=true} (or the environment
 * variable {@code INCUS_TEST_REQUIRE=true}) it fails instead, as for {@link IncusIntegrationTest}.
 *
 * <p>The class is tagged {@code incus} and {@code incus-cluster}, so builds can include or exclude
 * these tests as a group. The annotation is inherited by subclasses and applies to {@code @Nested}
 * classes as well.
 *
 * @see IncusClusterExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IncusClusterExtension.class)
@Tag("incus")
@Tag("incus-cluster")
public @interface IncusClusterTest {
}
