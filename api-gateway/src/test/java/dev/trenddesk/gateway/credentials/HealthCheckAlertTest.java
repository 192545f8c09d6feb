package dev.trenddesk.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsHealthChecker;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Periodic health checks with the simulator failing: CredentialsHealthChanged only on a change, an
 * alert to the user each time, and the schedule staggered and advanced per key.
 */
@IntegrationTest
class HealthCheckAlertTest {

    private static final String BALANCE = "/openApi/swap/v2/user/balance";

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsHealthChecker checker;

    @Test
    void aFailingKeyRaisesOneAlertAndRecoveryAnother() {
        Sim sim = new Sim(simulator.baseUrl());
        Person trader = people().create("trader");
        Api api = trader.login();
        assertThat(api.post("/api/me/bingx", sim.tradingAccount().body())
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("VERIFIED");
        UUID user = UUID.fromString(trader.id());
        UserId userId = new UserId(user);
        // the saga role's copy, which the checker reads, follows the events on its own processor
        await().atMost(Duration.ofSeconds(10)).until(() -> "VERIFIED"
                .equals(jdbc.queryForObject(
                        "select status from credentials_secrets where user_id = ?", String.class, user)));

        checker.checkNow(userId).block();
        assertThat(healthEvents(user)).as("healthy stays healthy: no event").isZero();

        // the simulator's faults hit any matching request, whoever sends it: keep background checks
        // of other users' keys (left by earlier tests in this shared database) out of the way, and
        // queue enough faults that other balance readers cannot use them all up
        jdbc.update(
                "update credentials_secrets set next_health_check_at = ? where user_id <> ?",
                Timestamp.from(Instant.now().plus(Duration.ofHours(1))),
                user);

        sim.fault(Map.of("type", "REJECT", "code", 100419, "msg", "IP not whitelisted", "count", 50, "path", BALANCE));
        try {
            checker.checkNow(userId).block();
        } finally {
            sim.clearFaults();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode health = api.get("/api/me/bingx").json().get("health");
            assertThat(health.get("status").asText()).isEqualTo("UNHEALTHY");
            assertThat(health.get("reason").asText()).isEqualTo("IP_NOT_WHITELISTED");
            assertThat(health.get("message").asText()).contains("whitelist");
        });
        assertThat(api.get("/api/me/bingx").json().get("status").asText())
                .as("still verified")
                .isEqualTo("VERIFIED");
        assertThat(healthEvents(user)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alerts(user)).containsExactly("CREDENTIALS_UNHEALTHY"));

        sim.fault(Map.of("type", "REJECT", "code", 100419, "msg", "IP not whitelisted", "count", 50, "path", BALANCE));
        try {
            checker.checkNow(userId).block();
        } finally {
            sim.clearFaults();
        }
        assertThat(healthEvents(user))
                .as("the same failure again: no new event")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "UNHEALTHY"
                .equals(jdbc.queryForObject(
                        "select health from credentials_secrets where user_id = ?", String.class, user)));

        checker.checkNow(userId).block();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/api/me/bingx")
                        .json()
                        .get("health")
                        .get("status")
                        .asText())
                .isEqualTo("HEALTHY"));
        assertThat(healthEvents(user)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alerts(user))
                .containsExactly("CREDENTIALS_UNHEALTHY", "CREDENTIALS_HEALTHY"));
    }

    @Test
    void dueChecksRunAndMoveOnByOneIntervalWithStaggeredStarts() {
        Sim sim = new Sim(simulator.baseUrl());
        People people = people();
        Person first = people.create("trader");
        Person second = people.create("trader");
        for (Person trader : List.of(first, second)) {
            assertThat(trader.login()
                            .post("/api/me/bingx", sim.tradingAccount().body())
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("VERIFIED");
        }
        UUID a = UUID.fromString(first.id());
        UUID b = UUID.fromString(second.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> nextCheck(a) != null && nextCheck(b) != null);
        Instant verifiedA = Instant.now();
        assertThat(nextCheck(a))
                .as("staggered per user within one interval")
                .isBefore(verifiedA.plus(Duration.ofMinutes(5)).plusSeconds(5));
        assertThat(nextCheck(a)).isNotEqualTo(nextCheck(b));

        Instant due = Instant.now().minusSeconds(1);
        jdbc.update(
                "update credentials_secrets set next_health_check_at = ? where user_id = ?", Timestamp.from(due), a);
        int ran = checker.runDueChecks().block();

        assertThat(ran).isGreaterThanOrEqualTo(1);
        assertThat(nextCheck(a)).isAfter(Instant.now().plus(Duration.ofMinutes(4)));
        assertThat(healthEvents(a)).as("healthy: nothing recorded").isZero();
    }

    private People people() {
        return new People(port);
    }

    private Instant nextCheck(UUID user) {
        Timestamp next = jdbc.queryForObject(
                "select next_health_check_at from credentials_secrets where user_id = ?", Timestamp.class, user);
        return next == null ? null : next.toInstant();
    }

    private int healthEvents(UUID user) {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry where aggregate_identifier = ?
                and payload_type = 'dev.trenddesk.api.credentials.CredentialsEvent$CredentialsHealthChanged'""", Integer.class, "credentials-" + user);
    }

    private List<String> alerts(UUID user) {
        return jdbc.queryForList("""
                select payload from domain_event_entry where payload_type = 'dev.trenddesk.api.alert.AlertRaised'
                order by global_index""", byte[].class).stream()
                .map(HealthCheckAlertTest::read)
                .filter(alert -> alert.get("userId").asText().equals(user.toString()))
                .map(alert -> alert.get("kind").asText())
                // connecting the key also raises a security alert (SECURITY_KEY_CONNECTED): health only here
                .filter(kind -> kind.startsWith("CREDENTIALS_"))
                .toList();
    }

    private static JsonNode read(byte[] json) {
        try {
            return Api.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
