package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bad inputs of the "Security hardening" issue that used to answer 500 (or the wrong 4xx, or
 * nothing at all): each must be a 4xx problem+json that names the field or parameter at fault, and
 * store nothing. The whole API is fuzzed from its OpenAPI document in {@link OpenApiFuzzTest}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    /** Every setting valid; {@code %s} is where a test puts its own field. */
    private static final String SETTINGS = """
            {"maxPositions": 2, "riskPerTradePct": 2, "dailyLossLimitPct": 5, "maxDrawdownPct": 15,
             "leverage": 5, %s, "adxThreshold": 25, "timeframe": "5m",
             "signalConfidence": 60, "stopAtr": 2, "takeProfitR": 2, "symbols": ["BTC-USDT"]}""";

    @LocalServerPort
    int port;

    private People people;
    private Api admin;
    private Person trader;
    private Api traderApi;

    @BeforeAll
    void people() {
        people = new People(port);
        admin = people.admin();
        trader = people.create("trader");
        traderApi = trader.login();
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static void assertRefused(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).contains("application/problem+json");
        assertThat(fields(response)).as(response.toString()).contains(field);
    }

    private Api caller(String who) {
        return switch (who) {
            case "anonymous" -> Api.at(port);
            case "trader" -> traderApi;
            case "admin" -> admin;
            default -> throw new IllegalArgumentException(who);
        };
    }

    private String path(String pattern) {
        return pattern.contains("{id}")
                ? pattern.replace("{id}", people.create("trader").id())
                : pattern;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "POST  | /api/auth/login               | anonymous | username    | {\"username\": \"a\", \"username\": \"b\", \"password\": \"x\"}",
                "PUT   | /api/me/password              | trader    | newPassword | {\"currentPassword\": \"a\", \"newPassword\": \"b\", \"newPassword\": \"c\"}",
                "PUT   | /api/me/settings              | trader    | leverage    | {\"maxPositions\": 2, \"riskPerTradePct\": 2, \"dailyLossLimitPct\": 5, \"maxDrawdownPct\": 15, \"leverage\": 5, \"leverage\": 6, \"positionMode\": \"HEDGE\", \"adxThreshold\": 25, \"timeframe\": \"5m\", \"signalConfidence\": 60, \"stopAtr\": 2, \"takeProfitR\": 2, \"symbols\": [\"BTC-USDT\"]}",
                "POST  | /api/admin/users              | admin     | role        | {\"username\": \"dupkey\", \"email\": \"d@b.io\", \"password\": \"123456789012\", \"role\": \"viewer\", \"role\": \"admin\"}",
                "PATCH | /api/admin/users/{id}         | admin     | active      | {\"active\": true, \"active\": false}",
                "PUT   | /api/admin/users/{id}/password| admin     | password    | {\"password\": \"123456789012\", \"password\": \"210987654321\"}",
                "POST  | /api/me/bingx                 | trader    | apiKey      | {\"apiKey\": \"a\", \"apiKey\": \"b\", \"secretKey\": \"c\"}",
                "POST  | /api/me/bot/stop              | trader    | flatten     | {\"flatten\": false, \"flatten\": true}",
                "POST  | /api/admin/users/{id}/bot/stop| admin     | flatten     | {\"flatten\": false, \"flatten\": true}",
                "POST  | /api/me/backtest              | trader    | settings.timeframe | {\"dataset\": \"ETH-USDT\", \"settings\": {\"maxPositions\": 2, \"riskPerTradePct\": 2, \"dailyLossLimitPct\": 5, \"maxDrawdownPct\": 15, \"leverage\": 5, \"positionMode\": \"HEDGE\", \"adxThreshold\": 25, \"timeframe\": \"5m\", \"timeframe\": \"1h\", \"signalConfidence\": 60, \"stopAtr\": 2, \"takeProfitR\": 2, \"symbols\": [\"BTC-USDT\"]}}",
            })
    void aDuplicateKeyIsA400NamingTheField(String method, String pattern, String who, String field, String body) {
        int users = admin.get("/api/admin/users").json().size();
        Api.Response response = caller(who).sendRaw(method, path(pattern), body);
        assertRefused(response, 400, field);
        assertThat(response.json().path("detail").asText()).contains("duplicate");
        assertThat(admin.get("/api/admin/users").json().size())
                .as("nothing stored")
                .isEqualTo(users + (pattern.contains("{id}") ? 1 : 0));
    }

    @Test
    void anEmptyOrBlankInstantParameterIsA400NamingIt() {
        Api auditor = people.create("auditor").login();
        assertRefused(auditor.get("/api/audit/aggregates/" + trader.id() + "?at="), 400, "at");
        assertRefused(auditor.get("/api/audit/aggregates/" + trader.id() + "?at=%20"), 400, "at");
        assertRefused(auditor.get("/api/audit/aggregates/" + trader.id() + "?at=yesterday"), 400, "at");
        assertRefused(auditor.get("/api/audit/events?from="), 400, "from");
        assertRefused(auditor.get("/api/audit/events?limit="), 400, "limit");
        assertRefused(traderApi.get("/api/me/trades?cursor="), 400, "cursor");
        assertRefused(traderApi.get("/api/me/orders?limit=x"), 400, "limit");
        assertThat(auditor.get("/api/audit/aggregates/" + trader.id()).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "high below low         | 2024-01-01T00:05:00Z,100,99,101,100,1 | 3 | high",
                "high below open        | 2024-01-01T00:05:00Z,100,99.5,98,99,1 | 3 | high",
                "low above close        | 2024-01-01T00:05:00Z,100,102,100.5,100,1 | 3 | low",
                "zero price             | 2024-01-01T00:05:00Z,0,0,0,0,1       | 3 | open",
                "negative price         | 2024-01-01T00:05:00Z,-1,2,-2,1,1     | 3 | open",
                "negative volume        | 2024-01-01T00:05:00Z,100,101,99,100,-1 | 3 | volume",
            })
    void aCsvRowBreakingACandleInvariantIsRefusedNamingRowAndColumn(String name, String row, int line, String column) {
        // 422 like every other refused value inside the posted candles (BacktestApiTest: a price that is no number)
        String csv = "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,101,99,100,1\n" + row + "\n";
        Api.Response response = traderApi.post("/api/me/backtest", java.util.Map.of("candles", csv));
        assertRefused(response, 422, "candles");
        String detail = response.json().path("detail").asText();
        assertThat(detail).as(detail).contains("line " + line).contains(column);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "login password      | anonymous | POST | /api/auth/login  | password    | {\"username\": \"someone\", \"password\": \"abc\\ud800defghijkl\"}",
                "login username      | anonymous | POST | /api/auth/login  | username    | {\"username\": \"some\\udc00one\", \"password\": \"abcdefghijkl\"}",
                "new password        | trader    | PUT  | /api/me/password | newPassword | {\"currentPassword\": \"x\", \"newPassword\": \"abcdefghijk\\udbff\"}",
                "created password    | admin     | POST | /api/admin/users | password    | {\"username\": \"{name}\", \"email\": \"s@b.io\", \"password\": \"\\ud800abcdefghijkl\", \"role\": \"trader\"}",
                "created email       | admin     | POST | /api/admin/users | email       | {\"username\": \"{name}\", \"email\": \"s\\ud800@b.io\", \"password\": \"abcdefghijklm\", \"role\": \"trader\"}",
                "a symbol in a list  | trader    | PUT  | /api/me/settings | symbols[0]  | {\"maxPositions\": 2, \"riskPerTradePct\": 2, \"dailyLossLimitPct\": 5, \"maxDrawdownPct\": 15, \"leverage\": 5, \"positionMode\": \"HEDGE\", \"adxThreshold\": 25, \"timeframe\": \"5m\", \"signalConfidence\": 60, \"stopAtr\": 2, \"takeProfitR\": 2, \"symbols\": [\"BTC-USDT\\udfff\"]}",
                "bingx key           | trader    | POST | /api/me/bingx    | secretKey   | {\"apiKey\": \"abcdefghijkl\", \"secretKey\": \"abcdefghijkl\\ud83d\"}",
                "posted candles      | trader    | POST | /api/me/backtest | candles     | {\"candles\": \"time,open,high,low,close,volume\\n\\ud800\"}",
            })
    void aLoneSurrogateInATextFieldIsA400NamingTheField(
            String name, String who, String method, String path, String field, String body) {
        int users = admin.get("/api/admin/users").json().size();
        Api.Response response = caller(who)
                .sendRaw(method, path, body.replace("{name}", dev.trenddesk.gateway.support.Names.unique("surrogate")));
        assertRefused(response, 400, field);
        assertThat(admin.get("/api/admin/users").json().size())
                .as("nothing stored")
                .isEqualTo(users);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "login username | anonymous | POST | /api/auth/login  | username | {\"username\": \"a\\u0000b\", \"password\": \"abcdefghijkl\"}",
                "bingx key      | trader    | POST | /api/me/bingx    | apiKey   | {\"apiKey\": \"abcdefgh\\u0000\", \"secretKey\": \"abcdefghijkl\"}",
            })
    void aNulInATextFieldIsA400NamingTheField(
            String name, String who, String method, String path, String field, String body) {
        // PostgreSQL text cannot hold NUL: the login's username lookup answered 500
        assertRefused(caller(who).sendRaw(method, path, body), 400, field);
    }

    @Test
    void aSettingInRangeButWithTooManyDecimalPlacesIsRefusedAndStoresNothing() {
        // 1e-999999999 is between 0 and 100, but no database column holds it: it was accepted, and the
        // users projection then failed on it over and over (every later user change timed out)
        String before = traderApi.get("/api/me/settings").body();
        Api.Response response = traderApi.sendRaw(
                "PUT",
                "/api/me/settings",
                SETTINGS.formatted("\"positionMode\": \"HEDGE\"")
                        .replace("\"signalConfidence\": 60", "\"signalConfidence\": 1e-999999999"));
        assertRefused(response, 422, "signalConfidence");
        assertThat(traderApi.get("/api/me/settings").body())
                .as("settings unchanged")
                .isEqualTo(before);
        assertThat(people.create("viewer").id())
                .as("the users projection still works")
                .isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty segment  | /api/admin/users//bot",
                "encoded slash  | /api/admin/users/..%2F..%2Fx/bot",
                "NUL            | /api/admin/users/%00/bot",
                "CR LF          | /api/admin/users/%0D%0Ax/bot",
            })
    void aPathTheFirewallRefusesIsA400Problem(String name, String path) {
        assertRefused(admin.get(path), 400, "path");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"garbage | x", "a second document | {}", "a second value | 1"})
    void anythingAfterTheBodysJsonValueIsA400(String name, String trailer) {
        // the body was read up to its first value and the rest ignored: these settings were stored
        String before = traderApi.get("/api/me/settings").body();
        Api.Response response = traderApi.sendRaw(
                "PUT",
                "/api/me/settings",
                SETTINGS.formatted("\"positionMode\": \"ONE_WAY\"").replace("\"leverage\": 5", "\"leverage\": 7") + " "
                        + trailer);
        assertRefused(response, 400, "body");
        assertThat(traderApi.get("/api/me/settings").body())
                .as("settings unchanged")
                .isEqualTo(before);
    }

    @Test
    void anEmptyStringIsNoBoolean() {
        // "" was taken as null, i.e. "leave as it is": a 200 for a body no client means
        Api.Response response = admin.sendRaw("PATCH", "/api/admin/users/" + trader.id(), "{\"active\": \"\"}");
        assertRefused(response, 400, "active");
    }

    @Test
    void aPairedSurrogateIsStillAcceptedInAPassword() {
        Api.Response response = admin.sendRaw(
                "POST", "/api/admin/users", """
                {"username": "%1$s", "email": "%1$s@b.io", "password": "emoji \\ud83d\\ude00 password", "role": "viewer"}
                """.formatted(dev.trenddesk.gateway.support.Names.unique("emoji")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @ParameterizedTest(name = "positionMode {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {"0", "1", "1.0", "true", "`\"0\"`", "`\"hedge\"`"})
    void positionModeIsBoundStrictly(String value) {
        String before = traderApi.get("/api/me/settings").body();
        Api.Response response =
                traderApi.sendRaw("PUT", "/api/me/settings", SETTINGS.formatted("\"positionMode\": " + value));
        assertRefused(response, 400, "positionMode");
        assertThat(traderApi.get("/api/me/settings").body())
                .as("settings unchanged")
                .isEqualTo(before);
    }

    @Test
    void positionModeByNameStillWorks() {
        Api.Response response =
                traderApi.sendRaw("PUT", "/api/me/settings", SETTINGS.formatted("\"positionMode\": \"ONE_WAY\""));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("positionMode").asText()).isEqualTo("ONE_WAY");
    }
}
