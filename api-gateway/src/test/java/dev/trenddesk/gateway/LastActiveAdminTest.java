package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * "At least one active admin" holds under concurrency: two admins who demote, deactivate or erase
 * each other at the same moment leave exactly one of them an active admin, and the other gets a
 * 409 naming the rule; the last admin cannot demote or deactivate themselves either. Runs on a
 * database of its own, where the bootstrap admin starts as the only admin (the shared test
 * database has many admins). Between tests exactly one active admin remains: {@link #survivor}.
 */
@IntegrationTest
@TestPropertySource(
        properties =
                "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/last-admin-${random.uuid}")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastActiveAdminTest {

    static final String RULE = "at least one active admin";
    private static final int ROUNDS = 20;
    private static final int MAX_ROUNDS = 60;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private Admin survivor;
    private ExecutorService pool;

    record Admin(String id, String username, String password, Api api) {}

    @BeforeAll
    void onlyTheBootstrapAdmin() {
        pool = Executors.newFixedThreadPool(2);
        Api root = Api.loggedIn(port, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
        survivor = new Admin(
                root.get("/api/me").json().get("id").asText(),
                IntegrationTest.ADMIN,
                IntegrationTest.ADMIN_PASSWORD,
                root);
        assertThat(activeAdmins()).containsExactly(survivor.id());
    }

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        Admin[] other = {createAdmin()};
        raceUntilEnoughCollisions(
                403,
                200,
                round -> {
                    Admin a = survivor;
                    Admin b = other[0];
                    List<Api.Response> responses = race(
                            () -> a.api().patch("/api/admin/users/" + b.id(), Map.of("role", "trader")),
                            () -> b.api().patch("/api/admin/users/" + a.id(), Map.of("role", "trader")));
                    return new Round(a, b, responses);
                },
                (winner, loser) -> {
                    // the admin left gives the role back for the next round
                    assertThat(winner.api()
                                    .patch("/api/admin/users/" + loser.id(), Map.of("role", "admin"))
                                    .status())
                            .isEqualTo(200);
                    other[0] = loser;
                });
        // end with one active admin
        assertThat(survivor.api()
                        .patch("/api/admin/users/" + other[0].id(), Map.of("role", "viewer"))
                        .status())
                .isEqualTo(200);
        onlyActiveAdmin(0, survivor);
    }

    @Test
    void twoAdminsDeactivatingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        raceUntilEnoughCollisions(
                401,
                200,
                round -> {
                    Admin a = survivor;
                    Admin b = createAdmin();
                    return new Round(
                            a,
                            b,
                            race(
                                    () -> a.api().patch("/api/admin/users/" + b.id(), Map.of("active", false)),
                                    () -> b.api().patch("/api/admin/users/" + a.id(), Map.of("active", false))));
                },
                (winner, loser) -> {});
    }

    @Test
    void twoAdminsErasingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        raceUntilEnoughCollisions(
                401,
                204,
                round -> {
                    Admin a = survivor;
                    Admin b = createAdmin();
                    return new Round(
                            a,
                            b,
                            race(() -> a.api().post("/api/admin/users/" + b.id() + "/erase", Map.of()), () -> b.api()
                                    .post("/api/admin/users/" + a.id() + "/erase", Map.of())));
                },
                (winner, loser) -> {});
    }

    record Round(Admin a, Admin b, List<Api.Response> responses) {}

    interface RoundRunner {
        Round run(int round) throws Exception;
    }

    /**
     * Runs rounds until {@link #ROUNDS} of them were real collisions: both requests reached the
     * command side and the loser got the rule's 409. In the other rounds the winner's change was
     * complete before the loser's request was even authorised ({@code late}: 401 once the winner's
     * deactivation or erasure signed the loser out, 403 once the read model shows the loser demoted).
     * Every round must end with exactly one active admin.
     */
    private void raceUntilEnoughCollisions(
            int late, int success, RoundRunner runner, java.util.function.BiConsumer<Admin, Admin> afterRound)
            throws Exception {
        int collisions = 0;
        int round = 0;
        while (collisions < ROUNDS && round < MAX_ROUNDS) {
            round++;
            Round result = runner.run(round);
            List<Api.Response> responses = result.responses();
            assertThat(responses.stream().map(Api.Response::status).toList())
                    .as(
                            "round %d: %s (%s against %s) and %s (%s against %s) at the same moment: one wins, one is refused",
                            round,
                            result.a().username(),
                            brief(responses.get(0)),
                            result.b().username(),
                            result.b().username(),
                            brief(responses.get(1)),
                            result.a().username())
                    .containsOnlyOnce(success)
                    .containsAnyOf(409, late);
            Admin winner = responses.get(0).status() == success ? result.a() : result.b();
            Admin loser = winner == result.a() ? result.b() : result.a();
            Api.Response refused = responses.get(0).status() == success ? responses.get(1) : responses.get(0);
            if (refused.status() == 409) {
                assertRuleRefusal(refused);
                collisions++;
            }
            onlyActiveAdmin(round, winner);
            survivor = winner;
            afterRound.accept(winner, loser);
        }
        assertThat(collisions)
                .as("rounds where both requests reached the command side, of %d", round)
                .isEqualTo(ROUNDS);
    }

    @Test
    void theLastAdminCannotDemoteOrDeactivateThemselvesButMayStepDownForAnother() {
        Admin last = survivor;
        assertRuleRefusal(last.api().patch("/api/admin/users/" + last.id(), Map.of("role", "trader")));
        assertRuleRefusal(last.api().patch("/api/admin/users/" + last.id(), Map.of("active", false)));
        assertRuleRefusal(last.api().patch("/api/admin/users/" + last.id(), Map.of("role", "viewer", "active", false)));
        assertThat(activeAdmins()).containsExactly(last.id());

        Admin next = createAdmin();
        assertThat(last.api()
                        .patch("/api/admin/users/" + last.id(), Map.of("role", "trader"))
                        .status())
                .as("stepping down while another active admin remains")
                .isEqualTo(200);
        survivor = next;
        onlyActiveAdmin(0, next);
    }

    private static String brief(Api.Response response) {
        return response.status() == 409 ? response.toString() : String.valueOf(response.status());
    }

    static void assertRuleRefusal(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("detail").asText())
                .as(response.toString())
                .contains(RULE);
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo("LAST_ACTIVE_ADMIN");
    }

    /**
     * The winner is the one active admin left: at once in the command side's set, and in the users
     * read model as soon as it has caught up.
     */
    private void onlyActiveAdmin(int round, Admin winner) {
        assertThat(new JdbcTemplate(dataSource).queryForList("select user_id from active_admin", String.class))
                .as("round %d: active admins on the command side", round)
                .containsExactly(winner.id());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(activeAdmins(winner.api()))
                .as("round %d: active admins in the read model", round)
                .containsExactly(winner.id()));
    }

    private List<String> activeAdmins() {
        return activeAdmins(survivor.api());
    }

    /** The ids of the active admins, as the given admin reads them. */
    private static List<String> activeAdmins(Api admin) {
        List<String> ids = new ArrayList<>();
        JsonNode users = admin.get("/api/admin/users").json();
        assertThat(users.isArray()).as(users.toString()).isTrue();
        for (JsonNode user : users) {
            if (user.get("role").asText().equals("admin") && user.get("active").asBoolean()) {
                ids.add(user.get("id").asText());
            }
        }
        return ids;
    }

    private Admin createAdmin() {
        String username = Names.unique("admin");
        String password = username + "-secret-pw";
        Api.Response created = survivor.api()
                .post(
                        "/api/admin/users",
                        Map.of(
                                "username",
                                username,
                                "email",
                                username + "@example.com",
                                "password",
                                password,
                                "role",
                                "admin"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Admin(created.json().get("id").asText(), username, password, Api.loggedIn(port, username, password));
    }

    /** Starts both calls at the same moment (a barrier) and returns their responses in order. */
    @SafeVarargs
    private List<Api.Response> race(java.util.concurrent.Callable<Api.Response>... calls) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(calls.length);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (var call : calls) {
            futures.add(pool.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                return call.call();
            }));
        }
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> future : futures) {
            responses.add(future.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }
}
