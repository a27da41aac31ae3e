package io.github.incus4j.samples.sandbox;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.ClusterMember;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/cluster}: whether Incus is a cluster, and its members' state as the member
 * that answers sees it. Runs go to whichever member the cluster picks; this shows where they can go.
 */
@RestController
@RequestMapping("/api/cluster")
class ClusterController {

    private final IncusClient incus;

    ClusterController(IncusClient incus) {
        this.incus = incus;
    }

    @GetMapping
    Mono<ClusterView> cluster() {
        return incus.cluster().isClustered().flatMap(clustered -> !clustered
                ? Mono.just(new ClusterView(false, List.of()))
                : incus.cluster().members().list().map(members -> new ClusterView(true, members.stream()
                        .map(MemberView::of).sorted(Comparator.comparing(MemberView::name)).toList())));
    }

    /**
     * The cluster as the page shows it.
     *
     * @param clustered whether Incus is a cluster
     * @param members its members, empty for a standalone daemon
     */
    record ClusterView(boolean clustered, List<MemberView> members) {
    }

    /**
     * One member.
     *
     * @param name the member name
     * @param status {@code Online}, {@code Offline}, {@code Evacuated}, ...
     * @param message what the cluster says about it, such as {@code Fully operational}
     * @param roles its roles, such as {@code database-leader}
     */
    record MemberView(String name, String status, String message, List<String> roles) {

        static MemberView of(ClusterMember member) {
            return new MemberView(member.serverName(), member.status(), member.message(), member.roles());
        }
    }
}
