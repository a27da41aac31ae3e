package io.github.incus4j.test;

import io.github.incus4j.test.IncusIntegrationTest.Scope;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit Jupiter extension behind {@link IncusIntegrationTest}: provides {@link IncusDaemon}
 * parameters and manages the daemons' lifetime.
 *
 * <p>Daemons are kept in JUnit's extension stores and closed by JUnit: with
 * {@link Scope#RUN} in the root store (closed when the whole run ends), with {@link Scope#CLASS} in
 * the test class's store (closed after the class). Each daemon also has a JVM shutdown hook, so
 * an aborted run cleans up too.
 *
 * <p>When no daemon can be had, every class that asks for one is skipped (JUnit "aborted") with
 * the reason, or fails if the system property {@code incus.test.require} or the environment
 * variable {@code INCUS_TEST_REQUIRE} is {@code true}. A start that failed is not retried for the
 * next class of the same scope.
 *
 * <p>Usually applied through {@link IncusIntegrationTest}; registering it with
 * {@code @ExtendWith(IncusDaemonExtension.class)} alone gives {@link Scope#RUN}. Needs JUnit
 * Jupiter 6.
 */
public class IncusDaemonExtension implements BeforeAllCallback, TestInstancePreConstructCallback, ParameterResolver {

    /** System property that turns skipping into failing. */
    public static final String REQUIRE_PROPERTY = "incus.test.require";
    /** Environment variable that turns skipping into failing, like {@link #REQUIRE_PROPERTY}. */
    public static final String REQUIRE_ENVIRONMENT_VARIABLE = "INCUS_TEST_REQUIRE";

    private static final Namespace NAMESPACE = Namespace.create(IncusDaemonExtension.class);
    private static final String RUN_KEY = "daemon-for-run";
    private static final String CLASS_KEY = "daemon-for-class";

    private final DaemonFactory factory;
    private final BooleanSupplier required;

    /** Creates the extension; JUnit calls this. */
    public IncusDaemonExtension() {
        this(DaemonFactory.REAL, FixtureAvailability::requiredByConfiguration);
    }

    IncusDaemonExtension(DaemonFactory factory, BooleanSupplier required) {
        this.factory = factory;
        this.required = required;
    }

    /**
     * Starts (or finds) the daemon before the class's first test, so a missing daemon skips or
     * fails the class as a whole.
     *
     * @param context the test class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        daemonFor(context);
    }

    /**
     * Gets the daemon before a test instance is created, so that a class with
     * {@code @TestInstance(PER_CLASS)} and an {@link IncusDaemon} constructor parameter is skipped,
     * not failed, when there is no daemon.
     *
     * @param factoryContext the instance being created
     * @param context        the current context
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        daemonFor(context);
    }

    /**
     * Supports parameters of type {@link IncusDaemon}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the current context
     * @return whether the parameter's type is {@link IncusDaemon}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == IncusDaemon.class;
    }

    /**
     * Provides the daemon for the test's scope.
     *
     * @param parameterContext the parameter
     * @param extensionContext the current context
     * @return the {@link IncusDaemon}
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return daemonFor(extensionContext);
    }

    /**
     * The daemon this extension gives the tests of {@code context}: the run's shared one, or the
     * class's own with {@link Scope#CLASS}, started on first use. For other JUnit extensions that
     * hand the daemon on, such as a Spring test integration, so that they share it with
     * {@link IncusIntegrationTest} classes instead of starting another.
     *
     * <p>The same skip-or-fail rule applies: when no daemon can be had, this aborts the test (a
     * skip) or, with {@link #REQUIRE_PROPERTY}, throws {@link IncusDaemonException}.
     *
     * @param context a class, method or invocation context of a test class
     * @return the running daemon, closed by JUnit when its scope ends
     */
    public static IncusDaemon daemon(ExtensionContext context) {
        return new IncusDaemonExtension().daemonFor(context);
    }

    @SuppressWarnings("unchecked")
    private IncusDaemon daemonFor(ExtensionContext context) {
        boolean perRun = scopeOf(context) == Scope.RUN;
        ExtensionContext owner = perRun ? context.getRoot() : classContext(context);
        // Stores are hierarchical: a @Nested class finds the daemon of its enclosing class here.
        Started<IncusDaemon> started = owner.getStore(NAMESPACE).computeIfAbsent(perRun ? RUN_KEY : CLASS_KEY,
                key -> Started.attempt(factory), Started.class);
        return FixtureAvailability.orSkip(started, required, "Incus daemon", "integration tests");
    }

    /** The scope of the nearest {@link IncusIntegrationTest} on the class or an enclosing class. */
    static Scope scopeOf(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            Optional<IncusIntegrationTest> annotation = AnnotationSupport.findAnnotation(type, IncusIntegrationTest.class);
            if (annotation.isPresent()) {
                return annotation.get().scope();
            }
        }
        return Scope.RUN;
    }

    /** The context of the innermost test class, from a class, method or invocation context. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (!(current.getElement().orElse(null) instanceof Class)) {
            current = current.getParent().orElseThrow(
                    () -> new IllegalStateException("No test class around " + context.getUniqueId()));
        }
        return current;
    }
}
