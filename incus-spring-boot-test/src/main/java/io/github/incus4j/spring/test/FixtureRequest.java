package io.github.incus4j.spring.test;

import io.github.incus4j.spring.test.IncusServiceConnection.Transport;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * What a test class asks for: the daemon over one transport, or the cluster. Found the way Spring
 * finds test configuration (superclasses, meta-annotations, enclosing classes of {@code @Nested}
 * ones), so the JUnit extension and the context customizer always agree. It is also the cache key
 * part of the context customizer: two classes asking for the same thing share a context.
 *
 * @param cluster whether the cluster is asked for
 * @param transport how the daemon is reached; {@link Transport#HTTPS} for the cluster
 */
record FixtureRequest(boolean cluster, Transport transport) {

    /**
     * Reads the request of a test class.
     *
     * @param testClass the test class
     * @return the request, or {@code null} when the class has neither annotation
     * @throws IllegalStateException when it has both
     */
    static @Nullable FixtureRequest of(Class<?> testClass) {
        IncusServiceConnection daemon = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                IncusServiceConnection.class);
        IncusClusterServiceConnection cluster = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                IncusClusterServiceConnection.class);
        if (daemon != null && cluster != null) {
            throw new IllegalStateException(testClass.getName() + " has both @IncusServiceConnection and "
                    + "@IncusClusterServiceConnection: the IncusClient can only point at one of them. Keep one, "
                    + "and reach the other through its fixture (IncusDaemon or IncusCluster) directly.");
        }
        if (cluster != null) {
            return new FixtureRequest(true, Transport.HTTPS);
        }
        return daemon != null ? new FixtureRequest(false, daemon.transport()) : null;
    }

    String annotation() {
        return cluster ? "@IncusClusterServiceConnection" : "@IncusServiceConnection";
    }
}
