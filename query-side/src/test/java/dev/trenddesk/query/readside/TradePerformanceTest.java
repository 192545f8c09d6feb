package dev.trenddesk.query.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.readside.TradingViews.EquityPoint;
import dev.trenddesk.api.readside.TradingViews.PerformanceView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The performance figures of closed trades: counts, gross figures, profit factor, drawdown and the curve. */
class TradePerformanceTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    private static List<TradePerformance.Closed> trades(String... pnls) {
        List<TradePerformance.Closed> trades = new ArrayList<>();
        for (int i = 0; i < pnls.length; i++) {
            trades.add(new TradePerformance.Closed(null, T.plusSeconds(300L * i), new BigDecimal(pnls[i])));
        }
        return trades;
    }

    @Test
    void noTradesGiveNoRatesAndNoDrawdown() {
        PerformanceView p = TradePerformance.of(List.of());
        assertThat(p.trades()).isZero();
        assertThat(p.winRatePct()).isNull();
        assertThat(p.profitFactor()).isNull();
        assertThat(p.averageTrade()).isNull();
        assertThat(p.bestTrade()).isNull();
        assertThat(p.maxDrawdown()).isEqualByComparingTo("0");
        assertThat(p.averageHoldSeconds()).isNull();
        assertThat(p.curve()).isEmpty();
    }

    @Test
    void theDrawdownIsTheLargestFallFromAnEarlierHighOfTheCumulativePnl() {
        // cumulative: 10, 7, 3, 5, 11 — the fall from 10 to 3 is the largest
        PerformanceView p = TradePerformance.of(trades("10", "-3", "-4", "2", "6"));
        assertThat(p.trades()).isEqualTo(5);
        assertThat(p.wins()).isEqualTo(3);
        assertThat(p.losses()).isEqualTo(2);
        assertThat(p.winRatePct()).isEqualByComparingTo("60");
        assertThat(p.netPnl()).isEqualByComparingTo("11");
        assertThat(p.grossProfit()).isEqualByComparingTo("18");
        assertThat(p.grossLoss()).isEqualByComparingTo("7");
        assertThat(p.profitFactor()).isEqualByComparingTo("2.5714");
        assertThat(p.averageTrade()).isEqualByComparingTo("2.2");
        assertThat(p.bestTrade()).isEqualByComparingTo("10");
        assertThat(p.worstTrade()).isEqualByComparingTo("-4");
        assertThat(p.maxDrawdown()).isEqualByComparingTo("7");
        assertThat(p.curve().stream().map(EquityPoint::cumulativePnl).toList())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("10"),
                        new BigDecimal("7"),
                        new BigDecimal("3"),
                        new BigDecimal("5"),
                        new BigDecimal("11"));
    }

    @Test
    void aLossBeforeAnyGainIsADrawdownFromZero() {
        PerformanceView p = TradePerformance.of(trades("-2.5", "1"));
        assertThat(p.maxDrawdown()).isEqualByComparingTo("2.5");
    }

    @Test
    void aBreakEvenTradeIsNeitherWinNorLossAndWithoutLossesThereIsNoProfitFactor() {
        PerformanceView p = TradePerformance.of(trades("5", "0", "1.5"));
        assertThat(p.wins()).isEqualTo(2);
        assertThat(p.losses()).isZero();
        assertThat(p.winRatePct()).isEqualByComparingTo("66.67");
        assertThat(p.profitFactor()).isNull();
        assertThat(p.maxDrawdown()).isEqualByComparingTo("0");
    }

    @Test
    void aLongHistoryIsDrawnWithAtMost500PointsKeepingTheFirstAndTheLast() {
        String[] pnls =
                IntStream.range(0, 1_200).mapToObj(i -> i % 3 == 0 ? "-1" : "2").toArray(String[]::new);
        PerformanceView p = TradePerformance.of(trades(pnls));
        assertThat(p.trades()).isEqualTo(1_200);
        assertThat(p.curve()).hasSize(PerformanceView.CURVE_POINTS);
        assertThat(p.curve().getFirst().at()).isEqualTo(T);
        assertThat(p.curve().getLast().at()).isEqualTo(T.plusSeconds(300L * 1_199));
        assertThat(p.curve().getLast().cumulativePnl()).isEqualByComparingTo(p.netPnl());
        for (int i = 1; i < p.curve().size(); i++) {
            assertThat(p.curve().get(i).at()).isAfter(p.curve().get(i - 1).at());
        }
    }

    @Test
    void theAverageHoldIsOverTheTradesWhoseOpeningIsKnown() {
        List<TradePerformance.Closed> trades = List.of(
                new TradePerformance.Closed(T, T.plusSeconds(600), BigDecimal.ONE),
                new TradePerformance.Closed(null, T.plusSeconds(900), BigDecimal.ONE),
                new TradePerformance.Closed(T.plusSeconds(1_000), T.plusSeconds(2_801), BigDecimal.ONE));
        // (600 + 1,801) / 2 = 1,200.5, rounded
        assertThat(TradePerformance.of(trades).averageHoldSeconds()).isEqualTo(1_201L);
        assertThat(TradePerformance.of(trades("1", "2")).averageHoldSeconds())
                .as("no opening known: no average")
                .isNull();
    }
}
