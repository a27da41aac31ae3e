package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {

    private static final Set<Path> COMPLETE = Set.of(Prerequisites.INCUSD, Prerequisites.BUSYBOX,
            Path.of("/usr/bin/incus"), Path.of("/usr/bin/openssl"));

    private static Prerequisites.Host host(String os, OptionalLong uid, Set<Path> executables, boolean dynamicBusybox) {
        return new Prerequisites.Host(os, uid, "/usr/local/bin:/usr/bin", executables::contains, path -> dynamicBusybox);
    }

    private static Set<Path> without(Path missing) {
        return COMPLETE.stream().filter(path -> !path.equals(missing)).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aCompleteLinuxRootHostCanStartADaemon() {
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.of(0), COMPLETE, false))).isEmpty();
    }

    @Test
    void otherOperatingSystemsAreNamed() {
        assertThat(Prerequisites.unavailableReason(host("Mac OS X", OptionalLong.of(0), COMPLETE, false)))
                .hasValue("Incus runs on Linux only; this is Mac OS X");
    }

    @Test
    void nonRootUsersAreToldTheirUid() {
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.of(1000), COMPLETE, false)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("needs root").contains("uid 1000"));
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.empty(), COMPLETE, false)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("root"));
    }

    @Test
    void eachMissingToolIsNamedWithItsPackage() {
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.of(0), without(Prerequisites.INCUSD), false)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("/usr/libexec/incus/incusd not found"));
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.of(0), without(Path.of("/usr/bin/incus")), false)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("incus command line is not on the PATH"));
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.of(0), without(Prerequisites.BUSYBOX), false)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("/bin/busybox not found").contains("busybox-static"));
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.of(0), without(Path.of("/usr/bin/openssl")), false)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("openssl"));
    }

    @Test
    void aDynamicallyLinkedBusyboxIsRejected() {
        assertThat(Prerequisites.unavailableReason(host("Linux", OptionalLong.of(0), COMPLETE, true)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("dynamically linked").contains("busybox-static"));
    }

    @Test
    void toolsAreFoundInPathOrder() {
        Prerequisites.Host host = new Prerequisites.Host("Linux", OptionalLong.of(0), "/opt/a::/opt/b:/opt/c",
                Set.of(Path.of("/opt/b/incus"), Path.of("/opt/c/incus"))::contains, path -> false);

        assertThat(Prerequisites.findOnPath("incus", host)).hasValue(Path.of("/opt/b/incus"));
        assertThat(Prerequisites.findOnPath("openssl", host)).isEmpty();
    }

    @Test
    void effectiveUidIsTheSecondUidField() {
        assertThat(Prerequisites.parseEffectiveUid(List.of("Name:\tjava", "Uid:\t1000\t0\t0\t0", "Gid:\t0\t0\t0\t0")))
                .hasValue(0);
        assertThat(Prerequisites.parseEffectiveUid(List.of("Name:\tjava"))).isEmpty();
        assertThat(Prerequisites.parseEffectiveUid(List.of("Uid:\tx\ty"))).isEmpty();
    }

    @Test
    void thisProcessHasAnEffectiveUid() {
        assertThat(Prerequisites.effectiveUidOfThisProcess()).isPresent();
    }
}
