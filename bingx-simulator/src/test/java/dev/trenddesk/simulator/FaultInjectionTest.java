package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault of the admin API, its count and its path filter. */
class FaultInjectionTest {

    private static final String ORDER_PATH = "/openApi/swap/v2/trade/order";
    private static final String TIME_PATH = "/openApi/swap/v2/server/time";
    private BingxSimulator sim;
    private SimHttp http;
    private SimHttp.Trader trader;

    @BeforeEach
    void startSimulator() {
        sim = TestMarket.start();
        http = new SimHttp(sim.baseUrl());
        trader = http.account("fault-key", "fault-secret", "10000", "HEDGE", 5);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private void fault(String json) {
        assertThat(http.admin("POST", "/sim/faults", json).status()).isEqualTo(201);
    }

    private SimHttp.Answer placeOrder() {
        return trader.call(
                "POST",
                ORDER_PATH,
                "symbol",
                "ETH-USDT",
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "MARKET",
                "quantity",
                "0.1");
    }

    @Test
    void latencyDelaysTheAnswer() {
        fault("{\"type\":\"LATENCY\",\"millis\":300,\"path\":\"" + TIME_PATH + "\"}");
        long start = System.nanoTime();
        assertThat(http.get(TIME_PATH).code()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void httpErrorHitsTheNextCountRequestsOfItsPathOnly() {
        fault("{\"type\":\"HTTP_ERROR\",\"status\":500,\"count\":2,\"path\":\"" + TIME_PATH + "\"}");
        assertThat(placeOrder().code()).isZero();
        assertThat(http.get(TIME_PATH).status()).isEqualTo(500);
        assertThat(http.get(TIME_PATH).status()).isEqualTo(500);
        assertThat(http.get(TIME_PATH).status()).isEqualTo(200);
    }

    @Test
    void timeout504WithExecutionPlacesTheOrderAnyway() {
        fault("{\"type\":\"TIMEOUT_504\",\"executed\":true,\"path\":\"" + ORDER_PATH + "\"}");
        assertThat(placeOrder().status()).isEqualTo(504);
        assertThat(trader.admin().path("orders")).hasSize(1);
    }

    @Test
    void timeout504WithoutExecutionPlacesNothing() {
        fault("{\"type\":\"TIMEOUT_504\",\"executed\":false,\"path\":\"" + ORDER_PATH + "\"}");
        assertThat(placeOrder().status()).isEqualTo(504);
        assertThat(trader.admin().path("orders")).isEmpty();
    }

    @Test
    void http429AnswersTooManyRequests() {
        fault("{\"type\":\"HTTP_429\"}");
        assertThat(placeOrder().status()).isEqualTo(429);
        assertThat(placeOrder().code()).isZero();
    }

    @Test
    void rateBlockAnswers100410WithUnblockTimeUntilItPasses() {
        fault("{\"type\":\"RATE_BLOCK_100410\",\"unblockAfterMs\":1000,\"path\":\"" + ORDER_PATH + "\"}");
        SimHttp.Answer blocked = placeOrder();
        assertThat(blocked.code()).isEqualTo(100410);
        long unblock = blocked.data().path("unblockTime").asLong();
        assertThat(blocked.json().path("msg").asText()).contains(String.valueOf(unblock));
        assertThat(trader.call("GET", "/openApi/swap/v2/user/balance").code()).isEqualTo(100410);
        await().atMost(Duration.ofSeconds(5)).until(() -> placeOrder().code() == 0);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(unblock);
    }

    @Test
    void rejectAnswersTheGivenCodeAndPlacesNothing() {
        fault("{\"type\":\"REJECT\",\"code\":101204,\"msg\":\"Insufficient margin\",\"path\":\"" + ORDER_PATH + "\"}");
        SimHttp.Answer answer = placeOrder();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isEqualTo(101204);
        assertThat(answer.json().path("msg").asText()).isEqualTo("Insufficient margin");
        assertThat(trader.admin().path("orders")).isEmpty();
    }

    @Test
    void clockSkewShiftsServerTimeAndRecvWindowUntilCleared() {
        fault("{\"type\":\"CLOCK_SKEW\",\"millis\":-20000}");
        long serverTime = http.get(TIME_PATH).data().path("serverTime").asLong();
        assertThat(System.currentTimeMillis() - serverTime).isBetween(19_000L, 25_000L);
        assertThat(placeOrder().code()).isEqualTo(100421); // our timestamp is 20 s ahead of the server
        assertThat(http.admin("DELETE", "/sim/faults", null).status()).isEqualTo(200);
        assertThat(placeOrder().code()).isZero();
    }

    @Test
    void refusesUnknownFaultType() {
        assertThat(http.admin("POST", "/sim/faults", "{\"type\":\"EARTHQUAKE\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void resetClearsAccountsAndFaults() {
        fault("{\"type\":\"HTTP_ERROR\",\"status\":503}");
        http.admin("POST", "/sim/reset", null);
        assertThat(http.get(TIME_PATH).status()).isEqualTo(200);
        assertThat(http.admin("GET", "/sim/accounts/fault-key", null).status()).isEqualTo(404);
        assertThat(http.admin("POST", "/sim/accounts", "{\"apiKey\":\"fault-key\",\"secretKey\":\"s\"}")
                        .status())
                .isEqualTo(201);
        assertThat(http.admin("POST", "/sim/accounts", "{\"apiKey\":\"fault-key\",\"secretKey\":\"s\"}")
                        .status())
                .isEqualTo(409);
    }
}
