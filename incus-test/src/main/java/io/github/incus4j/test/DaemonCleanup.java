package io.github.incus4j.test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Removes every trace of one {@link Incusd} (a standalone {@link IncusDaemon} or a cluster member):
 * its process, containers it left running with their cgroups, its mounts, LXC's lock directory for
 * it, its directory and its work files. Each step runs even if an earlier one failed, and problems
 * are reported on {@code System.err} instead of thrown, because cleanup runs after tests (or at JVM
 * exit) where an exception would only hide the real result.
 */
final class DaemonCleanup {

    private static final Duration UMOUNT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LEFTOVER_KILL_WAIT = Duration.ofSeconds(10);
    /** Stacked mounts need one pass each; more passes than this means something keeps remounting. */
    private static final int UMOUNT_PASSES = 5;

    /** LXC keeps lock files below this directory, at the path of the containers' directory. */
    private static final Path LXC_LOCKS = Path.of("/run/lxc/lock");

    private final Incusd daemon;
    private final Path directory;
    private final Runnable revive;

    /**
     * @param daemon the daemon to remove
     * @param revive starts a daemon on the same directory and shuts it down again, so that it stops
     *               the containers a killed predecessor left running; {@code null} where that cannot
     *               work (a cluster member whose cluster is gone): such containers are then killed
     */
    DaemonCleanup(Incusd daemon, Runnable revive) {
        this.daemon = daemon;
        this.directory = daemon.directory();
        this.revive = revive;
    }

    void run() {
        boolean wasRunning = step("stop incusd", this::stopDaemon);
        step("stop leftover containers", () -> stopLeftovers(!wasRunning));
        step("unmount", this::unmountAll);
        step("delete LXC locks", () -> deleteTree(lxcLockDirectory(directory)));
        step("delete " + directory, () -> deleteTree(directory));
        step("delete " + daemon.workDirectory(), () -> deleteTree(daemon.workDirectory()));
    }

    /** @return whether a live daemon was found and stopped */
    private boolean stopDaemon() {
        DaemonProcess process = daemon.process();
        if (process == null || !process.isAlive()) {
            return false;
        }
        if (!daemon.shutDownGracefully()) {
            warn("incusd (pid " + process.pid() + ") did not shut down in time and was killed");
        }
        return true;
    }

    /**
     * Container monitors outlive a killed daemon. A fresh daemon on the same directory adopts them
     * and stops them properly; whatever still survives is killed, and its cgroups removed.
     */
    private boolean stopLeftovers(boolean mayRevive) {
        List<ProcessHandle> leftovers = LeftoverProcesses.of(directory);
        if (leftovers.isEmpty()) {
            return true;
        }
        if (mayRevive && revive != null) {
            try {
                revive.run();
            } catch (RuntimeException e) {
                warn("could not restart incusd to stop its containers: " + e.getMessage());
                DaemonProcess revived = daemon.process();
                if (revived != null && revived.isAlive()) {
                    revived.kill(LEFTOVER_KILL_WAIT);
                }
            }
            leftovers = LeftoverProcesses.of(directory);
        }
        if (!leftovers.isEmpty()) {
            warn("killing leftover processes " + leftovers.stream().map(p -> String.valueOf(p.pid()))
                    .collect(Collectors.joining(", ")));
            LeftoverProcesses.kill(leftovers, LEFTOVER_KILL_WAIT);
        }
        return true;
    }

    private boolean unmountAll() throws IOException {
        Path umount = Prerequisites.findOnPath("umount", Prerequisites.Host.current()).orElse(Path.of("/bin/umount"));
        for (int pass = 0; pass < UMOUNT_PASSES; pass++) {
            List<Path> mounts = MountTable.mountPointsUnder(directory);
            if (mounts.isEmpty()) {
                return true;
            }
            for (Path mount : mounts) {
                // Lazy: a mount still in use (by a process being torn down) is detached now and freed later.
                CommandResult result = daemon.runner().run(List.of(umount.toString(), "-l", mount.toString()),
                        Map.of(), UMOUNT_TIMEOUT);
                if (!result.succeeded()) {
                    warn("umount -l " + mount + " failed: " + result.stderr().strip());
                }
            }
        }
        List<Path> remaining = MountTable.mountPointsUnder(directory);
        if (!remaining.isEmpty()) {
            warn("still mounted after " + UMOUNT_PASSES + " passes: " + remaining);
        }
        return remaining.isEmpty();
    }

    /** {@code /run/lxc/lock/tmp/incus-test-...}: where LXC put its lock files for this daemon's containers. */
    static Path lxcLockDirectory(Path directory) {
        return LXC_LOCKS.resolve(directory.getRoot().relativize(directory));
    }

    private boolean deleteTree(Path root) throws IOException {
        List<String> problems = FileTrees.delete(root, MountTable.mountPointsUnder(root));
        problems.forEach(this::warn);
        return problems.isEmpty();
    }

    /** Runs one step, reporting instead of propagating failures; returns the step's result or false. */
    private boolean step(String name, Step step) {
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            warn(name + " failed: " + e);
            return false;
        }
    }

    private void warn(String message) {
        System.err.println("[incus-test] cleanup of " + directory + ": " + message);
    }

    @FunctionalInterface
    private interface Step {
        boolean run() throws IOException;
    }
}
