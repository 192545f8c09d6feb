package dev.trenddesk.simulator;

import java.util.List;

/**
 * Hand-made ETH-USDT candles for hand-computed tests. Two history candles, then the live candle
 * 2000 → 1950 (nearer extreme) → 2100 → 2050, then flat candles at 2050. With 30 sub-steps per candle
 * the first leg moves 5 per sub-step and the second 15, so prices are easy to predict.
 */
final class TestMarket {

    static final List<Candle> ETH = List.of(
            Candle.of("2000", "2000", "2000", "2000"),
            Candle.of("2000", "2000", "2000", "2000"),
            Candle.of("2000", "2100", "1950", "2050"),
            Candle.of("2050", "2050", "2050", "2050"),
            Candle.of("2050", "2050", "2050", "2050"),
            Candle.of("2050", "2050", "2050", "2050"),
            Candle.of("2050", "2050", "2050", "2050"));

    private TestMarket() {}

    /**
     * A stepped simulator over {@link #ETH} (BTC flat at 30000), rate limits off so tests may call freely.
     * Its place-order answer is the order already filled ({@link PlaceAnswer#FILLED}): these tests check
     * matching and accounting figures from the answer; the default acknowledgement is {@link PlaceAnswerTest}'s.
     */
    static BingxSimulator start() {
        return BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .historyCandles(2)
                .candles("ETH-USDT", ETH)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .rateLimitsEnabled(false)
                .placeAnswer(PlaceAnswer.FILLED)
                .build());
    }
}
