package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorded data, the endless price-continuous replay, and the klines history. */
class ReplayTest {

    private static final SymbolReplay.Listener IGNORE = new SymbolReplay.Listener() {
        @Override
        public void onPrice(SymbolReplay replay, BigDecimal previous, BigDecimal price, boolean continuous) {}

        @Override
        public void onKline(SymbolReplay replay, Candle candle, boolean closed) {}
    };

    @Test
    void loadsTheRecordedEthAndBtcCandles() {
        List<Candle> eth = RecordedCandles.load(Contract.find("ETH-USDT").orElseThrow());
        List<Candle> btc = RecordedCandles.load(Contract.find("BTC-USDT").orElseThrow());
        assertThat(eth).hasSize(580);
        assertThat(eth.getFirst().open()).isEqualByComparingTo("1673.58");
        assertThat(btc.size()).isBetween(1900, 1930);
        assertThat(btc.getFirst().openTime()).isEqualTo(1385337600000L);
        for (int i = 1; i < btc.size(); i++) {
            assertThat(btc.get(i).openTime() - btc.get(i - 1).openTime()).isEqualTo(300_000L);
        }
    }

    @Test
    void replayJoinsLoopsPriceContinuously() {
        for (Contract contract : Contract.ALL) {
            List<Candle> recording = RecordedCandles.load(contract);
            int n = recording.size();
            SymbolReplay replay = new SymbolReplay(contract, recording, 0, 300);
            for (int pass = 1; pass <= 3; pass++) {
                assertThat(replay.candle((long) pass * n).open())
                        .as("%s pass %d opens at the previous close", contract.symbol(), pass)
                        .isEqualByComparingTo(replay.candle((long) pass * n - 1).close());
            }
            BigDecimal factor =
                    replay.candle(n).open().divide(recording.getFirst().open(), MathContext.DECIMAL64);
            BigDecimal expectedClose =
                    contract.roundPrice(recording.get(5).close().multiply(factor));
            assertThat(replay.candle(n + 5L).close()).isEqualByComparingTo(expectedClose);
        }
    }

    @Test
    void livePriceWalksOpenNearerExtremeOtherExtremeClose() {
        Contract eth = Contract.find("ETH-USDT").orElseThrow();
        SymbolReplay replay = new SymbolReplay(eth, TestMarket.ETH, 0, 2);
        replay.advanceTo(100_000, IGNORE);
        assertThat(replay.price()).isEqualByComparingTo("1950");
        replay.advanceTo(200_000, IGNORE);
        assertThat(replay.price()).isEqualByComparingTo("2100");
        replay.advanceTo(250_000, IGNORE);
        assertThat(replay.price()).isEqualByComparingTo("2075");
        assertThat(replay.liveCandle().high()).isEqualByComparingTo("2100");
        assertThat(replay.liveCandle().low()).isEqualByComparingTo("1950");
        replay.advanceTo(300_000, IGNORE);
        assertThat(replay.liveIndex()).isEqualTo(3);
        assertThat(replay.price()).isEqualByComparingTo("2050");
    }

    @Test
    void servesHistoryWithAtLeast300ClosedCandlesAndTheLiveOne() {
        try (BingxSimulator sim = BingxSimulator.start(
                SimulatorConfig.builder().clockMode(ClockMode.STEPPED).build())) {
            SimHttp http = new SimHttp(sim.baseUrl());
            JsonNode rows = http.get("/openApi/swap/v3/quote/klines?symbol=ETH-USDT&interval=5m&limit=1440")
                    .data();
            assertThat(rows).hasSize(301);
            assertThat(rows.get(300).path("time").asLong()).isEqualTo(sim.marketTime());
            assertThat(rows.get(299).path("time").asLong()).isEqualTo(sim.marketTime() - 300_000);
            assertThat(rows.get(0).path("open").asText()).isEqualTo("1673.58");
            JsonNode defaults = http.get("/openApi/swap/v3/quote/klines?symbol=BTC-USDT&interval=5m")
                    .data();
            assertThat(defaults).hasSize(301);
            JsonNode window = http.get("/openApi/swap/v3/quote/klines?symbol=ETH-USDT&interval=5m&startTime="
                            + (sim.marketTime() - 10 * 300_000) + "&limit=3")
                    .data();
            assertThat(window).hasSize(3);
            assertThat(window.get(0).path("time").asLong()).isEqualTo(sim.marketTime() - 10 * 300_000);
            assertThat(http.get("/openApi/swap/v3/quote/klines?symbol=ETH-USDT&interval=5m&limit=1441")
                            .code())
                    .isEqualTo(80014);
            JsonNode contracts = http.get("/openApi/swap/v2/quote/contracts").data();
            assertThat(contracts).hasSize(2);
            assertThat(contracts.get(0).path("symbol").asText()).isEqualTo("BTC-USDT");
            assertThat(contracts.get(0).path("pricePrecision").asInt()).isEqualTo(1);
            assertThat(contracts.get(1).path("quantityPrecision").asInt()).isEqualTo(2);
        }
    }

    @Test
    void klinesContinueAcrossTheEndOfTheRecording() {
        try (BingxSimulator sim = TestMarket.start()) {
            sim.stepCandles(TestMarket.ETH.size());
            SimHttp http = new SimHttp(sim.baseUrl());
            JsonNode rows = http.get("/openApi/swap/v3/quote/klines?symbol=ETH-USDT&interval=5m&limit=20")
                    .data();
            int boundary = TestMarket.ETH.size(); // first candle of the second pass
            assertThat(rows.get(boundary).path("open").asText())
                    .isEqualTo(rows.get(boundary - 1).path("close").asText());
            assertThat(new BigDecimal(rows.get(boundary).path("open").asText())).isEqualByComparingTo("2050");
        }
    }

    @Test
    void clockReportsModeAndSteppingOutsideSteppedModeIsRefused() {
        try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.ACCELERATED)
                .speed(60)
                .build())) {
            SimHttp http = new SimHttp(sim.baseUrl());
            JsonNode clock = http.get("/sim/clock").json();
            assertThat(clock.path("mode").asText()).isEqualTo("ACCELERATED");
            assertThat(clock.path("speed").asInt()).isEqualTo(60);
            assertThat(http.admin("POST", "/sim/clock/step", "{\"candles\":1}").status())
                    .isEqualTo(409);
        }
    }

    @Test
    void stepEndpointAdvancesMarketTimeByWholeCandles() {
        try (BingxSimulator sim = TestMarket.start()) {
            long before = sim.marketTime();
            JsonNode stepped = new SimHttp(sim.baseUrl())
                    .admin("POST", "/sim/clock/step", "{\"candles\":3}")
                    .json();
            assertThat(stepped.path("marketTime").asLong()).isEqualTo(before + 3 * 300_000);
        }
    }

    @Test
    void parsesTheCommandLine() {
        SimulatorConfig config = SimulatorMain.parse(new String[] {"--port", "8091", "--speed", "30"});
        assertThat(config.port()).isEqualTo(8091);
        assertThat(config.clockMode()).isEqualTo(ClockMode.ACCELERATED);
        assertThat(config.speed()).isEqualTo(30);
        assertThat(SimulatorMain.parse(new String[] {"--stepped"}).clockMode()).isEqualTo(ClockMode.STEPPED);
    }
}
