package dev.trenddesk.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.gateway.support.Node;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Axon claims event-processor segments under the node's id, so token_entry.owner names the node. */
class TokenOwnerTest {

    @Test
    void segmentsAreClaimedUnderTheNodeId() {
        String dataDir = "trenddesk.database.embedded.data-dir="
                + System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/token-owner-"
                + System.nanoTime();
        try (Node node = Node.start(dataDir, "trenddesk.node.id=owner-test-node")) {
            assertThat(node.bean(Environment.class).getProperty(NodeIdentity.PROPERTY))
                    .isEqualTo("owner-test-node");
            JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<String> owners = jdbc.queryForList(
                        "select distinct owner from token_entry where owner is not null", String.class);
                assertThat(owners).containsExactly("owner-test-node");
            });
        }
    }
}
