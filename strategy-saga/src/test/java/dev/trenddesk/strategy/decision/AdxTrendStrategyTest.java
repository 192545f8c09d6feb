package dev.trenddesk.strategy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.RiskLimitKind;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AdxTrendStrategyTest {

    private static final AdxTrendStrategy ADX = new AdxTrendStrategy();
    private static final String ETH = "ETH-USDT";
    private static final TradingSettings DEFAULTS = TradingSettings.defaults();
    private static final ContractRules RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);
    private static final AccountState RICH = account("10000", "10000", "10000", "10000");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static AccountState account(String equity, String available, String dayOpening, String peak) {
        return new AccountState(d(equity), d(available), d(dayOpening), d(peak));
    }

    private static IndicatorSnapshot snapshot(
            String close, String adx, String plusDi, String minusDi, String atr, String previousAdx) {
        BigDecimal price = d(close);
        return new IndicatorSnapshot(
                ETH,
                Timeframe.M5,
                new Candle(Instant.parse("2024-05-01T10:00:00Z"), price, price, price, price, BigDecimal.ONE),
                adx == null ? null : d(adx),
                plusDi == null ? null : d(plusDi),
                minusDi == null ? null : d(minusDi),
                atr == null ? null : d(atr),
                previousAdx == null ? null : d(previousAdx));
    }

    /** A strong long signal: ADX 50 and rising, +DI three times −DI → confidence 100. */
    private static IndicatorSnapshot strongLong(String close, String atr) {
        return snapshot(close, "50", "30", "10", atr, "49");
    }

    private static IndicatorSnapshot strongShort(String close, String atr) {
        return snapshot(close, "50", "10", "30", atr, "49");
    }

    private static TradingSettings settings(int maxPositions, String takeProfitR) {
        return new TradingSettings(
                maxPositions,
                DEFAULTS.riskPerTradePct(),
                DEFAULTS.dailyLossLimitPct(),
                DEFAULTS.maxDrawdownPct(),
                DEFAULTS.leverage(),
                PositionMode.HEDGE,
                DEFAULTS.adxThreshold(),
                Timeframe.M5,
                DEFAULTS.signalConfidence(),
                DEFAULTS.stopAtr(),
                d(takeProfitR),
                List.of(ETH, "BTC-USDT", "SOL-USDT"),
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
    }

    private static Decision decide(IndicatorSnapshot snapshot) {
        return ADX.decide(snapshot, DEFAULTS, PositionState.none(), RICH, RULES);
    }

    private static PositionState holding(Direction side) {
        return new PositionState(List.of(new OpenPosition(ETH, side, d("1.5"), d("2000"))));
    }

    @Nested
    class Confidence {

        @Test
        void adxHalfwayFromThresholdToFiftyGivesTwentyPoints() {
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "37.5", "20", "20", "10", "38"), d("25")))
                    .isEqualByComparingTo("20");
        }

        @Test
        void diSpreadOfHalfTheirSumGivesAllThirtyPoints() {
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "25", "30", "10", "10", "26"), d("25")))
                    .isEqualByComparingTo("30");
        }

        @Test
        void diSpreadScalesLinearlyBelowHalf() {
            // |25 − 15| / 40 = 0.25 → 0.25 / 0.5 = 0.5 → 15 points
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "25", "25", "15", "10", "26"), d("25")))
                    .isEqualByComparingTo("15");
        }

        @Test
        void risingAdxAddsThirtyPoints() {
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "25", "20", "20", "10", "24.9"), d("25")))
                    .isEqualByComparingTo("30");
        }

        @Test
        void unchangedOrMissingPreviousAdxDoesNotCountAsRising() {
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "25", "20", "20", "10", "25"), d("25")))
                    .isZero();
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "25", "20", "20", "10", null), d("25")))
                    .isZero();
        }

        @Test
        void clampsEachTermToItsWeight() {
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "80", "40", "0", "10", "70"), d("25")))
                    .isEqualByComparingTo("100");
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "10", "20", "20", "10", "11"), d("25")))
                    .isZero();
        }

        @Test
        void isRoundedToTwoDecimals() {
            // 40 × (30 − 20) / (50 − 20) = 13.333…
            assertThat(AdxTrendStrategy.confidence(snapshot("2000", "30", "20", "20", "10", "31"), d("20")))
                    .isEqualTo(d("13.33"));
        }
    }

    @Nested
    class Entries {

        @Test
        void entersLongWithAtrStopTwoRTakeProfitAndRiskBasedSize() {
            Decision decision = decide(strongLong("2000", "10"));

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
            assertThat(decision.signal()).isEqualTo(Direction.LONG);
            assertThat(decision.entryReference()).isEqualByComparingTo("2000");
            assertThat(decision.stopLoss()).isEqualTo(d("1980.00"));
            assertThat(decision.takeProfit()).isEqualTo(d("2040.00"));
            // 10000 × 2 % = 200 risked over a 20 stop distance
            assertThat(decision.quantity()).isEqualTo(d("10.00"));
            assertThat(decision.confidence()).isEqualTo(d("100.00"));
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.SIGNAL);
            assertThat(decision.limitBreach()).isNull();
        }

        @Test
        void entersShortWithStopAboveAndTakeProfitBelow() {
            Decision decision = decide(strongShort("2000", "10"));

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_SHORT);
            assertThat(decision.stopLoss()).isEqualTo(d("2020.00"));
            assertThat(decision.takeProfit()).isEqualTo(d("1960.00"));
            assertThat(decision.quantity()).isEqualTo(d("10.00"));
        }

        @Test
        void roundsTheStopAwayFromTheEntryAndSizesOnTheRoundedDistance() {
            Decision longEntry = decide(strongLong("2000", "10.123"));
            Decision shortEntry = decide(strongShort("2000", "10.123"));

            // raw stop distance 20.246
            assertThat(longEntry.stopLoss()).isEqualTo(d("1979.75"));
            assertThat(shortEntry.stopLoss()).isEqualTo(d("2020.25"));
            assertThat(longEntry.takeProfit()).isEqualTo(d("2040.50"));
            assertThat(shortEntry.takeProfit()).isEqualTo(d("1959.50"));
            // 200 / 20.25 = 9.8765… rounded down to the 0.01 step
            assertThat(longEntry.quantity()).isEqualTo(d("9.87"));
        }

        @Test
        void roundsTheTakeProfitHalfUp() {
            Decision decision =
                    ADX.decide(strongLong("2000", "10.123"), settings(2, "1.5"), PositionState.none(), RICH, RULES);

            // 2000 + 1.5 × 20.25 = 2030.375
            assertThat(decision.takeProfit()).isEqualTo(d("2030.38"));
        }

        @Test
        void entersWithExactlyTheMinimumQuantity() {
            // 10 × 2 % / 20 = 0.01
            Decision decision = ADX.decide(
                    strongLong("2000", "10"), DEFAULTS, PositionState.none(), account("10", "10", "10", "10"), RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
            assertThat(decision.quantity()).isEqualTo(d("0.01"));
        }

        @Test
        void skipsJustBelowTheMinimumQuantity() {
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("9.99", "9.99", "9.99", "9.99"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.BELOW_MIN_QUANTITY);
            assertThat(decision.signal()).isEqualTo(Direction.LONG);
            assertThat(decision.quantity()).isNull();
            assertThat(decision.reasons().get(0).text()).contains("0.01");
        }

        @Test
        void capsTheSizeSoMarginAndTakerFeeFitTheAvailableBalance() {
            // 0.10 would need 0.10 × 2000 / 5 = 40 margin + 0.10 × 2000 × 0.0005 = 0.1 fee: 40.1 > 40, which BingX
            // refuses; 99 % of 40 (headroom for the fill price): 39.6 × 5 / (2000 × (1 + 5 × 0.0005)) = 0.0987… → 0.09
            // (36.09 with the fee)
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("10000", "40", "10000", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
            assertThat(decision.quantity()).isEqualTo(d("0.09"));
            assertThat(decision.reasons().get(0).text()).contains("capped by the available margin");
        }

        @Test
        void aMarginCappedEntryStillFitsWhenTheFillIsWorseThanTheClose() {
            // a 1-point stop risks 2 % of 10,000 with 200 ETH, far beyond the margin: capped. Sized to the last cent
            // at the close (24.93 ETH), a fill 0.9 % higher would need 10,087 of the 10,000, and the exchange refuses
            // the order (101204: CI saw three such refusals pause a bot); with 1 % of the balance left it fits.
            Decision decision = ADX.decide(
                    strongLong("2000", "0.5"),
                    DEFAULTS,
                    PositionState.none(),
                    account("10000", "10000", "10000", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
            assertThat(decision.reasons().get(0).text()).contains("capped by the available margin");
            BigDecimal fill = d("2000").multiply(d("1.009"));
            BigDecimal notional = decision.quantity().multiply(fill);
            BigDecimal needed = notional.multiply(d("0.2")).add(notional.multiply(d("0.0005")));
            assertThat(needed).isLessThanOrEqualTo(d("10000"));
        }

        @Test
        void skipsWhenTheMarginCapLeavesLessThanTheMinimum() {
            // 3.99 × 5 / 2000 = 0.009975 → 0.00
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("10000", "3.99", "10000", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.INSUFFICIENT_MARGIN);
        }

        @Test
        void aMarginCapBelowTheMinimumOrderValueIsInsufficientMargin() {
            // 10 × 5 / (2000 × 1.0025) = 0.0249… → 0.02, worth 40 USDT, below the 50 USDT minimum
            ContractRules fiftyUsdt = new ContractRules(2, d("0.01"), d("0.01"), d("50"));
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("10000", "10", "10000", "10000"),
                    fiftyUsdt);

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.INSUFFICIENT_MARGIN);
            assertThat(decision.reasons().get(0).text()).contains("minimum order value 50");
        }

        @Test
        void skipsBelowTheMinimumNotionalAndEntersAtIt() {
            ContractRules twentyUsdt = new ContractRules(2, d("0.01"), d("0.01"), d("20"));
            AccountState small = account("10", "10", "10", "10");

            Decision atMinimum =
                    ADX.decide(strongLong("2000", "10"), DEFAULTS, PositionState.none(), small, twentyUsdt);
            Decision below = ADX.decide(strongLong("1999.99", "10"), DEFAULTS, PositionState.none(), small, twentyUsdt);

            assertThat(atMinimum.kind()).isEqualTo(DecisionKind.ENTER_LONG);
            assertThat(below.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(below.reasonCode()).isEqualTo(ReasonCode.BELOW_MIN_NOTIONAL);
        }

        @Test
        void skipsWhenTheStopDistanceIsZero() {
            Decision decision = decide(strongLong("2000", "0"));

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.INVALID_STOP);
        }

        @Test
        void skipsAShortWhoseTakeProfitWouldBeAtOrBelowZero() {
            // stop 10 + 2 × 3 = 16 → take-profit 10 − 12 = −2
            Decision decision = decide(strongShort("10", "3"));

            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.INVALID_STOP);
        }
    }

    @Nested
    class Skips {

        @Test
        void skipsBeforeTheIndicatorsAreReady() {
            Decision decision = decide(snapshot("2000", null, "30", "10", "10", null));

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.INDICATORS_NOT_READY);
            assertThat(decision.confidence()).isNull();
        }

        @Test
        void skipsWithoutTrendJustBelowTheThreshold() {
            Decision decision = decide(snapshot("2000", "24.99", "40", "5", "10", "20"));

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.NO_TREND);
            assertThat(decision.signal()).isNull();
        }

        @Test
        void skipsWhenTheDisAreEqual() {
            Decision decision = decide(snapshot("2000", "50", "20", "20", "10", "40"));

            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.NO_DIRECTION);
        }

        @Test
        void entersAtExactlyTheConfidenceThresholdAndSkipsJustBelow() {
            // 20 (ADX 37.5) + 10 (spread 10/60 → 1/3) + 30 (rising) = 60
            Decision atThreshold = decide(snapshot("2000", "37.5", "35", "25", "10", "37"));
            // spread 9.99/60.01 → 9.99 points → 59.99
            Decision below = decide(snapshot("2000", "37.5", "35", "25.01", "10", "37"));

            assertThat(atThreshold.confidence()).isEqualTo(d("60.00"));
            assertThat(atThreshold.kind()).isEqualTo(DecisionKind.ENTER_LONG);
            assertThat(below.confidence()).isEqualTo(d("59.99"));
            assertThat(below.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(below.reasonCode()).isEqualTo(ReasonCode.LOW_CONFIDENCE);
            assertThat(below.signal()).isNull();
        }

        @Test
        void skipsASignalInTheDirectionAlreadyHeld() {
            Decision decision = ADX.decide(strongLong("2000", "10"), DEFAULTS, holding(Direction.LONG), RICH, RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.ALREADY_IN_POSITION);
            assertThat(decision.quantity()).isNull();
        }

        @Test
        void skipsWhenMaxPositionsAreOpenOnOtherSymbols() {
            PositionState two = new PositionState(List.of(
                    new OpenPosition("BTC-USDT", Direction.LONG, d("0.1"), d("60000")),
                    new OpenPosition("SOL-USDT", Direction.SHORT, d("3"), d("150"))));

            Decision decision = ADX.decide(strongLong("2000", "10"), DEFAULTS, two, RICH, RULES);
            Decision withRoom = ADX.decide(strongLong("2000", "10"), settings(3, "2"), two, RICH, RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.MAX_POSITIONS);
            assertThat(decision.signal()).isEqualTo(Direction.LONG);
            assertThat(withRoom.kind()).isEqualTo(DecisionKind.ENTER_LONG);
        }
    }

    @Nested
    class Exits {

        @Test
        void exitsWhenAdxFallsBelowThresholdMinusFive() {
            Decision decision = ADX.decide(
                    snapshot("2000", "19.99", "30", "10", "10", "21"), DEFAULTS, holding(Direction.LONG), RICH, RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.EXIT);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.TREND_FADED);
            assertThat(decision.quantity()).isEqualTo(d("1.5"));
        }

        @Test
        void holdsAtThresholdMinusFive() {
            Decision decision = ADX.decide(
                    snapshot("2000", "20", "30", "10", "10", "21"), DEFAULTS, holding(Direction.LONG), RICH, RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.HOLD);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.POSITION_KEPT);
        }

        @Test
        void exitsALongWhenMinusDiCrossesAbove() {
            Decision decision = ADX.decide(
                    snapshot("2000", "30", "15", "15.01", "10", "29"), DEFAULTS, holding(Direction.LONG), RICH, RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.EXIT);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.DI_CROSS);
        }

        @Test
        void exitsAShortWhenPlusDiCrossesAboveAndGivesTheOppositeSignal() {
            Decision decision = ADX.decide(strongLong("2000", "10"), DEFAULTS, holding(Direction.SHORT), RICH, RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.EXIT);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.DI_CROSS);
            assertThat(decision.signal()).isEqualTo(Direction.LONG);
            assertThat(decision.stopLoss()).isNull();
        }

        @Test
        void givesBothExitReasonsWhenBothHold() {
            Decision decision = ADX.decide(
                    snapshot("2000", "12", "10", "30", "10", "13"), DEFAULTS, holding(Direction.LONG), RICH, RULES);

            assertThat(decision.reasons())
                    .extracting(Reason::code)
                    .containsExactly(ReasonCode.TREND_FADED, ReasonCode.DI_CROSS);
        }

        @Test
        void holdsAShortWhileMinusDiStaysAbove() {
            Decision decision = ADX.decide(
                    snapshot("2000", "22", "10", "30", "10", "23"), DEFAULTS, holding(Direction.SHORT), RICH, RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.HOLD);
        }

        @Test
        void exitsEvenWhenTheDailyLossLimitIsReached() {
            Decision decision = ADX.decide(
                    snapshot("2000", "30", "10", "30", "10", "29"),
                    DEFAULTS,
                    holding(Direction.LONG),
                    account("9000", "9000", "10000", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.EXIT);
            assertThat(decision.limitBreach().kind()).isEqualTo(RiskLimitKind.DAILY_LOSS);
        }
    }

    @Nested
    class Limits {

        @Test
        void refusesNewPositionsOnceTheDaysLossReachesTheLimit() {
            // (10000 − 9500) / 10000 = 5 % = the default daily limit
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("9500", "9500", "10000", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.DAILY_LOSS_LIMIT);
            assertThat(decision.limitBreach())
                    .isEqualTo(new RiskLimitBreach(RiskLimitKind.DAILY_LOSS, d("5.0000"), d("5.0")));
        }

        @Test
        void stillEntersJustBeforeTheDailyLimit() {
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("9500.01", "9500.01", "10000", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
            assertThat(decision.limitBreach()).isNull();
        }

        @Test
        void aNewDayWithItsOwnOpeningEquityLiftsTheDailyLimit() {
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("9500", "9500", "9500", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
        }

        @Test
        void closesEverythingAndStopsAtTheMaxDrawdown() {
            // (10000 − 8500) / 10000 = 15 % = the default max drawdown
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    holding(Direction.LONG),
                    account("8500", "8500", "8500", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.CLOSE_ALL_AND_STOP);
            assertThat(decision.reasonCode()).isEqualTo(ReasonCode.MAX_DRAWDOWN);
            assertThat(decision.limitBreach())
                    .isEqualTo(new RiskLimitBreach(RiskLimitKind.MAX_DRAWDOWN, d("15.0000"), d("15.0")));
        }

        @Test
        void keepsTradingJustAboveTheMaxDrawdown() {
            Decision decision = ADX.decide(
                    strongLong("2000", "10"),
                    DEFAULTS,
                    PositionState.none(),
                    account("8500.01", "8500.01", "8500.01", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
        }

        @Test
        void stopsEvenBeforeTheIndicatorsAreReady() {
            Decision decision = ADX.decide(
                    snapshot("2000", null, null, null, null, null),
                    DEFAULTS,
                    PositionState.none(),
                    account("5000", "5000", "5000", "10000"),
                    RULES);

            assertThat(decision.kind()).isEqualTo(DecisionKind.CLOSE_ALL_AND_STOP);
        }
    }
}
