package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BingX's rate limits: HTTP 429 over a limit, 100410 after repeated violations, and the off switch. */
class RateLimitTest {

    private BingxSimulator sim;

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private static SimHttp.Answer testOrder(SimHttp.Trader trader) {
        return trader.call(
                "POST",
                "/openApi/swap/v2/trade/order/test",
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
    void answers429OverTheOrderLimitThen100410AfterRepeatedViolations() {
        sim = BingxSimulator.start(
                SimulatorConfig.builder().clockMode(ClockMode.STEPPED).build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("busy", "busy-secret", "10000", "HEDGE", 5);
        List<SimHttp.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 40 && answers.stream().noneMatch(a -> a.status() == 200 && a.code() == 100410); i++) {
            answers.add(testOrder(trader));
        }
        assertThat(answers.getFirst().code()).isZero();
        assertThat(answers).anyMatch(a -> a.status() == 429);
        SimHttp.Answer blocked = answers.getLast();
        assertThat(blocked.code()).isEqualTo(100410);
        assertThat(blocked.data().path("unblockTime").asLong()).isGreaterThan(System.currentTimeMillis());
        // another key is not blocked by this one's penalty
        SimHttp.Trader other = new SimHttp(sim.baseUrl()).account("calm", "calm-secret", "10000", "HEDGE", 5);
        assertThat(testOrder(other).code()).isZero();
    }

    @Test
    void historyEndpointsCountAgainstTheFivePerSecondQueryLimit() {
        sim = BingxSimulator.start(
                SimulatorConfig.builder().clockMode(ClockMode.STEPPED).build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("curious", "curious-secret", "10000", "HEDGE", 5);
        long now = System.currentTimeMillis();
        List<SimHttp.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // 12 requests within at most two one-second windows: at most 10 pass
            answers.add(trader.call("GET", "/openApi/swap/v2/trade/allOrders"));
            answers.add(trader.call("GET", "/openApi/swap/v1/trade/fullOrder"));
            answers.add(trader.call("GET", "/openApi/swap/v3/user/balance"));
            answers.add(trader.call(
                    "GET",
                    "/openApi/swap/v2/trade/allFillOrders",
                    "tradingUnit",
                    "COIN",
                    "startTs",
                    String.valueOf(now - 60_000),
                    "endTs",
                    String.valueOf(now)));
        }
        assertThat(answers.getFirst().code()).isZero();
        assertThat(answers.stream().filter(a -> a.status() == 429).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void limitsMarketDataPerSourceIp() {
        sim = BingxSimulator.start(
                SimulatorConfig.builder().clockMode(ClockMode.STEPPED).build());
        SimHttp http = new SimHttp(sim.baseUrl());
        boolean limited = false;
        for (int i = 0; i < 1100 && !limited; i++) {
            limited = http.get("/openApi/swap/v2/server/time").status() == 429;
        }
        assertThat(limited).isTrue();
    }

    @Test
    void tickerDepthAndTradesCountAsMarketDataPerSourceIp() {
        sim = BingxSimulator.start(
                SimulatorConfig.builder().clockMode(ClockMode.STEPPED).build());
        SimHttp http = new SimHttp(sim.baseUrl());
        List<String> paths = List.of(
                "/openApi/swap/v2/quote/ticker?symbol=ETH-USDT",
                "/openApi/swap/v2/quote/depth?symbol=ETH-USDT&limit=5",
                "/openApi/swap/v2/quote/trades?symbol=ETH-USDT&limit=5");
        int passed = 0;
        boolean limited = false;
        for (int i = 0; i < 1100 && !limited; i++) {
            SimHttp.Answer answer = http.get(paths.get(i % 3));
            limited = answer.status() == 429;
            passed += answer.status() == 200 && answer.code() == 0 ? 1 : 0;
        }
        assertThat(limited).isTrue();
        assertThat(passed).isBetween(1, 1000); // 500 per 10 s window: at most two windows' worth
    }

    @Test
    void ratesAreUnlimitedWhenSwitchedOff() {
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .rateLimitsEnabled(false)
                .build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("bench", "bench-secret", "10000", "HEDGE", 5);
        for (int i = 0; i < 30; i++) {
            assertThat(testOrder(trader).code()).isZero();
        }
    }
}
