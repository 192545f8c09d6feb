package dev.trenddesk.gateway;

import static dev.trenddesk.gateway.AuthorizationMatrixTest.Caller.ADMIN;
import static dev.trenddesk.gateway.AuthorizationMatrixTest.Caller.ANONYMOUS;
import static dev.trenddesk.gateway.AuthorizationMatrixTest.Caller.AUDITOR;
import static dev.trenddesk.gateway.AuthorizationMatrixTest.Caller.TRADER_A;
import static dev.trenddesk.gateway.AuthorizationMatrixTest.Caller.TRADER_B;
import static dev.trenddesk.gateway.AuthorizationMatrixTest.Caller.VIEWER_GRANTED_A;
import static dev.trenddesk.gateway.AuthorizationMatrixTest.Caller.VIEWER_NOT_GRANTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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
 * An endpoint without a row here fails the build.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    enum Caller { ANONYMOUS, TRADER_A, TRADER_B, VIEWER_GRANTED_A, VIEWER_NOT_GRANTED, AUDITOR, ADMIN }

    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> LOGGED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
    static final Set<Caller> TRADERS = EnumSet.of(TRADER_A, TRADER_B);
    static final Set<Caller> ADMINS = EnumSet.of(ADMIN);

    /** The people and ids a row can point at. */
    record World(Person traderA, Person subject, Person viewerNotGranted) {
    }

    record Row(String method, String pattern, Set<Caller> allowed, Function<World, String> path,
               Function<World, Object> body) {

        String key() {
            return method + " " + pattern;
        }
    }

    static Row row(String method, String pattern, Set<Caller> allowed, Function<World, String> path,
                   Function<World, Object> body) {
        return new Row(method, pattern, allowed, path, body);
    }

    static Row row(String method, String pattern, Set<Caller> allowed) {
        return new Row(method, pattern, allowed, w -> pattern, w -> null);
    }

    static final List<Row> ROWS = List.of(
            row("POST", "/api/auth/login", EVERYONE, w -> "/api/auth/login",
                    w -> Map.of("username", "nobody-here", "password", "")),
            row("POST", "/api/auth/logout", LOGGED_IN, w -> "/api/auth/logout", w -> Map.of()),
            row("GET", "/api/auth/csrf", EVERYONE),
            row("GET", "/api/me", LOGGED_IN),
            row("PUT", "/api/me/password", LOGGED_IN, w -> "/api/me/password",
                    w -> Map.of("currentPassword", "not the password", "newPassword", "some new password")),
            row("GET", "/api/me/settings", TRADERS),
            row("PUT", "/api/me/settings", TRADERS, w -> "/api/me/settings", w -> Map.of("maxPositions", 0)),
            row("GET", "/api/admin/users", ADMINS),
            row("POST", "/api/admin/users", ADMINS, w -> "/api/admin/users", w -> Map.of("username", "")),
            row("GET", "/api/admin/users/{id}", ADMINS, w -> "/api/admin/users/" + w.subject().id(), w -> null),
            row("PATCH", "/api/admin/users/{id}", ADMINS, w -> "/api/admin/users/" + w.subject().id(),
                    w -> Map.of("tradingEnabled", false)),
            row("POST", "/api/admin/users/{id}/unlock", ADMINS, w -> "/api/admin/users/" + w.subject().id() + "/unlock",
                    w -> Map.of()),
            row("PUT", "/api/admin/users/{id}/password", ADMINS,
                    w -> "/api/admin/users/" + w.subject().id() + "/password",
                    w -> Map.of("password", w.subject().password())),
            row("PUT", "/api/admin/users/{viewerId}/grants/{traderId}", ADMINS,
                    w -> "/api/admin/users/" + w.viewerNotGranted().id() + "/grants/" + w.subject().id(), w -> Map.of()),
            row("DELETE", "/api/admin/users/{viewerId}/grants/{traderId}", ADMINS,
                    w -> "/api/admin/users/" + w.viewerNotGranted().id() + "/grants/" + w.subject().id(), w -> null),
            row("GET", "/v3/api-docs", EVERYONE),
            row("GET", "/v3/api-docs.yaml", EVERYONE)
    );

    @LocalServerPort
    int port;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<Caller, Person> people = new EnumMap<>(Caller.class);
    private World world;

    @BeforeAll
    void createPeople() {
        People factory = new People(port);
        Person traderA = factory.create("trader");
        people.put(TRADER_A, traderA);
        people.put(TRADER_B, factory.create("trader"));
        Person granted = factory.create("viewer");
        people.put(VIEWER_GRANTED_A, granted);
        Person notGranted = factory.create("viewer");
        people.put(VIEWER_NOT_GRANTED, notGranted);
        people.put(AUDITOR, factory.create("auditor"));
        people.put(ADMIN, new Person(null, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, port));
        assertThat(factory.admin().put("/api/admin/users/" + granted.id() + "/grants/" + traderA.id(), Map.of())
                .status()).isEqualTo(200);
        world = new World(traderA, factory.create("trader"), notGranted);
    }

    @Test
    void everyEndpointHasARowAndEveryRowAnEndpoint() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(
                pattern -> info.getMethodsCondition().getMethods().forEach(
                        method -> endpoints.add(method.name() + " " + pattern.getPatternString()))));
        Set<String> rows = new TreeSet<>(ROWS.stream().map(Row::key).toList());
        assertThat(rows).as("rows of the authorization matrix").containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void everyCallerGetsWhatTheMatrixSays() {
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            for (Caller caller : Caller.values()) {
                Api api = caller == ANONYMOUS ? Api.at(port) : people.get(caller).login();
                String path = row.path().apply(world);
                Object body = row.body().apply(world);
                Api.Response response = switch (row.method()) {
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
}
