package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad bodies get a 4xx problem+json naming the field, never a 500, and store nothing. */
@IntegrationTest
class BadInputTest {

    @LocalServerPort
    int port;

    private Api admin;

    @BeforeEach
    void setUp() {
        admin = new People(port).admin();
    }

    private int userCount() {
        return admin.get("/api/admin/users").json().size();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "malformed JSON         | {\"username\": \"x\",                                                               | 400 | body",
                "wrong type             | {\"username\": 42, \"email\": \"a@b.io\", \"password\": \"123456789012\", \"role\": \"trader\"} | 400 | username",
                "unknown field          | {\"username\": \"abc\", \"email\": \"a@b.io\", \"password\": \"123456789012\", \"role\": \"trader\", \"admin\": true} | 400 | admin",
                "unknown role           | {\"username\": \"abc\", \"email\": \"a@b.io\", \"password\": \"123456789012\", \"role\": \"god\"} | 400 | role",
                "missing field          | {\"username\": \"abc\", \"email\": \"a@b.io\", \"role\": \"trader\"}                  | 422 | password",
                "short password         | {\"username\": \"abcdef\", \"email\": \"a@b.io\", \"password\": \"short\", \"role\": \"trader\"} | 422 | password",
                "bad e-mail             | {\"username\": \"abcdef\", \"email\": \"nope\", \"password\": \"123456789012\", \"role\": \"trader\"} | 422 | email",
                "over-long username     | {\"username\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"email\": \"a@b.io\", \"password\": \"123456789012\", \"role\": \"trader\"} | 422 | username",
                "non-ASCII username     | {\"username\": \"ünïcødé\", \"email\": \"u@b.io\", \"password\": \"123456789012\", \"role\": \"trader\"} | 422 | username",
                "array instead of object| [1, 2, 3]                                                                             | 400 | body",
            })
    void createUserRefusesBadBodiesNamingTheField(String name, String body, int status, String field) {
        int before = userCount();
        Api.Response response = admin.sendRaw("POST", "/api/admin/users", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsText("field")).contains(field);
        assertThat(userCount()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void bodiesOver64KiBAreRefusedWith413() {
        String huge = "{\"username\": \"" + "a".repeat(70 * 1024) + "\"}";
        Api.Response response = admin.sendRaw("POST", "/api/admin/users", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void settingsWithWrongTimeframeOrModeAreRefusedNamingTheField() {
        People.Person trader = new People(port).create("trader");
        Api api = trader.login();
        Api.Response response = api.sendRaw("PUT", "/api/me/settings", """
                {"maxPositions": 2, "riskPerTradePct": 2, "dailyLossLimitPct": 5, "maxDrawdownPct": 15,
                 "leverage": 5, "positionMode": "HEDGE", "adxThreshold": 25, "timeframe": "7m",
                 "signalConfidence": 60, "stopAtr": 2, "takeProfitR": 2, "symbols": ["BTC-USDT"]}
                """);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsText("field")).contains("timeframe");
        Api.Response fraction = api.sendRaw("PUT", "/api/me/settings", """
                {"maxPositions": 2.5, "riskPerTradePct": 2, "dailyLossLimitPct": 5, "maxDrawdownPct": 15,
                 "leverage": 5, "positionMode": "HEDGE", "adxThreshold": 25, "timeframe": "5m",
                 "signalConfidence": 60, "stopAtr": 2, "takeProfitR": 2, "symbols": ["BTC-USDT"]}
                """);
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().get("errors").findValuesAsText("field")).contains("maxPositions");
    }

    @Test
    void settingsChooseAStrategyAndBadOnesAreRefusedNamingTheField() {
        People.Person trader = new People(port).create("trader");
        Api api = trader.login();
        String body = """
                {"maxPositions": 2, "riskPerTradePct": 2, "dailyLossLimitPct": 5, "maxDrawdownPct": 15,
                 "leverage": 5, "positionMode": "HEDGE", "adxThreshold": 25, "timeframe": "5m",
                 "signalConfidence": 60, "stopAtr": 2, "takeProfitR": 2, "symbols": ["BTC-USDT"]%s}
                """;
        Api.Response unknown = api.sendRaw("PUT", "/api/me/settings", body.formatted(", \"strategy\": \"MACD\""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").findValuesAsText("field")).contains("strategy");
        Api.Response notComputed = api.sendRaw(
                "PUT",
                "/api/me/settings",
                body.formatted(", \"strategy\": \"EMA_CROSS\", \"emaFast\": 10, \"emaSlow\": 21"));
        assertThat(notComputed.status()).isEqualTo(422);
        assertThat(notComputed.json().get("errors").findValuesAsText("field")).containsExactly("emaFast");
        Api.Response reversed = api.sendRaw(
                "PUT",
                "/api/me/settings",
                body.formatted(", \"strategy\": \"EMA_CROSS\", \"emaFast\": 50, \"emaSlow\": 21"));
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.json().get("errors").findValuesAsText("field")).containsExactly("emaSlow");

        Api.Response saved = api.sendRaw(
                "PUT",
                "/api/me/settings",
                body.formatted(", \"strategy\": \"EMA_CROSS\", \"emaFast\": 21, \"emaSlow\": 50"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode ema =
                api.get("/api/me/settings").json();
        assertThat(ema.get("strategy").asText()).isEqualTo("EMA_CROSS");
        assertThat(ema.get("emaFast").asInt()).isEqualTo(21);
        assertThat(ema.get("emaSlow").asInt()).isEqualTo(50);
        Api.Response withoutStrategy = api.sendRaw("PUT", "/api/me/settings", body.formatted(""));
        assertThat(withoutStrategy.status()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode adx =
                api.get("/api/me/settings").json();
        assertThat(adx.get("strategy").asText()).as("left out: ADX_TREND").isEqualTo("ADX_TREND");
        assertThat(adx.get("emaFast").asInt()).isEqualTo(9);
        assertThat(adx.get("emaSlow").asInt()).isEqualTo(21);
    }

    @Test
    void malformedPathIdIsABadRequest() {
        Api.Response response = admin.get("/api/admin/users/not-a-uuid");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void emptyPatchIsRefused() {
        People.Person trader = new People(port).create("trader");
        Api.Response response = admin.sendRaw("PATCH", "/api/admin/users/" + trader.id(), "{}");
        assertThat(response.status()).isEqualTo(422);
    }
}
