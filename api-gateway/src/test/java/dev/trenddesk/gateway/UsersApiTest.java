package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class UsersApiTest {

    @LocalServerPort
    int port;

    private People people;

    @BeforeEach
    void setUp() {
        people = new People(port);
    }

    @Test
    void adminCreatesTraderWhoSeesOnlyTheirOwnProfileAndNoAdminEndpoint() {
        Person trader = people.create("trader");
        Api api = trader.login();

        JsonNode me = api.get("/api/me").json();
        assertThat(me.get("id").asText()).isEqualTo(trader.id());
        assertThat(me.get("username").asText()).isEqualTo(trader.username());
        assertThat(me.get("role").asText()).isEqualTo("trader");
        assertThat(me.get("tradingEnabled").asBoolean()).isFalse();
        assertThat(me.get("settings").get("leverage").asInt()).isEqualTo(5);
        assertThat(me.toString()).doesNotContain(trader.password()).doesNotContainIgnoringCase("hash");

        assertThat(api.get("/api/admin/users").status()).isEqualTo(403);
        assertThat(api.post(
                                "/api/admin/users",
                                Map.of("username", "x", "email", "x@x.io", "password", "123456789012", "role", "admin"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void meIsUnauthorizedWithoutSession() {
        Api.Response response = Api.at(port).get("/api/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void loginSetsHttpOnlyStrictSessionCookieAndCsrfCookie() {
        Person trader = people.create("trader");
        Api api = Api.at(port);
        Api.Response response = api.login(trader.username(), trader.password());
        assertThat(response.status()).isEqualTo(200);
        String setCookie = String.join(
                "\n",
                response.headers().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                        .flatMap(e -> e.getValue().stream())
                        .toList());
        assertThat(setCookie)
                .contains("td_session=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/");
        assertThat(api.cookie("XSRF-TOKEN")).isNotBlank();
    }

    @Test
    void stateChangingRequestWithoutCsrfTokenIsRefused() throws Exception {
        java.net.http.HttpClient raw = java.net.http.HttpClient.newHttpClient();
        var response = raw.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"root\",\"password\":\"root-password-for-tests\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("CSRF");
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Api copy = api.sameSessionAt(port);
        assertThat(api.post("/api/auth/logout", Map.of()).status()).isEqualTo(204);
        assertThat(copy.get("/api/me").status())
                .as("the old cookie no longer works anywhere")
                .isEqualTo(401);
    }

    @Test
    void traderChangesOwnPasswordWithCurrentOne() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Api.Response wrong = api.put(
                "/api/me/password",
                Map.of("currentPassword", "not my password", "newPassword", "a new long passphrase"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
        assertThat(api.put(
                                "/api/me/password",
                                Map.of("currentPassword", trader.password(), "newPassword", "a new long passphrase"))
                        .status())
                .isEqualTo(204);
        assertThat(Api.at(port).login(trader.username(), trader.password()).status())
                .isEqualTo(401);
        assertThat(Api.at(port)
                        .login(trader.username(), "a new long passphrase")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void traderUpdatesSettingsWithinRangesAndGetsFieldErrorsOutside() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                "maxPositions",
                3,
                "riskPerTradePct",
                1.5,
                "dailyLossLimitPct",
                4,
                "maxDrawdownPct",
                12,
                "leverage",
                10,
                "positionMode",
                "ONE_WAY",
                "adxThreshold",
                30,
                "timeframe",
                "15m",
                "signalConfidence",
                70,
                "stopAtr",
                2.5));
        settings.put("takeProfitR", 3);
        settings.put("symbols", List.of("ETH-USDT"));
        Api.Response ok = api.put("/api/me/settings", settings);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(api.get("/api/me/settings").json().get("timeframe").asText()).isEqualTo("15m");

        settings.put("leverage", 500);
        settings.put("riskPerTradePct", 0);
        Api.Response bad = api.put("/api/me/settings", settings);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("leverage", "riskPerTradePct");
        assertThat(api.get("/api/me/settings").json().get("leverage").asInt())
                .as("nothing half-written")
                .isEqualTo(10);
    }

    @Test
    void onlyTradersHaveTradingSettings() {
        Person viewer = people.create("viewer");
        assertThat(viewer.login().get("/api/me/settings").status()).isEqualTo(403);
        assertThat(people.admin().get("/api/me/settings").status()).isEqualTo(403);
    }

    @Test
    void adminChangesRoleActivationAndTradingPermission() {
        Person trader = people.create("trader");
        Api admin = people.admin();
        Api.Response granted = admin.patch("/api/admin/users/" + trader.id(), Map.of("tradingEnabled", true));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("tradingEnabled").asBoolean()).isTrue();

        Api.Response refused =
                admin.patch("/api/admin/users/" + trader.id(), Map.of("role", "viewer", "tradingEnabled", true));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(admin.get("/api/admin/users/" + trader.id())
                        .json()
                        .get("role")
                        .asText())
                .isEqualTo("trader");

        Api.Response viewer = admin.patch("/api/admin/users/" + trader.id(), Map.of("role", "viewer"));
        assertThat(viewer.json().get("role").asText()).isEqualTo("viewer");
        assertThat(viewer.json().get("tradingEnabled").asBoolean())
                .as("a viewer cannot keep trading permission")
                .isFalse();
    }

    @Test
    void deactivationEndsSessionsAndRefusesLogin() {
        Person trader = people.create("trader");
        Api api = trader.login();
        assertThat(people.admin()
                        .patch("/api/admin/users/" + trader.id(), Map.of("active", false))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/me").status()).isEqualTo(401);
        assertThat(Api.at(port).login(trader.username(), trader.password()).status())
                .isEqualTo(403);
        assertThat(people.admin()
                        .patch("/api/admin/users/" + trader.id(), Map.of("active", true))
                        .status())
                .isEqualTo(200);
        assertThat(Api.at(port).login(trader.username(), trader.password()).status())
                .isEqualTo(200);
    }

    @Test
    void adminCannotDemoteOrDeactivateThemselves() {
        String adminId = people.admin().get("/api/me").json().get("id").asText();
        assertThat(people.admin()
                        .patch("/api/admin/users/" + adminId, Map.of("active", false))
                        .status())
                .isEqualTo(409);
        assertThat(people.admin()
                        .patch("/api/admin/users/" + adminId, Map.of("role", "trader"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void failedLoginsNeverLockTheAccount() {
        Person trader = people.create("trader");
        Api stranger = Api.from(port, "127.0.0.61");
        for (int i = 1; i <= 5; i++) {
            assertThat(stranger.login(trader.username(), "wrong password " + i).status())
                    .isEqualTo(401);
        }
        Api.Response sixth = stranger.login(trader.username(), "wrong password 6");
        assertThat(sixth.status()).as("throttled from that address").isEqualTo(429);
        assertThat(sixth.header("Retry-After")).isNotNull();
        assertThat(people.admin()
                        .get("/api/admin/users/" + trader.id())
                        .json()
                        .get("locked")
                        .asBoolean())
                .as("no lock")
                .isFalse();
        assertThat(Api.from(port, "127.0.0.62")
                        .login(trader.username(), trader.password())
                        .status())
                .as("the owner logs in from their own address")
                .isEqualTo(200);
    }

    @Test
    void adminResetsPasswordAndOldSessionsEnd() {
        Person trader = people.create("trader");
        Api session = trader.login();
        assertThat(people.admin()
                        .put("/api/admin/users/" + trader.id() + "/password", Map.of("password", "set by the admin 42"))
                        .status())
                .isEqualTo(204);
        assertThat(session.get("/api/me").status()).isEqualTo(401);
        assertThat(Api.at(port).login(trader.username(), "set by the admin 42").status())
                .isEqualTo(200);
    }

    @Test
    void viewerGrantsAreGivenAndTakenBack() {
        Person trader = people.create("trader");
        Person viewer = people.create("viewer");
        Api.Response granted =
                people.admin().put("/api/admin/users/" + viewer.id() + "/grants/" + trader.id(), Map.of());
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("grantedTraders").get(0).asText()).isEqualTo(trader.id());
        Api.Response notATrader =
                people.admin().put("/api/admin/users/" + viewer.id() + "/grants/" + viewer.id(), Map.of());
        assertThat(notATrader.status()).isEqualTo(422);
        Api.Response revoked = people.admin().delete("/api/admin/users/" + viewer.id() + "/grants/" + trader.id());
        assertThat(revoked.json().get("grantedTraders")).isEmpty();
    }

    @Test
    void erasedUserCanNeverLogInAgainAndLosesTheirEmail() {
        Person trader = people.create("trader");
        Api session = trader.login();
        assertThat(people.admin()
                        .post("/api/admin/users/" + trader.id() + "/erase", Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(session.get("/api/me").status()).isEqualTo(401);
        assertThat(Api.at(port).login(trader.username(), trader.password()).status())
                .isEqualTo(401);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    var view = people.admin()
                            .get("/api/admin/users/" + trader.id())
                            .json();
                    assertThat(view.get("active").asBoolean()).isFalse();
                    assertThat(view.get("email").asText()).doesNotContain(trader.username());
                });
        assertThat(people.admin()
                        .patch("/api/admin/users/" + trader.id(), Map.of("active", true))
                        .status())
                .isEqualTo(409);
        assertThat(people.admin()
                        .put("/api/admin/users/" + trader.id() + "/password", Map.of("password", "resurrect me please"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void unknownUserIsNotFound() {
        assertThat(people.admin()
                        .get("/api/admin/users/00000000-0000-0000-0000-00000000abcd")
                        .status())
                .isEqualTo(404);
        assertThat(people.admin()
                        .patch("/api/admin/users/00000000-0000-0000-0000-00000000abcd", Map.of("active", false))
                        .status())
                .isEqualTo(404);
    }
}
