package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.Node;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two gateway nodes on one database: a change made through one node ends the affected streams
 * open on the other within 2 s, although that node neither deleted the session nor published the event.
 */
class StreamAccessClusterTest {

    @Test
    void aChangeThroughOneNodeEndsTheStreamsOpenOnTheOther() {
        String dataDir =
                "trenddesk.database.embedded.data-dir=" + System.getProperty("trenddesk.test.build-dir", "target")
                        + "/test-postgres/stream-cluster-" + System.nanoTime();
        try (Node first = Node.start(dataDir);
                Node second = Node.start(
                        "spring.datasource.url=" + first.jdbcUrl(),
                        "spring.datasource.username="
                                + first.bean(DatabaseEndpoint.class).username(),
                        "spring.datasource.password="
                                + first.bean(DatabaseEndpoint.class).password(),
                        "trenddesk.roles=command,query,gateway")) {
            People people = new People(first.port());
            Person viewer = people.create("viewer");
            Person trader = people.create("trader");
            assertThat(people.admin()
                            .put("/api/admin/users/" + viewer.id() + "/grants/" + trader.id(), Map.of())
                            .status())
                    .isEqualTo(200);
            Api traderOnFirst = trader.login();
            Api traderOnSecond = traderOnFirst.sameSessionAt(second.port());
            Api viewerOnSecond = viewer.login().sameSessionAt(second.port());

            try (SseClient own = live(second.port(), traderOnSecond, "/api/me/stream");
                    SseClient watched = live(second.port(), viewerOnSecond, "/api/users/" + trader.id() + "/stream")) {
                assertThat(people.admin()
                                .delete("/api/admin/users/" + viewer.id() + "/grants/" + trader.id())
                                .status())
                        .isEqualTo(200);
                StreamAccessTest.endsPromptlyWith(watched, "ACCESS_REVOKED");

                assertThat(traderOnFirst.post("/api/auth/logout", Map.of()).status())
                        .isEqualTo(204);
                StreamAccessTest.endsPromptlyWith(own, "LOGGED_OUT");
            }
        }
    }

    private static SseClient live(int port, Api session, String path) {
        SseClient stream = SseClient.open(port, session, path, null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !stream.named("snapshot").isEmpty());
        return stream;
    }
}
