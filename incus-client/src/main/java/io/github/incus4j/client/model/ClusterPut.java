package io.github.incus4j.client.model;

import java.util.List;

/**
 * What {@code PUT /1.0/cluster} takes: turn clustering on for a standalone server, make a server
 * join a cluster, or leave it.
 *
 * <p>A join is sent to the JOINING server, which then contacts the cluster: it names the new
 * member, the address it listens on, the token the cluster issued for it, the cluster's address and
 * certificate (which the {@code incus} command line reads from the token and fetches itself), and
 * the member-specific settings the cluster asks for ({@code Cluster.memberConfig()}).
 *
 * @param serverName the member's name
 * @param enabled {@code true} to enable or join, {@code false} to leave
 * @param memberConfig the member-specific settings (join only)
 * @param serverAddress the address this server listens on for the cluster (join only)
 * @param clusterAddress the address of a member of the cluster to join (join only)
 * @param clusterCertificate the cluster's certificate in PEM (join only)
 * @param clusterToken the join token the cluster issued for this member (join only)
 */
public record ClusterPut(
        String serverName,
        boolean enabled,
        List<ClusterMemberConfigKey> memberConfig,
        String serverAddress,
        String clusterAddress,
        String clusterCertificate,
        String clusterToken) {

    /**
     * Normalises missing fields.
     *
     * @param serverName the member's name
     * @param enabled {@code true} to enable or join, {@code false} to leave
     * @param memberConfig the member-specific settings (join only)
     * @param serverAddress the address this server listens on for the cluster (join only)
     * @param clusterAddress the address of a member of the cluster to join (join only)
     * @param clusterCertificate the cluster's certificate in PEM (join only)
     * @param clusterToken the join token the cluster issued for this member (join only)
     */
    public ClusterPut {
        serverName = Wire.text(serverName);
        memberConfig = Wire.list(memberConfig);
        serverAddress = Wire.text(serverAddress);
        clusterAddress = Wire.text(clusterAddress);
        clusterCertificate = Wire.text(clusterCertificate);
        clusterToken = Wire.text(clusterToken);
    }

    /**
     * Turns a standalone server into the first member of a new cluster.
     *
     * @param serverName the name the member will have
     * @return the body
     */
    public static ClusterPut enable(String serverName) {
        return new ClusterPut(serverName, true, List.of(), "", "", "", "");
    }

    /**
     * Makes this member leave its cluster (the member then runs standalone).
     *
     * @param serverName this member's name
     * @return the body
     */
    public static ClusterPut leave(String serverName) {
        return new ClusterPut(serverName, false, List.of(), "", "", "", "");
    }
}
