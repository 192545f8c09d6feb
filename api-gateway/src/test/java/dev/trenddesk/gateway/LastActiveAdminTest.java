package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * "At least one active admin" holds under concurrency: two admins who demote, deactivate or erase
 * each other at the same moment leave exactly one of them an active admin, and the other gets a
 * 409 naming the rule; the last admin cannot demote or deactivate themselves either. Runs on a
 * database of its own, where the bootstrap admin starts as the only admin (the shared test
 * database has many admins). Between tests exactly one active admin remains: {@link #survivor}.
 */
@IntegrationTest
@TestPropertySource(properties =
        "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/last-admin-${random.uuid}")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastActiveAdminTest {

    static final String RULE = "at least one active admin";
    private static final int ROUNDS = 20;

    @LocalServerPort
    int port;

    private Admin survivor;
    private ExecutorService pool;

    record Admin(String id, String username, String password, Api api) {
    }

    @BeforeAll
    void onlyTheBootstrapAdmin() {
        pool = Executors.newFixedThreadPool(2);
        Api root = Api.loggedIn(port, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
        survivor = new Admin(root.get("/api/me").json().get("id").asText(), IntegrationTest.ADMIN,
                IntegrationTest.ADMIN_PASSWORD, root);
        assertThat(activeAdmins()).containsExactly(survivor.id());
    }

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        Admin other = createAdmin();
        for (int round = 1; round <= ROUNDS; round++) {
            Admin a = survivor;
            Admin b = other;
            List<Api.Response> responses = race(
                    () -> a.api().patch("/api/admin/users/" + b.id(), Map.of("role", "trader")),
                    () -> b.api().patch("/api/admin/users/" + a.id(), Map.of("role", "trader")));
            Admin winner = oneWonTheOtherGot409(round, responses, a, b, 200);
            Admin loser = winner == a ? b : a;
            assertThat(activeAdmins()).as("round %d: active admins", round).containsExactly(winner.id());
            // the admin left gives the role back for the next round
            assertThat(winner.api().patch("/api/admin/users/" + loser.id(), Map.of("role", "admin")).status())
                    .isEqualTo(200);
            survivor = winner;
            other = loser;
        }
        // end with one active admin
        assertThat(survivor.api().patch("/api/admin/users/" + other.id(), Map.of("role", "viewer")).status())
                .isEqualTo(200);
        assertThat(activeAdmins()).containsExactly(survivor.id());
    }

    @Test
    void twoAdminsDeactivatingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            Admin a = survivor;
            Admin b = createAdmin();
            List<Api.Response> responses = race(
                    () -> a.api().patch("/api/admin/users/" + b.id(), Map.of("active", false)),
                    () -> b.api().patch("/api/admin/users/" + a.id(), Map.of("active", false)));
            survivor = oneWonTheOtherGot409(round, responses, a, b, 200);
            assertThat(activeAdmins()).as("round %d: active admins", round).containsExactly(survivor.id());
        }
    }

    @Test
    void twoAdminsErasingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            Admin a = survivor;
            Admin b = createAdmin();
            List<Api.Response> responses = race(
                    () -> a.api().post("/api/admin/users/" + b.id() + "/erase", Map.of()),
                    () -> b.api().post("/api/admin/users/" + a.id() + "/erase", Map.of()));
            survivor = oneWonTheOtherGot409(round, responses, a, b, 204);
            assertThat(activeAdmins()).as("round %d: active admins", round).containsExactly(survivor.id());
        }
    }

    @Test
    void theLastAdminCannotDemoteOrDeactivateThemselvesButMayStepDownForAnother() {
        Admin last = survivor;
        assertRuleRefusal(last.api().patch("/api/admin/users/" + last.id(), Map.of("role", "trader")));
        assertRuleRefusal(last.api().patch("/api/admin/users/" + last.id(), Map.of("active", false)));
        assertRuleRefusal(last.api().patch("/api/admin/users/" + last.id(), Map.of("role", "viewer", "active", false)));
        assertThat(activeAdmins()).containsExactly(last.id());

        Admin next = createAdmin();
        assertThat(last.api().patch("/api/admin/users/" + last.id(), Map.of("role", "trader")).status())
                .as("stepping down while another active admin remains").isEqualTo(200);
        survivor = next;
        assertThat(activeAdmins()).containsExactly(next.id());
    }

    private Admin oneWonTheOtherGot409(int round, List<Api.Response> responses, Admin a, Admin b, int success) {
        assertThat(responses.stream().map(Api.Response::status).toList())
                .as("round %d: %s (%s against %s) and %s (%s against %s) at the same moment: one wins, one is refused",
                        round, a.username(), brief(responses.get(0)), b.username(), b.username(),
                        brief(responses.get(1)), a.username())
                .containsExactlyInAnyOrder(success, 409);
        Api.Response refused = responses.get(0).status() == 409 ? responses.get(0) : responses.get(1);
        assertRuleRefusal(refused);
        return responses.get(0).status() == success ? a : b;
    }

    private static String brief(Api.Response response) {
        return response.status() == 409 ? response.toString() : String.valueOf(response.status());
    }

    static void assertRuleRefusal(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("detail").asText()).as(response.toString()).contains(RULE);
    }

    /** The ids of the active admins, as the last surviving admin reads them. */
    private List<String> activeAdmins() {
        List<String> ids = new ArrayList<>();
        for (JsonNode user : survivor.api().get("/api/admin/users").json()) {
            if (user.get("role").asText().equals("admin") && user.get("active").asBoolean()) {
                ids.add(user.get("id").asText());
            }
        }
        return ids;
    }

    private Admin createAdmin() {
        String username = Names.unique("admin");
        String password = username + "-secret-pw";
        Api.Response created = survivor.api().post("/api/admin/users", Map.of("username", username,
                "email", username + "@example.com", "password", password, "role", "admin"));
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
