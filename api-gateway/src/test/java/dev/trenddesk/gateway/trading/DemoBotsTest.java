package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Local mode: the demo traders' bots start by themselves once their simulator keys are VERIFIED. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-demo-${random.uuid}",
            "trenddesk.demo.enabled=true",
            // as shipped: no default plan configured (the tests' config puts everyone on Pro)
            "trenddesk.plans.initial-default="
        })
class DemoBotsTest {

    @LocalServerPort
    int port;

    @Test
    void demoTradersBotsRunWithinAMinute() {
        Api admin = Api.loggedIn(port, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
        for (String demo : new String[] {"alice", "bob"}) {
            String id = null;
            for (JsonNode user : admin.get("/api/admin/users").json()) {
                if (user.get("username").asText().equals(demo)) {
                    id = user.get("id").asText();
                }
            }
            assertThat(id).as(demo).isNotNull();
            String path = "/api/admin/users/" + id + "/bot";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                            admin.get(path).json().get("status").asText())
                    .isEqualTo("RUNNING"));
            // with the shipped settings, both symbols: a new local platform's default plan (Pro) cuts nothing, where
            // Free's one symbol could leave the demo without a trade for a long while (LocalModeCrashIT saw none)
            assertThat(admin.get(path).json().path("settings").path("symbols").toString())
                    .as(demo)
                    .isEqualTo("[\"BTC-USDT\",\"ETH-USDT\"]");
        }
        assertThat(admin.get("/api/admin/plans").json())
                .filteredOn(plan -> plan.path("defaultPlan").asBoolean())
                .extracting(plan -> plan.path("planId").asText())
                .containsExactly("pro");
    }
}
