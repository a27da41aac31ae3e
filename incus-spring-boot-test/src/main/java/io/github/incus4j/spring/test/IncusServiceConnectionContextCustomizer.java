package io.github.incus4j.spring.test;

import io.github.incus4j.spring.test.IncusServiceConnection.Transport;
import io.github.incus4j.test.IncusCluster;
import io.github.incus4j.test.IncusDaemon;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers the {@link IncusTestConnectionDetails} of the test class's daemon or cluster, and the
 * fixture itself, in the application context before it is refreshed.
 *
 * <p>Equal for every class asking for the same kind of fixture, so that Spring's context cache
 * shares one context between them: they get the same run-wide fixture anyway.
 */
final class IncusServiceConnectionContextCustomizer implements ContextCustomizer {

    /** Bean name of the connection details. */
    static final String DETAILS_BEAN = "incusTestConnectionDetails";

    private final FixtureRequest request;

    IncusServiceConnectionContextCustomizer(FixtureRequest request) {
        this.request = request;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Class<?> testClass = mergedConfig.getTestClass();
        AutoCloseable fixture = Fixtures.get(testClass);
        if (fixture == null) {
            throw new IllegalStateException("No Incus " + (request.cluster() ? "cluster" : "daemon") + " for "
                    + request.annotation() + " on " + testClass.getName() + ": it is provided by a JUnit Jupiter "
                    + "extension before the application context is made, which did not run. Run the class with "
                    + "JUnit Jupiter (not the Spring TestContext runner of JUnit 4 or TestNG), or declare an "
                    + "IncusConnectionDetails bean with IncusTestConnectionDetails yourself.");
        }
        IncusTestConnectionDetails details;
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (fixture instanceof IncusCluster cluster) {
            details = IncusTestConnectionDetails.https(cluster);
            // registerSingleton: the context must never close the run's fixture (a bean definition of
            // an AutoCloseable would get close() as its inferred destroy method).
            beanFactory.registerSingleton("incusTestCluster", cluster);
        } else {
            IncusDaemon daemon = (IncusDaemon) fixture;
            details = request.transport() == Transport.UNIX_SOCKET ? IncusTestConnectionDetails.unixSocket(daemon)
                    : IncusTestConnectionDetails.https(daemon);
            beanFactory.registerSingleton("incusTestDaemon", daemon);
        }
        if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
            throw new IllegalStateException(request.annotation() + " needs an application context whose bean "
                    + "factory accepts bean definitions; " + beanFactory.getClass().getName() + " does not.");
        }
        // A definition rather than a singleton, so that the auto-configuration's conditions on
        // IncusConnectionDetails see it as any other bean.
        registry.registerBeanDefinition(DETAILS_BEAN, new RootBeanDefinition(IncusTestConnectionDetails.class,
                () -> details));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IncusServiceConnectionContextCustomizer customizer
                && request.equals(customizer.request);
    }

    @Override
    public int hashCode() {
        return request.hashCode();
    }
}
