package dev.trenddesk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HAProxy configuration a {@link LocalCluster} of another size than three runs: deploy/haproxy's file, one server line per node. */
class LocalClusterTest {

    private static final Path CONFIG = Path.of("../deploy/haproxy/haproxy.cfg");

    @Test
    void eachBackendGetsOneServerLinePerNodeAndNothingElseChanges() throws IOException {
        String original = Files.readString(CONFIG, StandardCharsets.UTF_8);
        assertThat(servers(original))
                .as("the repository's file names three nodes in each of its two backends")
                .hasSize(6);

        String two = LocalCluster.withServers(original, 2);
        assertThat(servers(two))
                .containsExactly(
                        "    server node-1 \"${TRENDDESK_NODE_1}\" check",
                        "    server node-2 \"${TRENDDESK_NODE_2}\" check",
                        "    server node-1 \"${TRENDDESK_NODE_1}\" check",
                        "    server node-2 \"${TRENDDESK_NODE_2}\" check");
        assertThat(LocalCluster.withServers(original, 1)).doesNotContain("node-2", "node-3");
        assertThat(servers(LocalCluster.withServers(original, 4)))
                .hasSize(8)
                .contains("    server node-4 \"${TRENDDESK_NODE_4}\" check");
        assertThat(LocalCluster.withServers(original, 3)).isEqualTo(original);
        assertThat(otherLines(two)).isEqualTo(otherLines(original));
    }

    private static List<String> servers(String config) {
        return config.lines().filter(l -> l.trim().startsWith("server ")).toList();
    }

    private static List<String> otherLines(String config) {
        return config.lines().filter(l -> !l.trim().startsWith("server ")).toList();
    }
}
