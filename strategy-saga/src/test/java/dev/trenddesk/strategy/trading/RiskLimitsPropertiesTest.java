package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.strategy.decision.AccountState;
import dev.trenddesk.strategy.decision.AdxTrendStrategy;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.Decision;
import dev.trenddesk.strategy.decision.OpenPosition;
import dev.trenddesk.strategy.decision.PositionState;
import dev.trenddesk.strategy.decision.Strategies;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the decision function ({@link AdxTrendStrategy#decide}) and the risk engine ({@link RiskEngine})
 * for random candles, settings, accounts and positions: never more positions than the limit (also across the
 * symbols of one candle), never a price loss at the stop above risk per trade of equity, never a quantity whose
 * margin and taker fee exceed the available balance, never an entry once the daily loss or drawdown limit is
 * reached. Each property also checks that enough tries were entries, so none holds vacuously.
 */
class RiskLimitsPropertiesTest {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final TradingSessionId SID = TradingFixtures.SID;
    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");
    private static final List<String> SYMBOLS =
            List.of("ETH-USDT", "BTC-USDT", "SOL-USDT", "XRP-USDT", "DOGE-USDT", "ADA-USDT");

    /** One symbol's state at a candle: its indicators and whether (and which way) a position is held on it. */
    record SymbolCase(IndicatorSnapshot snapshot, Direction held) {}

    // ------------------------------------------------------------------------------------ decision function

    @Property(tries = 300)
    void anEntryNeverExceedsMaxPositions(
            @ForAll("settings") TradingSettings settings,
            @ForAll("snapshots") IndicatorSnapshot snapshot,
            @ForAll("accounts") AccountState account,
            @ForAll("rules") ContractRules rules,
            @ForAll @IntRange(min = 0, max = 4) int heldElsewhere) {
        PositionState positions = elsewhere(heldElsewhere);
        Decision decision = Strategies.of(StrategyId.ADX_TREND).decide(snapshot, settings, positions, account, rules);
        Statistics.label("entry").collect(decision.isEntry());
        if (decision.isEntry()) {
            assertThat(positions.count() + 1).isLessThanOrEqualTo(settings.maxPositions());
        }
        Statistics.label("entry").coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    @Property(tries = 300)
    void theLossAtTheStopNeverExceedsRiskPerTradeOfEquity(
            @ForAll("settings") TradingSettings settings,
            @ForAll("snapshots") IndicatorSnapshot snapshot,
            @ForAll("accounts") AccountState account,
            @ForAll("rules") ContractRules rules) {
        Decision decision =
                Strategies.of(StrategyId.ADX_TREND).decide(snapshot, settings, PositionState.none(), account, rules);
        Statistics.label("entry").collect(decision.isEntry());
        if (decision.isEntry()) {
            BigDecimal lossAtStop = decision.quantity()
                    .multiply(decision.entryReference()
                            .subtract(decision.stopLoss())
                            .abs());
            BigDecimal allowed =
                    account.equity().multiply(settings.riskPerTradePct()).divide(HUNDRED);
            assertThat(lossAtStop).isLessThanOrEqualTo(allowed);
            assertThat(decision.quantity()).isGreaterThanOrEqualTo(rules.minQuantity());
        }
        Statistics.label("entry").coverage(c -> c.check(true).percentage(p -> p > 5));
    }

    @Property(tries = 300)
    void theQuantityNeverNeedsMoreMarginAndFeeThanIsAvailable(
            @ForAll("settings") TradingSettings settings,
            @ForAll("snapshots") IndicatorSnapshot snapshot,
            @ForAll("accounts") AccountState account,
            @ForAll("rules") ContractRules rules) {
        Decision decision =
                Strategies.of(StrategyId.ADX_TREND).decide(snapshot, settings, PositionState.none(), account, rules);
        Statistics.label("entry").collect(decision.isEntry());
        if (decision.isEntry()) {
            assertThat(leveragedCost(decision.quantity(), decision.entryReference(), settings.leverage(), rules))
                    .isLessThanOrEqualTo(account.availableBalance().multiply(BigDecimal.valueOf(settings.leverage())));
        }
        Statistics.label("entry").coverage(c -> c.check(true).percentage(p -> p > 5));
    }

    @Property(tries = 300)
    void noEntryOnceTheDailyLossOrDrawdownLimitIsReached(
            @ForAll("settings") TradingSettings settings,
            @ForAll("snapshots") IndicatorSnapshot snapshot,
            @ForAll("accounts") AccountState account,
            @ForAll("rules") ContractRules rules) {
        Decision decision =
                Strategies.of(StrategyId.ADX_TREND).decide(snapshot, settings, PositionState.none(), account, rules);
        boolean breached =
                lossPct(account.dayOpeningEquity(), account.equity()).compareTo(settings.dailyLossLimitPct()) >= 0
                        || lossPct(account.equityPeak(), account.equity()).compareTo(settings.maxDrawdownPct()) >= 0;
        Statistics.label("limit reached").collect(breached);
        if (breached) {
            assertThat(decision.isEntry())
                    .as("entry despite a reached limit: %s", decision.reasons())
                    .isFalse();
        }
        Statistics.label("limit reached").coverage(c -> c.check(true).percentage(p -> p > 4));
    }

    // ------------------------------------------------------------------------------------------ risk engine

    /**
     * The risk engine over every symbol of one candle, fed as the trading saga feeds it: each entry asked for
     * counts as pending for the following symbols. Held plus new entries never exceed maxPositions (unless
     * already more were held, then nothing is added), and the entries' margin and fee together fit the
     * account's available margin.
     */
    @Property(tries = 200)
    void theDecisionsOfOneCandleRespectTheAccountsLimitsTogether(
            @ForAll("settings") TradingSettings settings,
            @ForAll("rules") ContractRules rules,
            @ForAll("balances") ExchangeBalance balance,
            @ForAll @Size(min = 2, max = 6) List<@From("symbolCases") SymbolCase> cases) {
        List<RiskEngine.Held> held = new ArrayList<>();
        List<CandleClosed> candles = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            SymbolCase c = cases.get(i);
            String symbol = SYMBOLS.get(i);
            candles.add(candle(symbol, c.snapshot()));
            if (c.held() != null) {
                Direction side = c.held();
                held.add(new RiskEngine.Held(
                        symbol,
                        side,
                        RiskEngine.positionSide(PositionMode.HEDGE, side),
                        BigDecimal.ONE,
                        c.snapshot().candle().close()));
            }
        }
        TradingSettings onSymbols = withSymbols(settings, SYMBOLS.subList(0, cases.size()));
        RiskEngine.EquityRefs refs = RiskEngine.EquityRefs.start(AT, balance.equity());
        List<RiskEngine.Held> entries = new ArrayList<>();
        BigDecimal entriesMargin = BigDecimal.ZERO; // × leverage
        for (CandleClosed candle : candles) {
            RiskEngine.Evaluation evaluation = RiskEngine.evaluate(
                    SID,
                    onSymbols,
                    SessionStatus.RUNNING,
                    PositionMode.HEDGE,
                    held,
                    entries,
                    false,
                    refs,
                    candle,
                    balance,
                    rules,
                    AT);
            refs = evaluation.refs();
            for (Object command : evaluation.commands()) {
                if (command instanceof RequestOrderPlacement order && order.intent() == OrderIntent.OPEN) {
                    entries.add(new RiskEngine.Held(
                            order.symbol(), order.direction(), order.positionSide(), order.quantity(), candle.close()));
                    entriesMargin = entriesMargin.add(
                            leveragedCost(order.quantity(), candle.close(), onSymbols.leverage(), rules));
                    BigDecimal lossAtStop = order.quantity()
                            .multiply(candle.close().subtract(order.stopLoss()).abs());
                    assertThat(lossAtStop)
                            .isLessThanOrEqualTo(balance.equity()
                                    .multiply(onSymbols.riskPerTradePct())
                                    .divide(HUNDRED));
                }
            }
        }
        Statistics.label("entries").collect(entries.size());
        if (held.size() >= onSymbols.maxPositions()) {
            assertThat(entries).isEmpty();
        } else {
            assertThat(held.size() + entries.size()).isLessThanOrEqualTo(onSymbols.maxPositions());
        }
        assertThat(entriesMargin)
                .isLessThanOrEqualTo(balance.availableMargin()
                        .max(BigDecimal.ZERO)
                        .multiply(BigDecimal.valueOf(onSymbols.leverage())));
        Statistics.label("several entries").collect(entries.size() > 1);
        Statistics.label("several entries").coverage(c -> c.check(true).percentage(p -> p > 1));
    }

    /**
     * The risk engine over a run of candles crossing several UTC days with a wandering equity: whenever the loss
     * since the trading day's opening equity (the equity at the close of the previous day's last candle, days
     * counted by candle open time, as in the backtester) or the drawdown from the peak reaches its limit, no
     * entry is asked for.
     */
    @Property(tries = 100)
    void noEntryIsAskedForAfterTheDailyLossOrDrawdownLimitAcrossDays(
            @ForAll("settings") TradingSettings settings,
            @ForAll @Size(min = 10, max = 60) List<@From("equityMoves") BigDecimal> moves,
            @ForAll @IntRange(min = 0, max = 23) int startHour,
            @ForAll @IntRange(min = 1, max = 7) int hoursApart) {
        TradingSettings onEth = withSymbols(settings, List.of("ETH-USDT"));
        ContractRules rules = new ContractRules(2, new BigDecimal("0.0001"), new BigDecimal("0.0001"), BigDecimal.ZERO);
        Instant start = Instant.parse("2026-11-28T00:00:00Z").plus(Duration.ofHours(startHour));
        BigDecimal equity = new BigDecimal("10000");
        RiskEngine.EquityRefs refs = RiskEngine.EquityRefs.start(start, equity);
        LocalDate modelDay = LocalDate.ofInstant(start, ZoneOffset.UTC);
        BigDecimal modelOpening = equity;
        BigDecimal modelPeak = equity;
        BigDecimal previous = equity;
        int breachedCandles = 0;
        int entries = 0;
        for (int i = 0; i < moves.size(); i++) {
            Instant openTime = start.plus(Duration.ofHours((long) i * hoursApart));
            equity = equity.multiply(moves.get(i)).setScale(4, RoundingMode.HALF_UP);
            LocalDate day = LocalDate.ofInstant(openTime, ZoneOffset.UTC);
            if (day.isAfter(modelDay)) {
                modelDay = day;
                modelOpening = previous;
            }
            modelPeak = modelPeak.max(equity);
            previous = equity;
            boolean breached = lossPct(modelOpening, equity).compareTo(onEth.dailyLossLimitPct()) >= 0
                    || lossPct(modelPeak, equity).compareTo(onEth.maxDrawdownPct()) >= 0;
            CandleClosed candle = TradingFixtures.candle("ETH-USDT", openTime, "45", "40", "5", "20", "40", true);
            RiskEngine.Evaluation evaluation = RiskEngine.evaluate(
                    SID,
                    onEth,
                    SessionStatus.RUNNING,
                    PositionMode.HEDGE,
                    List.of(),
                    List.of(),
                    false,
                    refs,
                    candle,
                    new ExchangeBalance(equity, equity),
                    rules,
                    AT);
            refs = evaluation.refs();
            assertThat(refs.dayOpeningEquity()).isEqualByComparingTo(modelOpening);
            boolean entered = evaluation.commands().stream().anyMatch(c -> c instanceof RequestOrderPlacement);
            if (breached) {
                breachedCandles++;
                assertThat(entered)
                        .as(
                                "entry at %s with equity %s, day opening %s, peak %s",
                                openTime, equity, modelOpening, modelPeak)
                        .isFalse();
            }
            entries += entered ? 1 : 0;
        }
        Statistics.label("limit reached").collect(breachedCandles > 0);
        Statistics.label("limit reached").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("some entries").collect(entries > 0);
        Statistics.label("some entries").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    // ---------------------------------------------------------------------------------------------- inputs

    @Provide
    Arbitrary<TradingSettings> settings() {
        Arbitrary<Integer> maxPositions = Arbitraries.integers().between(1, 5);
        Arbitrary<BigDecimal> risk = decimals("0.1", "10", 1);
        Arbitrary<BigDecimal> dailyLoss = decimals("0.5", "50", 1);
        Arbitrary<BigDecimal> drawdown = decimals("1", "90", 1);
        Arbitrary<Integer> leverage = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 10)),
                Tuple.of(1, Arbitraries.integers().between(1, 125)));
        Arbitrary<BigDecimal> threshold = decimals("10", "50", 0);
        Arbitrary<BigDecimal> confidence =
                Arbitraries.frequencyOf(Tuple.of(3, decimals("0", "70", 0)), Tuple.of(1, decimals("0", "100", 0)));
        Arbitrary<BigDecimal> stopAtr = decimals("0.5", "10", 1);
        Arbitrary<BigDecimal> takeProfitR = decimals("0.5", "10", 1);
        return Combinators.combine(maxPositions, risk, dailyLoss, drawdown, leverage, threshold, confidence, stopAtr)
                .flatAs((max, r, dl, dd, lev, thr, conf, atr) -> takeProfitR.map(tp -> new TradingSettings(
                        max,
                        r,
                        dl,
                        dd,
                        lev,
                        PositionMode.HEDGE,
                        thr,
                        Timeframe.M5,
                        conf,
                        atr,
                        tp,
                        List.of("ETH-USDT"),
                        dev.trenddesk.api.common.StrategyId.ADX_TREND,
                        9,
                        21)));
    }

    @Provide
    Arbitrary<IndicatorSnapshot> snapshots() {
        return snapshotsOf("ETH-USDT");
    }

    @Provide
    Arbitrary<SymbolCase> symbolCases() {
        Arbitrary<Direction> held = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(null)), Tuple.of(1, Arbitraries.of(Direction.class)));
        return Combinators.combine(snapshotsOf("ANY-USDT"), held).as(SymbolCase::new);
    }

    private static Arbitrary<IndicatorSnapshot> snapshotsOf(String symbol) {
        Arbitrary<BigDecimal> close = Arbitraries.frequencyOf(
                Tuple.of(2, decimals("0.5", "10", 4)),
                Tuple.of(3, decimals("10", "5000", 2)),
                Tuple.of(1, decimals("5000", "120000", 1)));
        Arbitrary<BigDecimal> atr = Arbitraries.frequencyOf(
                Tuple.of(4, decimals("0.001", "0.03", 5)), Tuple.of(1, decimals("0.0001", "0.2", 5)));
        // mostly a trend in one direction (entries), else anything (no trend, crossed DIs, low confidence)
        Arbitrary<BigDecimal[]> trending = Combinators.combine(
                        decimals("25", "60", 2),
                        decimals("1", "10", 2),
                        decimals("20", "50", 2),
                        decimals("2", "15", 2),
                        Arbitraries.of(true, false))
                .as((a, rise, strong, weak, up) ->
                        new BigDecimal[] {a, up ? strong : weak, up ? weak : strong, a.subtract(rise)});
        Arbitrary<BigDecimal[]> anything = Combinators.combine(
                        decimals("5", "70", 2),
                        decimals("0", "60", 2),
                        decimals("0", "60", 2),
                        decimals("5", "70", 2).injectNull(0.1))
                .as((a, p, m, prev) -> new BigDecimal[] {a, p, m, prev});
        Arbitrary<BigDecimal[]> indicators = Arbitraries.frequencyOf(Tuple.of(3, trending), Tuple.of(1, anything));
        Arbitrary<Boolean> ready = Arbitraries.of(true, true, true, true, true, true, true, true, true, false);
        return Combinators.combine(close, atr, indicators, ready)
                .as((c, share, i, isReady) -> new IndicatorSnapshot(
                        symbol,
                        Timeframe.M5,
                        new Candle(AT, c, c, c, c, BigDecimal.ONE),
                        isReady ? i[0] : null,
                        i[1],
                        i[2],
                        c.multiply(share).setScale(8, RoundingMode.HALF_UP),
                        i[3]));
    }

    @Provide
    Arbitrary<AccountState> accounts() {
        Arbitrary<BigDecimal> equity = Arbitraries.frequencyOf(
                Tuple.of(2, decimals("5", "500", 2)), Tuple.of(3, decimals("500", "1000000", 2)));
        Arbitrary<BigDecimal> freeShare =
                Arbitraries.frequencyOf(Tuple.of(1, decimals("0", "0.05", 4)), Tuple.of(4, decimals("0.05", "1", 4)));
        Arbitrary<BigDecimal> openingFactor = Arbitraries.frequencyOf(
                Tuple.of(3, decimals("0.95", "1.01", 4)), Tuple.of(1, decimals("0.9", "1.3", 4)));
        Arbitrary<BigDecimal> peakFactor =
                Arbitraries.frequencyOf(Tuple.of(3, decimals("1", "1.03", 4)), Tuple.of(1, decimals("1", "1.5", 4)));
        return Combinators.combine(equity, freeShare, openingFactor, peakFactor).as((e, free, opening, peak) -> {
            BigDecimal dayOpening = e.multiply(opening).setScale(2, RoundingMode.HALF_UP);
            return new AccountState(
                    e,
                    e.multiply(free).setScale(2, RoundingMode.DOWN),
                    dayOpening,
                    e.max(dayOpening).multiply(peak).setScale(2, RoundingMode.HALF_UP));
        });
    }

    @Provide
    Arbitrary<ExchangeBalance> balances() {
        return accounts().map(a -> new ExchangeBalance(a.equity(), a.availableBalance()));
    }

    @Provide
    Arbitrary<ContractRules> rules() {
        Arbitrary<Integer> pricePrecision = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> quantityDecimals = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(2, 4)),
                Tuple.of(1, Arbitraries.integers().between(0, 1)));
        Arbitrary<Integer> minSteps = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.integers().between(1, 10)));
        Arbitrary<BigDecimal> minNotional = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(BigDecimal.ZERO)), Tuple.of(2, decimals("1", "20", 0)));
        Arbitrary<BigDecimal> fee = decimals("0", "0.001", 5);
        return Combinators.combine(pricePrecision, quantityDecimals, minSteps, minNotional, fee)
                .as((price, qty, steps, notional, rate) -> {
                    BigDecimal step = BigDecimal.ONE.movePointLeft(qty);
                    return new ContractRules(price, step, step.multiply(BigDecimal.valueOf(steps)), notional, rate);
                });
    }

    @Provide
    Arbitrary<BigDecimal> equityMoves() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, decimals("0.97", "1.03", 4)), Tuple.of(1, decimals("0.85", "1.05", 4)));
    }

    // --------------------------------------------------------------------------------------------- helpers

    private static Arbitrary<BigDecimal> decimals(String min, String max, int scale) {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal(min), new BigDecimal(max))
                .ofScale(scale);
    }

    private static PositionState elsewhere(int count) {
        List<OpenPosition> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(new OpenPosition(
                    "OTHER" + i + "-USDT",
                    i % 2 == 0 ? Direction.LONG : Direction.SHORT,
                    BigDecimal.ONE,
                    BigDecimal.TEN));
        }
        return new PositionState(open);
    }

    /**
     * Leverage × what BingX asks to open (notional / leverage + notional × taker fee), exact:
     * notional × (1 + leverage × fee); compared with leverage × the available balance.
     */
    private static BigDecimal leveragedCost(BigDecimal quantity, BigDecimal price, int leverage, ContractRules rules) {
        BigDecimal lev = BigDecimal.valueOf(leverage);
        return quantity.multiply(price).multiply(BigDecimal.ONE.add(lev.multiply(rules.takerFeeRate())));
    }

    /** (reference − value) / reference × 100, exact enough; zero when reference is not positive. */
    private static BigDecimal lossPct(BigDecimal reference, BigDecimal value) {
        if (reference.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return reference.subtract(value).multiply(HUNDRED).divide(reference, 12, RoundingMode.HALF_UP);
    }

    private static TradingSettings withSymbols(TradingSettings s, List<String> symbols) {
        return new TradingSettings(
                s.maxPositions(),
                s.riskPerTradePct(),
                s.dailyLossLimitPct(),
                s.maxDrawdownPct(),
                s.leverage(),
                s.positionMode(),
                s.adxThreshold(),
                s.timeframe(),
                s.signalConfidence(),
                s.stopAtr(),
                s.takeProfitR(),
                symbols,
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
    }

    private static CandleClosed candle(String symbol, IndicatorSnapshot s) {
        Candle c = s.candle();
        return new CandleClosed(
                symbol,
                Timeframe.M5,
                c.openTime(),
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume(),
                s.values(),
                true);
    }
}
