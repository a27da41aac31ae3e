package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupsTest {

    /** A hybrid layout as on Debian 12 with cgroup v1 controllers, a named hierarchy and cgroup2. */
    private static final List<Cgroups.Hierarchy> HYBRID = Cgroups.hierarchies(List.of(
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime shared:5 - cgroup2 cgroup2 rw",
            "50 22 8:1 / /tmp rw,relatime - ext4 /dev/sda1 rw"));

    @Test
    void readsTheCgroupHierarchiesFromTheMountTable() {
        assertThat(HYBRID).extracting(Cgroups.Hierarchy::mountPoint).containsExactly(
                Path.of("/sys/fs/cgroup/cpu,cpuacct"), Path.of("/sys/fs/cgroup/memory"),
                Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup/unified"));
        assertThat(HYBRID.get(3).version2()).isTrue();
    }

    @Test
    void mapsAContainerProcessToTheTopOfItsLxcSubtreeInEachHierarchy() {
        List<String> own = List.of("4:memory:/process_api/abc", "0::/");

        assertThat(Cgroups.directoryFor("3:cpu,cpuacct:/lxc.payload.c1/init.scope", HYBRID, own))
                .contains(Path.of("/sys/fs/cgroup/cpu,cpuacct/lxc.payload.c1"));
        assertThat(Cgroups.directoryFor("4:memory:/lxc.monitor.c1", HYBRID, own))
                .contains(Path.of("/sys/fs/cgroup/memory/lxc.monitor.c1"));
        assertThat(Cgroups.directoryFor("9:name=systemd:/lxc.payload.c1-1", HYBRID, own))
                .contains(Path.of("/sys/fs/cgroup/systemd/lxc.payload.c1-1"));
        assertThat(Cgroups.directoryFor("0::/lxc.payload.c1", HYBRID, own))
                .contains(Path.of("/sys/fs/cgroup/unified/lxc.payload.c1"));
    }

    @Test
    void neverOffersSharedOrForeignCgroups() {
        List<String> own = List.of("4:memory:/lxc.payload.runner/tests", "0::/");

        assertThat(Cgroups.directoryFor("4:memory:/", HYBRID, own)).isEmpty();
        assertThat(Cgroups.directoryFor("0::/user.slice/session-1.scope", HYBRID, own)).isEmpty();
        assertThat(Cgroups.directoryFor("0::/lxc.pivot", HYBRID, own)).isEmpty();
        // This JVM itself runs inside that container's cgroup.
        assertThat(Cgroups.directoryFor("4:memory:/lxc.payload.runner", HYBRID, own)).isEmpty();
        assertThat(Cgroups.directoryFor("7:blkio:/lxc.payload.c1", HYBRID, own)).as("hierarchy not mounted").isEmpty();
    }

    @Test
    void aHierarchyMountedBelowItsRootIsResolvedRelativeToThatRoot() {
        List<Cgroups.Hierarchy> nested = Cgroups.hierarchies(List.of(
                "41 31 0:38 /docker/abc /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw"));

        assertThat(Cgroups.directoryFor("0::/docker/abc/lxc.payload.c1", nested, List.of()))
                .contains(Path.of("/sys/fs/cgroup/lxc.payload.c1"));
        assertThat(Cgroups.directoryFor("0::/other/lxc.payload.c1", nested, List.of())).isEmpty();
    }

    @Test
    void removesDirectoriesChildrenFirstAndKeepsFiles(@TempDir Path scratch) throws Exception {
        Path top = Files.createDirectories(scratch.resolve("lxc.payload.c1/init.scope/inner"));
        Path other = Files.createDirectory(scratch.resolve("lxc.monitor.c1"));
        Files.writeString(other.resolve("cgroup.procs"), "");

        List<String> problems = Cgroups.remove(List.of(scratch.resolve("lxc.payload.c1"), other), Duration.ZERO);

        assertThat(top).doesNotExist();
        assertThat(scratch.resolve("lxc.payload.c1")).doesNotExist();
        // A real cgroup directory goes with its control files; an ordinary directory with a file stays.
        assertThat(problems).singleElement().asString().contains("lxc.monitor.c1");
        assertThat(Cgroups.remove(List.of(scratch.resolve("absent")), Duration.ZERO)).isEmpty();
    }
}
