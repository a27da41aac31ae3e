package io.github.incus4j.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroup directories of processes that a killed daemon left behind, and their removal.
 *
 * <p>LXC puts each container's monitor in {@code lxc.monitor.<name>} and its processes in
 * {@code lxc.payload.<name>}, in every cgroup hierarchy. A daemon that stops a container removes
 * them; after a SIGKILL of the daemon nobody does, and killing the processes leaves the empty
 * directories behind. Only directories found through the killed processes' own
 * {@code /proc/<pid>/cgroup} are considered, and of those only the subtree from the first
 * {@code lxc.*} path component on, never LXC's shared {@code lxc.pivot}, and never one that holds this
 * JVM.
 */
final class Cgroups {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Duration POLL = Duration.ofMillis(50);

    /** One mounted cgroup hierarchy: v1 with its controllers (or {@code name=...}), or v2. */
    record Hierarchy(Path mountPoint, String root, boolean version2, Set<String> options) {

        /** Whether a {@code /proc/<pid>/cgroup} line with these controllers belongs to this hierarchy. */
        boolean serves(String controllers) {
            if (controllers.isEmpty()) {
                return version2;
            }
            return !version2 && options.containsAll(Arrays.asList(controllers.split(",")));
        }
    }

    private Cgroups() {
    }

    /** The cgroup hierarchies mounted in this mount namespace. */
    static List<Hierarchy> hierarchies() {
        try {
            return hierarchies(Files.readAllLines(MOUNTINFO));
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Hierarchy> hierarchies(List<String> mountinfoLines) {
        List<Hierarchy> found = new ArrayList<>();
        for (String line : mountinfoLines) {
            // "35 24 0:30 / /sys/fs/cgroup/cpu rw,relatime shared:9 - cgroup cgroup rw,cpu"
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] before = line.substring(0, separator).split(" ");
            String[] after = line.substring(separator + 3).split(" ");
            if (before.length < 5 || after.length < 3) {
                continue;
            }
            String type = after[0];
            if (type.equals("cgroup") || type.equals("cgroup2")) {
                found.add(new Hierarchy(Path.of(MountTable.unescape(before[4])), MountTable.unescape(before[3]),
                        type.equals("cgroup2"), Set.copyOf(Arrays.asList(after[2].split(",")))));
            }
        }
        return found;
    }

    /**
     * The cgroup directories to remove once the process {@code pid} is gone: one per hierarchy, the
     * subtree from the first {@code lxc.*} component of its cgroup path on.
     */
    static Set<Path> ofProcess(long pid, List<Hierarchy> hierarchies) {
        Set<Path> directories = new LinkedHashSet<>();
        List<String> own = readLines(Path.of("/proc/self/cgroup"));
        for (String line : readLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            directoryFor(line, hierarchies, own).ifPresent(directories::add);
        }
        return directories;
    }

    /**
     * The directory of one {@code /proc/<pid>/cgroup} line ({@code id:controllers:path}), cut at its
     * first {@code lxc.*} component; empty when there is none, it is {@code lxc.pivot}, no mounted
     * hierarchy matches, or this JVM ({@code ownLines}) lives in it.
     */
    static Optional<Path> directoryFor(String line, List<Hierarchy> hierarchies, List<String> ownLines) {
        String[] fields = line.split(":", 3);
        if (fields.length < 3) {
            return Optional.empty();
        }
        String containerPath = lxcSubtree(fields[2]);
        if (containerPath == null) {
            return Optional.empty();
        }
        for (String own : ownLines) {
            String[] ownFields = own.split(":", 3);
            if (ownFields.length == 3 && ownFields[1].equals(fields[1])
                    && (ownFields[2] + "/").startsWith(containerPath + "/")) {
                return Optional.empty();
            }
        }
        for (Hierarchy hierarchy : hierarchies) {
            if (!hierarchy.serves(fields[1])) {
                continue;
            }
            String root = hierarchy.root().equals("/") ? "" : hierarchy.root();
            if (!containerPath.startsWith(root + "/")) {
                continue;
            }
            return Optional.of(hierarchy.mountPoint().resolve(containerPath.substring(root.length() + 1)));
        }
        return Optional.empty();
    }

    /** {@code /a/lxc.payload.c1/init.scope} becomes {@code /a/lxc.payload.c1}; null without an lxc.* part. */
    private static String lxcSubtree(String path) {
        StringBuilder prefix = new StringBuilder();
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            prefix.append('/').append(component);
            if (component.startsWith("lxc.")) {
                return component.equals("lxc.pivot") ? null : prefix.toString();
            }
        }
        return null;
    }

    /**
     * Removes the directories (cgroup directories are removed with {@code rmdir}, children first),
     * retrying briefly because the kernel lets go of a killed process's cgroup a moment after it died.
     *
     * @return a description of every directory that could not be removed
     */
    static List<String> remove(Collection<Path> directories, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int maxAttempts = (int) (timeout.toMillis() / POLL.toMillis()) + 1;
        List<String> problems = List.of();
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            problems = new ArrayList<>();
            for (Path directory : directories) {
                problems.addAll(FileTrees.deleteDirectories(directory));
            }
            if (problems.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            Sleeper.pause(POLL);
        }
        return problems;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
