package io.aircheck.api.search.es;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.NodeRole;
import co.elastic.clients.elasticsearch.nodes.info.NodeInfo;
import java.util.Map;

/** How many processors the cluster's data nodes search with, as the nodes report them. */
public final class IndexCores {
    private IndexCores() {}

    /**
     * The sum over data nodes of their allocated processors ({@code node.processors}, else what the
     * machine has).
     */
    public static int ofDataNodes(ElasticsearchClient client) {
        Map<String, NodeInfo> nodes =
                new IndexCall()
                        .run(
                                "read the nodes' processors",
                                () -> client.nodes().info(i -> i.metric("os")))
                        .nodes();
        int cores = 0;
        for (NodeInfo node : nodes.values()) {
            if (holdsData(node) && node.os() != null) {
                Integer allocated = node.os().allocatedProcessors();
                cores += allocated != null ? allocated : node.os().availableProcessors();
            }
        }
        return cores;
    }

    private static boolean holdsData(NodeInfo node) {
        return node.roles().stream().map(NodeRole::jsonValue).anyMatch(r -> r.startsWith("data"));
    }
}
