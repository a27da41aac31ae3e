package io.github.incus4j.test;

/**
 * Run in a separate JVM by {@link DaemonLifecycleIntegrationTest}: starts a daemon with a running
 * container, reports where it lives, and then waits to be terminated without closing anything,
 * like a test run that is interrupted.
 */
public final class ShutdownHookProbe {

    private ShutdownHookProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        IncusDaemon daemon = IncusDaemon.start();
        daemon.incusOrFail("launch", daemon.imageAlias(), "probe");
        System.out.println("READY " + daemon.pid() + " " + daemon.directory());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
