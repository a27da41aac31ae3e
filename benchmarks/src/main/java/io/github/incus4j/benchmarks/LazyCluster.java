package io.github.incus4j.benchmarks;

import io.github.incus4j.test.IncusCluster;

/**
 * The cluster the cluster cases share, formed when the first of them runs (about 5 seconds and
 * three more daemons), so that a run of other cases never pays for it, and shut down at the end.
 */
final class LazyCluster implements AutoCloseable {

    private IncusCluster cluster;

    /** The cluster, formed on the first call. */
    IncusCluster get() {
        if (cluster == null) {
            cluster = IncusCluster.start();
        }
        return cluster;
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
