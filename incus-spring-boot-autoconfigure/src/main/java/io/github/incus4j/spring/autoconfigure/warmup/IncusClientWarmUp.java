package io.github.incus4j.spring.autoconfigure.warmup;

import io.github.incus4j.client.IncusClient;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the application is ready, warms up every {@link IncusClient} bean of the context (the
 * unnamed one and the named ones) on a background daemon thread, one after the other, with
 * {@link IncusClient#warmUp()}: their transports are built and the request path is run once in
 * this process, so that the application's first call to Incus costs about what the later ones do.
 * Nothing is sent to Incus: the first connection is still opened by the first call, and start-up
 * itself is not delayed (the event comes after the application has started).
 *
 * <p>A warm-up that fails is logged at debug level and otherwise ignored: the first call then does
 * what is left. A client closed meanwhile (the context stopping) is skipped.
 */
public final class IncusClientWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log logger = LogFactory.getLog(IncusClientWarmUp.class);

    private final ObjectProvider<IncusClient> clients;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * Creates the listener.
     *
     * @param clients the application's clients, looked up when the application is ready
     */
    public IncusClientWarmUp(ObjectProvider<IncusClient> clients) {
        this.clients = clients;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        // Once: a child context's ready event reaches this listener too.
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Set<IncusClient> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        List<IncusClient> toWarm = clients.orderedStream().filter(distinct::add).toList();
        Thread thread = new Thread(() -> warmUp(toWarm), "incus-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void warmUp(List<IncusClient> toWarm) {
        try {
            for (IncusClient client : toWarm) {
                if (client.isClosed()) {
                    continue;
                }
                long started = System.nanoTime();
                try {
                    client.warmUp();
                    if (logger.isDebugEnabled()) {
                        logger.debug("Warmed up " + client + " in "
                                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                    }
                } catch (RuntimeException e) {
                    if (logger.isDebugEnabled()) {
                        logger.debug("The warm-up of " + client + " did not complete; its first call will do the "
                                + "rest: " + e, e);
                    }
                }
            }
        } finally {
            done.countDown();
        }
    }

    /**
     * Waits until the warm-up started by the ready event has gone through every client.
     *
     * @param timeout how long to wait, in milliseconds
     * @return {@code true} if it is done
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitDone(long timeout) throws InterruptedException {
        return done.await(timeout, TimeUnit.MILLISECONDS);
    }
}
