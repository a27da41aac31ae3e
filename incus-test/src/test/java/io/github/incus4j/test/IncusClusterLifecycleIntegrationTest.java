package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.test.IncusCluster.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IncusCluster#close()} on a cluster of this test's own (the run-wide one must keep running):
 * after a member was killed with a container running on it, and another member still runs one.
 * {@link IncusClusterTest} only supplies the skip or fail rule here.
 */
@IncusClusterTest
class IncusClusterLifecycleIntegrationTest {

    @Test
    void closeLeavesNoProcessMountCgroupOrFileEvenAfterAKill() throws Exception {
        IncusCluster cluster = IncusCluster.start();
        List<Member> members = cluster.members();
        Path directory = members.get(0).directory().getParent();
        Path workFiles = directory.resolveSibling(directory.getFileName() + "-files");
        Member leader = cluster.leader();
        List<Member> others = members.stream().filter(member -> member != leader).toList();
        Member killed = others.get(0);
        Member running = others.get(1);
        cluster.incusOrFail(leader, "launch", cluster.imageAlias(), "on-killed", "--target", killed.name());
        cluster.incusOrFail(leader, "launch", cluster.imageAlias(), "on-running", "--target", running.name());
        List<Long> pids = new ArrayList<>(members.stream().map(Member::pid).toList());
        List<ProcessHandle> containerProcesses = new ArrayList<>();
        for (Member member : members) {
            containerProcesses.addAll(LeftoverProcesses.of(member.directory()));
        }
        cluster.kill(killed);
        List<ProcessHandle> leftovers = LeftoverProcesses.of(killed.directory());
        assertThat(leftovers).as("the killed member's container monitor").isNotEmpty();
        List<Path> cgroups = new ArrayList<>();
        for (ProcessHandle process : leftovers) {
            process.descendants().forEach(containerProcesses::add);
            cgroups.addAll(Cgroups.ofProcess(process.pid(), Cgroups.hierarchies()));
        }
        assertThat(cgroups).isNotEmpty().allSatisfy(cgroup -> assertThat(cgroup).isDirectory());
        assertThat(MountTable.mountPointsUnder(directory)).isNotEmpty();

        long began = System.nanoTime();
        cluster.close();
        System.err.printf("[incus-test] cluster closed (one member killed, two containers) in %.1f s%n",
                (System.nanoTime() - began) / 1e9);

        assertThat(pids).noneMatch(LeftoverProcesses::isRunning);
        assertThat(containerProcesses).isNotEmpty().noneMatch(process -> LeftoverProcesses.isRunning(process.pid()));
        for (Member member : members) {
            assertThat(LeftoverProcesses.of(member.directory())).isEmpty();
        }
        assertThat(cgroups).allSatisfy(cgroup -> assertThat(cgroup).doesNotExist());
        assertThat(MountTable.mountPointsUnder(directory)).isEmpty();
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).noneMatch(line -> line.contains(directory.toString()));
        assertThat(directory).doesNotExist();
        assertThat(workFiles).doesNotExist();
        assertThat(DaemonCleanup.lxcLockDirectory(directory)).doesNotExist();

        cluster.close(); // idempotent
        assertThatThrownBy(cluster::members).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
