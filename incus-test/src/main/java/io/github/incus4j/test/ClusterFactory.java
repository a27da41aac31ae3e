package io.github.incus4j.test;

import java.util.Optional;

/** Where {@link IncusClusterExtension} gets its cluster from; tests of the extension substitute it. */
interface ClusterFactory extends FixtureFactory<IncusCluster> {

    /** The real thing: {@link IncusCluster#unavailableReason()} and {@link IncusCluster#start()}. */
    ClusterFactory REAL = new ClusterFactory() {
        @Override
        public Optional<String> unavailableReason() {
            return IncusCluster.unavailableReason();
        }

        @Override
        public IncusCluster start() {
            return IncusCluster.start();
        }
    };
}
