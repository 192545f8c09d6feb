package dev.trenddesk.gateway;

import static dev.trenddesk.gateway.matrix.Matrix.Caller.ADMIN;
import static dev.trenddesk.gateway.matrix.Matrix.Caller.ANONYMOUS;
import static dev.trenddesk.gateway.matrix.Matrix.Caller.AUDITOR;
import static dev.trenddesk.gateway.matrix.Matrix.Caller.TRADER_A;
import static dev.trenddesk.gateway.matrix.Matrix.Caller.TRADER_B;
import static dev.trenddesk.gateway.matrix.Matrix.Caller.VIEWER_GRANTED_A;
import static dev.trenddesk.gateway.matrix.Matrix.Caller.VIEWER_NOT_GRANTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.matrix.Matrix;
import dev.trenddesk.gateway.matrix.Matrix.Caller;
import dev.trenddesk.gateway.matrix.Matrix.Row;
import dev.trenddesk.gateway.matrix.Matrix.World;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP endpoint × every kind of caller. A denied anonymous caller gets 401, a denied
 * logged-in caller 403 (404 under /api/users/{id}, so that nobody learns whose data exists).
 * An allowed caller may still get a 4xx for the body, but never 401 or 403.
 * Rows live in the {@code matrix} package, one class per area (see {@link Matrix}); an endpoint
 * without a row fails the build.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    @LocalServerPort
    int port;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<Caller, Person> people = new EnumMap<>(Caller.class);
    private final Map<Caller, Api> sessions = new EnumMap<>(Caller.class);
    private World world;
    private Api admin;

    @BeforeAll
    void createPeople() {
        People factory = new People(port);
        admin = factory.admin();
        Person traderA = factory.create("trader");
        people.put(TRADER_A, traderA);
        people.put(TRADER_B, factory.create("trader"));
        Person granted = factory.create("viewer");
        people.put(VIEWER_GRANTED_A, granted);
        Person notGranted = factory.create("viewer");
        people.put(VIEWER_NOT_GRANTED, notGranted);
        people.put(AUDITOR, factory.create("auditor"));
        people.put(ADMIN, new Person(null, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, port));
        assertThat(factory.admin()
                        .put("/api/admin/users/" + granted.id() + "/grants/" + traderA.id(), Map.of())
                        .status())
                .isEqualTo(200);
        world = new World(traderA, people.get(TRADER_B), factory.create("trader"), granted, notGranted);
    }

    @Test
    void everyEndpointHasARowAndEveryRowAnEndpoint() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternsCondition().getPatterns().forEach(pattern -> info.getMethodsCondition()
                        .getMethods()
                        .forEach(method -> endpoints.add(method.name() + " " + pattern.getPatternString()))));
        Set<String> rows = new TreeSet<>(Matrix.rows().stream().map(Row::key).toList());
        assertThat(Matrix.rows()).as("one row per endpoint").hasSize(rows.size());
        assertThat(rows).as("rows of the authorization matrix").containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void everyCallerGetsWhatTheMatrixSays() {
        List<String> wrong = new ArrayList<>();
        for (Row row : Matrix.rows()) {
            for (Caller caller : Caller.values()) {
                Api api = caller == ANONYMOUS ? Api.at(port) : session(caller);
                row.before().accept(world, admin);
                String path = row.path().apply(world);
                Object body = row.body().apply(world);
                Api.Response response =
                        switch (row.method()) {
                            case "GET" -> api.get(path);
                            case "POST" -> api.post(path, body);
                            case "PUT" -> api.put(path, body);
                            case "PATCH" -> api.patch(path, body);
                            case "DELETE" -> api.delete(path);
                            default -> throw new IllegalArgumentException(row.method());
                        };
                int status = response.status();
                boolean allowed = row.allowed().contains(caller);
                boolean ok = allowed
                        ? status != 401 && status != 403 && status < 500
                        : status == (caller == ANONYMOUS ? 401 : path.startsWith("/api/users/") ? 404 : 403);
                if (!ok) {
                    wrong.add(row.key() + " as " + caller + " → " + response);
                }
            }
        }
        assertThat(wrong).as("requests that broke the matrix").isEmpty();
    }

    /**
     * The caller's session, logged in once and kept while it lives: a login hashes the password
     * (Argon2id), and logging in afresh for each of the several hundred requests took most of this
     * test's time. Each request still goes out on a live session of its caller: one a row ended (a
     * logout, say) is found dead by the check and replaced by a new login.
     */
    private Api session(Caller caller) {
        Api api = sessions.get(caller);
        if (api == null || api.get("/api/me").status() != 200) {
            api = people.get(caller).login();
            sessions.put(caller, api);
        }
        return api;
    }
}
