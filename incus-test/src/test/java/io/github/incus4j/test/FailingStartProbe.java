package io.github.incus4j.test;

/**
 * Run in a separate JVM by {@link DaemonLifecycleIntegrationTest} with an {@code incus} command on
 * the PATH that fails one setup step: prints what {@link IncusDaemon#start()} reports.
 */
public final class FailingStartProbe {

    private FailingStartProbe() {
    }

    public static void main(String[] args) {
        try {
            IncusDaemon.start().close();
            System.out.println("UNEXPECTEDLY STARTED");
        } catch (IncusDaemonException e) {
            System.out.println("FAILED " + e.getMessage());
        }
    }
}
