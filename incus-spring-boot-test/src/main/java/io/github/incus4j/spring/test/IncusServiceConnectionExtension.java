package io.github.incus4j.spring.test;

import io.github.incus4j.test.IncusClusterExtension;
import io.github.incus4j.test.IncusDaemonExtension;
import io.github.incus4j.test.IncusIntegrationTest;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link IncusServiceConnection} and {@link IncusClusterServiceConnection}: gets
 * the run's daemon or cluster from incus-test's extensions (which start it, share it, and skip or
 * fail the class when there is none) before Spring makes the application context, and hands it to
 * {@link IncusServiceConnectionContextCustomizer}.
 *
 * <p>Spring's extension makes the context when it prepares the test instance, after every
 * {@code beforeAll}; with {@code @TestInstance(PER_CLASS)} the instance comes first, hence the
 * pre-construct callback as well.
 */
final class IncusServiceConnectionExtension implements BeforeAllCallback, TestInstancePreConstructCallback,
        AfterAllCallback {

    IncusServiceConnectionExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        provide(context);
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        provide(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // A context cached for this class keeps its details; a new one for another class is given
        // that class's fixture by its own beforeAll.
        Fixtures.remove(context.getRequiredTestClass());
    }

    private static void provide(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (Fixtures.get(testClass) != null) {
            return;
        }
        FixtureRequest request = FixtureRequest.of(testClass);
        if (request == null) {
            return;
        }
        if (request.cluster()) {
            Fixtures.put(testClass, IncusClusterExtension.cluster(context));
            return;
        }
        if (classScoped(testClass)) {
            throw new IllegalStateException(testClass.getName() + ": @IncusServiceConnection uses the daemon shared "
                    + "by the test run, but the class asks for a daemon of its own (@IncusIntegrationTest(scope = "
                    + "CLASS)). Spring keeps application contexts after their class ends, so one would keep a "
                    + "client of a removed daemon. Remove the scope, or drop @IncusServiceConnection and declare an "
                    + "IncusConnectionDetails bean with IncusTestConnectionDetails.https(daemon).");
        }
        Fixtures.put(testClass, IncusDaemonExtension.daemon(context));
    }

    /** Whether the nearest @IncusIntegrationTest, as incus-test reads it, asks for a class-scoped daemon. */
    private static boolean classScoped(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<IncusIntegrationTest> annotation = AnnotationSupport.findAnnotation(type,
                    IncusIntegrationTest.class);
            if (annotation.isPresent()) {
                return annotation.get().scope() == IncusIntegrationTest.Scope.CLASS;
            }
        }
        return false;
    }
}
