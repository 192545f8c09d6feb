package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.security.WebSessionStore;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * An open stream lives only as long as the session and the access it was opened under: logout,
 * session expiry, a password change (other sessions), deactivation, a role change and a revoked
 * grant each end the affected streams within 2 s, with a final {@code revoked} event naming the
 * reason; streams that keep their access go on.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamAccessTest {

    /** The promise of the issue: affected streams end within this long after the change. */
    static final Duration PROMPTLY = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DatabaseClient database;

    private People people;

    @BeforeAll
    void people() {
        people = new People(port);
    }

    private SseClient openLive(Api session, String path) {
        SseClient stream = SseClient.open(port, session, path, null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !stream.named("snapshot").isEmpty());
        return stream;
    }

    /** Waits (at most PROMPTLY) until the server ended the stream, and checks its last event names the reason. */
    static void endsPromptlyWith(SseClient stream, String reason) {
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50)).until(stream::ended);
        List<SseClient.Event> events = stream.events();
        assertThat(events).as(stream.toString()).isNotEmpty();
        SseClient.Event last = events.get(events.size() - 1);
        assertThat(last.name()).as(stream.toString()).isEqualTo("revoked");
        assertThat(last.data()).contains("\"reason\":\"" + reason + "\"");
    }

    /** The stream is still open some time after a change that must not affect it. */
    static void goesOn(SseClient stream) {
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !stream.ended());
        assertThat(stream.named("revoked")).isEmpty();
    }

    @Test
    void logoutEndsTheStreamsOfThatSessionOnly() {
        Person trader = people.create("trader");
        Api leaving = trader.login();
        Api staying = trader.login();
        try (SseClient ended = openLive(leaving, "/api/me/stream");
                SseClient other = openLive(staying, "/api/me/stream")) {
            assertThat(leaving.post("/api/auth/logout", Map.of()).status()).isEqualTo(204);
            endsPromptlyWith(ended, "LOGGED_OUT");
            goesOn(other);
        }
    }

    @Test
    void sessionExpiryEndsItsStreams() {
        Person trader = people.create("trader");
        try (SseClient stream = openLive(trader.login(), "/api/me/stream")) {
            // the session reaches its absolute timeout while the stream is open
            assertThat(jdbc.update("update web_session set expires_at = now() where user_id = ?::uuid", trader.id()))
                    .isEqualTo(1);
            endsPromptlyWith(stream, "SESSION_EXPIRED");
        }
    }

    @Test
    void ownPasswordChangeEndsEveryOtherSessionAndItsStreamsButNotTheCurrentOne() {
        Person trader = people.create("trader");
        Api current = trader.login();
        Api other = trader.login();
        try (SseClient mine = openLive(current, "/api/me/stream");
                SseClient elsewhere = openLive(other, "/api/me/stream")) {
            assertThat(current.put(
                                    "/api/me/password",
                                    Map.of(
                                            "currentPassword",
                                            trader.password(),
                                            "newPassword",
                                            "a brand new passphrase 7"))
                            .status())
                    .isEqualTo(204);
            endsPromptlyWith(elsewhere, "PASSWORD_CHANGED");
            assertThat(other.get("/api/me").status())
                    .as("the other session is gone")
                    .isEqualTo(401);
            assertThat(current.get("/api/me").status())
                    .as("the current session stays")
                    .isEqualTo(200);
            goesOn(mine);
        }
    }

    /**
     * A session ended on another node (a second store on the same database, whose listeners this
     * node does not hear) is found by the periodic re-check, which names the reason it was ended
     * with; before, the row was gone and every such stream ended as SESSION_ENDED, and the same
     * happened on this node when the re-check ran between the change and the listeners.
     */
    @Test
    void aSessionEndedOnAnotherNodeEndsItsStreamsHereWithTheSameReason() {
        Person trader = people.create("trader");
        Api current = trader.login();
        Api other = trader.login();
        WebSessionStore anotherNode =
                new WebSessionStore(database, Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12));
        try (SseClient elsewhere = openLive(other, "/api/me/stream");
                SseClient mine = openLive(current, "/api/me/stream")) {
            anotherNode
                    .endOthersOf(new UserId(UUID.fromString(trader.id())), sessionToken(current))
                    .block();
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(elsewhere::ended);
            SseClient.Event last = elsewhere.events().get(elsewhere.events().size() - 1);
            assertThat(last.name()).isEqualTo("revoked");
            assertThat(last.data()).contains("\"reason\":\"PASSWORD_CHANGED\"");
            assertThat(other.get("/api/me").status())
                    .as("the ended session no longer authenticates")
                    .isEqualTo(401);
            goesOn(mine);
        }
    }

    private static String sessionToken(Api session) {
        String token = session.cookie("td_session");
        return token != null ? token : session.cookie("__Host-td_session");
    }

    @Test
    void deactivationEndsEveryStreamOfThePerson() {
        Person trader = people.create("trader");
        try (SseClient stream = openLive(trader.login(), "/api/me/stream")) {
            assertThat(people.admin()
                            .patch("/api/admin/users/" + trader.id(), Map.of("active", false))
                            .status())
                    .isEqualTo(200);
            endsPromptlyWith(stream, "DEACTIVATED");
        }
    }

    @Test
    void anAdminDemotedToViewerLosesTheOverviewStream() {
        Person admin = people.create("admin");
        Person trader = people.create("trader");
        Api session = admin.login();
        try (SseClient overview = openLive(session, "/api/admin/overview/stream");
                SseClient traderView = openLive(session, "/api/users/" + trader.id() + "/stream")) {
            assertThat(people.admin()
                            .patch("/api/admin/users/" + admin.id(), Map.of("role", "viewer"))
                            .status())
                    .isEqualTo(200);
            endsPromptlyWith(overview, "ROLE_CHANGED");
            endsPromptlyWith(traderView, "ROLE_CHANGED");
        }
    }

    @Test
    void aRevokedGrantEndsTheViewersStreamOfThatTraderOnly() {
        Person viewer = people.create("viewer");
        Person revokedTrader = people.create("trader");
        Person keptTrader = people.create("trader");
        Api admin = people.admin();
        for (Person trader : List.of(revokedTrader, keptTrader)) {
            assertThat(admin.put("/api/admin/users/" + viewer.id() + "/grants/" + trader.id(), Map.of())
                            .status())
                    .isEqualTo(200);
        }
        Api session = viewer.login();
        try (SseClient revoked = openLive(session, "/api/users/" + revokedTrader.id() + "/stream");
                SseClient kept = openLive(session, "/api/users/" + keptTrader.id() + "/stream")) {
            assertThat(admin.delete("/api/admin/users/" + viewer.id() + "/grants/" + revokedTrader.id())
                            .status())
                    .isEqualTo(200);
            endsPromptlyWith(revoked, "ACCESS_REVOKED");
            goesOn(kept);
        }
    }
}
