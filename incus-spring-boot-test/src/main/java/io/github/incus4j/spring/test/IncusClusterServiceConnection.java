package io.github.incus4j.spring.test;

import io.github.incus4j.test.IncusCluster;
import io.github.incus4j.test.IncusClusterTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Points the auto-configured {@code IncusClient} of a Spring test at a real, throw-away Incus
 * cluster, with no properties, like {@link IncusServiceConnection} does for a single daemon.
 * <pre>{@code
 * @SpringBootTest
 * @IncusClusterServiceConnection
 * class PlacementTest {
 *     @Autowired IncusClient incus;      // every member's address, tried in turn
 * }
 * }</pre>
 *
 * <p>The cluster is the one {@link IncusClusterTest} gives (three members on {@code 127.0.0.1} to
 * {@code 127.0.0.3}, shared by the whole test run). The client gets every member's HTTPS address, in
 * member order, so a request moves on to the next member when one cannot be reached; it presents
 * the client certificate the cluster trusts and pins the cluster certificate. The
 * {@link IncusCluster} is a bean of the context and a parameter of test methods. Without a cluster
 * the class is skipped, or fails with {@code -Dincus.test.require=true}. The class is tagged
 * {@code incus} and {@code incus-cluster}.
 *
 * @see IncusServiceConnection
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IncusClusterTest
@ExtendWith(IncusServiceConnectionExtension.class)
public @interface IncusClusterServiceConnection {
}
