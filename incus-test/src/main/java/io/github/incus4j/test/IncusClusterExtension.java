package io.github.incus4j.test;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * JUnit Jupiter extension behind {@link IncusClusterTest}: provides {@link IncusCluster} parameters.
 *
 * <p>One cluster of {@value IncusCluster#DEFAULT_SIZE} members serves the whole test run (JVM): it
 * is formed when the first class needs it, kept in JUnit's root extension store, and closed by
 * JUnit when the run ends (and by a JVM shutdown hook if the run is aborted).
 *
 * <p>When no cluster can be had, every class that asks for one is skipped (JUnit "aborted") with
 * the reason, printed once, or fails if the system property {@code incus.test.require} or the
 * environment variable {@code INCUS_TEST_REQUIRE} is {@code true}; see
 * {@link IncusDaemonExtension#REQUIRE_PROPERTY}. A formation that failed is not retried for the next
 * class. Needs JUnit Jupiter 6.
 */
public class IncusClusterExtension implements BeforeAllCallback, TestInstancePreConstructCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(IncusClusterExtension.class);
    private static final String RUN_KEY = "cluster-for-run";

    private final ClusterFactory factory;
    private final BooleanSupplier required;

    /** Creates the extension; JUnit calls this. */
    public IncusClusterExtension() {
        this(ClusterFactory.REAL, FixtureAvailability::requiredByConfiguration);
    }

    IncusClusterExtension(ClusterFactory factory, BooleanSupplier required) {
        this.factory = factory;
        this.required = required;
    }

    /**
     * Forms (or finds) the cluster before the class's first test, so a missing cluster skips or
     * fails the class as a whole.
     *
     * @param context the test class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        clusterFor(context);
    }

    /**
     * Gets the cluster before a test instance is created, so that a class with
     * {@code @TestInstance(PER_CLASS)} and an {@link IncusCluster} constructor parameter is skipped,
     * not failed, when there is no cluster.
     *
     * @param factoryContext the instance being created
     * @param context        the current context
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        clusterFor(context);
    }

    /**
     * Supports parameters of type {@link IncusCluster}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the current context
     * @return whether the parameter's type is {@link IncusCluster}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == IncusCluster.class;
    }

    /**
     * Provides the run's cluster.
     *
     * @param parameterContext the parameter
     * @param extensionContext the current context
     * @return the {@link IncusCluster}
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return clusterFor(extensionContext);
    }

    /**
     * The run's cluster, formed on first use, as this extension gives it to tests. For other JUnit
     * extensions that hand the cluster on, such as a Spring test integration, so that they share it
     * with {@link IncusClusterTest} classes instead of forming another.
     *
     * <p>The same skip-or-fail rule applies: when no cluster can be had, this aborts the test (a
     * skip) or, with {@link IncusDaemonExtension#REQUIRE_PROPERTY}, throws
     * {@link IncusDaemonException}.
     *
     * @param context a class, method or invocation context of a test class
     * @return the running cluster, closed by JUnit when the run ends
     */
    public static IncusCluster cluster(ExtensionContext context) {
        return new IncusClusterExtension().clusterFor(context);
    }

    @SuppressWarnings("unchecked")
    private IncusCluster clusterFor(ExtensionContext context) {
        Started<IncusCluster> started = context.getRoot().getStore(NAMESPACE).computeIfAbsent(RUN_KEY,
                key -> Started.attempt(factory), Started.class);
        return FixtureAvailability.orSkip(started, required, "Incus cluster", "cluster tests");
    }
}
