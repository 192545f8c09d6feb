package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Node;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What survives a restart, and what two gateway nodes on one database share. */
class RestartAndClusterTest {

    /** Logins and market candles (published by the market feed whenever it runs) are not counted. */
    private static final String NON_LOGIN_EVENTS =
            "select count(*) from domain_event_entry where payload_type not like '%UserLoggedIn'"
                    + " and payload_type not like 'dev.trenddesk.api.market.%'";

    private static String freshDataDir(String name) {
        return "trenddesk.database.embedded.data-dir=" + System.getProperty("trenddesk.test.build-dir", "target")
                + "/test-postgres/" + name + "-" + System.nanoTime();
    }

    @Test
    void everythingIsStillThereAfterARestart() {
        String dataDir = freshDataDir("restart");
        Person trader;
        long events;
        try (Node node = Node.start(dataDir)) {
            People people = new People(node.port());
            trader = people.create("trader");
            assertThat(people.admin()
                            .patch("/api/admin/users/" + trader.id(), Map.of("tradingEnabled", true))
                            .status())
                    .isEqualTo(200);
            assertThat(trader.login()
                            .put(
                                    "/api/me/settings",
                                    Map.ofEntries(
                                            Map.entry("maxPositions", 4),
                                            Map.entry("riskPerTradePct", 1),
                                            Map.entry("dailyLossLimitPct", 3),
                                            Map.entry("maxDrawdownPct", 10),
                                            Map.entry("leverage", 3),
                                            Map.entry("positionMode", "HEDGE"),
                                            Map.entry("adxThreshold", 28),
                                            Map.entry("timeframe", "1h"),
                                            Map.entry("signalConfidence", 65),
                                            Map.entry("stopAtr", 2),
                                            Map.entry("takeProfitR", 2),
                                            Map.entry("symbols", java.util.List.of("BTC-USDT"))))
                            .status())
                    .isEqualTo(200);
            events = node.bean(JdbcTemplate.class).queryForObject(NON_LOGIN_EVENTS, Long.class);
        }
        try (Node node = Node.start(dataDir)) {
            Api api = Api.loggedIn(node.port(), trader.username(), trader.password());
            var me = api.get("/api/me").json();
            assertThat(me.get("id").asText()).isEqualTo(trader.id());
            assertThat(me.get("tradingEnabled").asBoolean()).isTrue();
            assertThat(me.get("settings").get("timeframe").asText()).isEqualTo("1h");
            assertThat(me.get("settings").get("maxPositions").asInt()).isEqualTo(4);
            long after = node.bean(JdbcTemplate.class).queryForObject(NON_LOGIN_EVENTS, Long.class);
            assertThat(after)
                    .as("no event lost, none added by the restart but logins")
                    .isEqualTo(events);
            assertThat(new People(node.port())
                            .admin()
                            .get("/api/admin/users")
                            .json()
                            .size())
                    .as("no second bootstrap admin")
                    .isEqualTo(2);
        }
    }

    @Test
    void twoGatewayNodesOnOneDatabaseShareSessions() {
        try (Node first = Node.start(freshDataDir("cluster"));
                Node second = Node.start(
                        "spring.datasource.url=" + first.jdbcUrl(),
                        "spring.datasource.username="
                                + first.bean(DatabaseEndpoint.class).username(),
                        "spring.datasource.password="
                                + first.bean(DatabaseEndpoint.class).password(),
                        "trenddesk.roles=command,query,gateway")) {
            Person trader = new People(first.port()).create("trader");
            Api onFirst = trader.login();
            Api onSecond = onFirst.sameSessionAt(second.port());
            assertThat(onSecond.get("/api/me").json().get("id").asText()).isEqualTo(trader.id());
            assertThat(onSecond.post("/api/auth/logout", Map.of()).status()).isEqualTo(204);
            assertThat(onFirst.get("/api/me").status())
                    .as("logged out on the other node")
                    .isEqualTo(401);
            Api direct = Api.loggedIn(second.port(), IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            assertThat(direct.get("/api/admin/users").status()).isEqualTo(200);
        }
    }
}
