package io.github.incus4j.test;

import java.util.Optional;

/** Where {@link IncusDaemonExtension} gets daemons from; tests of the extension substitute it. */
interface DaemonFactory extends FixtureFactory<IncusDaemon> {

    /** The real thing: {@link IncusDaemon#unavailableReason()} and {@link IncusDaemon#start()}. */
    DaemonFactory REAL = new DaemonFactory() {
        @Override
        public Optional<String> unavailableReason() {
            return IncusDaemon.unavailableReason();
        }

        @Override
        public IncusDaemon start() {
            return IncusDaemon.start();
        }
    };
}
