package dev.trenddesk.strategy.backtest;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.strategy.decision.AccountState;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.Decision;
import dev.trenddesk.strategy.decision.DecisionKind;
import dev.trenddesk.strategy.decision.OpenPosition;
import dev.trenddesk.strategy.decision.PositionState;
import dev.trenddesk.strategy.decision.Strategies;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorEngine;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays candles of one symbol through the {@link IndicatorEngine} and the bot's strategy ({@link Strategies#forSettings}), the
 * same code the live saga runs, and simulates the fills.
 *
 * <p>Fill rules:
 * <ul>
 *   <li>A decision is taken at a candle's close; entries, strategy exits and close-all fill at the
 *       <em>next</em> candle's open (no slippage). The quantity, stop-loss and take-profit are the
 *       decision's (computed from the close).</li>
 *   <li>From the entry candle on, each candle is checked against the stop-loss and take-profit: a long is
 *       stopped when low ≤ stop, a short when high ≥ stop; take-profit when high ≥ TP (long) or low ≤ TP
 *       (short). A candle that touches both is assumed to hit the stop first (conservative). A candle that
 *       opens beyond a level fills at its open, otherwise at the level.</li>
 *   <li>Taker fee ({@link ContractRules#takerFeeRate()}, 0.05 % by default) of the notional on every entry
 *       and exit.</li>
 *   <li>A position still open after the last candle is closed at its close (END_OF_DATA); an entry decided on
 *       the last candle is not filled.</li>
 *   <li><b>Funding</b> ({@link FundingModel}, by default the simulator's rate from the candles): at the close of a
 *       candle that ends at 00:00, 08:00 or 16:00 UTC a position still held pays (long, positive rate) or
 *       receives quantity × close × rate, taken from the balance and counted in the trade's net result.</li>
 *   <li><b>Liquidation</b> (isolated margin at the settings' leverage L, maintenance margin rate
 *       {@link #MAINTENANCE_MARGIN_RATE}): the position is liquidated at {@code E × (1 − 1/L) / (1 − m)} (long)
 *       or {@code E × (1 + 1/L) / (1 + m)} (short) rounded to the price precision, when a candle reaches it and
 *       its stop-loss did not close it first (a stop between the entry and the liquidation price always does);
 *       the whole margin (quantity × entry / L) is lost, exit reason {@code LIQUIDATION}.</li>
 * </ul>
 * Account state fed to the strategy at each close: equity = balance + unrealised PnL at the close;
 * available balance = equity − the open position's margin (quantity × entry / leverage); the equity peak;
 * the day's opening equity = the equity at the close of the last candle of the previous UTC day (a candle
 * belongs to the day it trades in, so the candle ending at 00:00 closes the old day).
 */
public final class Backtester {

    /** BingX's standard taker fee rate; the fee charged is the contract rules' {@code takerFeeRate}. */
    public static final BigDecimal TAKER_FEE = ContractRules.DEFAULT_TAKER_FEE_RATE;

    /** The simulator's maintenance margin rate of isolated positions. */
    public static final BigDecimal MAINTENANCE_MARGIN_RATE = new BigDecimal("0.005");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final TradingSettings settings;
    private final ContractRules rules;
    private final FundingModel funding;

    /**
     * @param settings the validated trading settings
     * @param rules    the simulated contract's rules
     */
    public Backtester(TradingSettings settings, ContractRules rules) {
        this(settings, rules, FundingModel.fromCandles());
    }

    /**
     * @param funding how funding is charged
     */
    public Backtester(TradingSettings settings, ContractRules rules, FundingModel funding) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.funding = Objects.requireNonNull(funding, "funding");
    }

    /** An open position of the simulation; {@code funding} booked on it so far (signed, negative when paid). */
    private record Position(
            Direction side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            Instant entryTime,
            BigDecimal entryFee,
            BigDecimal funding) {

        BigDecimal pnlAt(BigDecimal price) {
            return price.subtract(entryPrice).multiply(quantity).multiply(BigDecimal.valueOf(side.sign()));
        }

        Position plusFunding(BigDecimal amount) {
            return new Position(
                    side, quantity, entryPrice, stopLoss, takeProfit, entryTime, entryFee, funding.add(amount));
        }
    }

    /** The isolated position's liquidation price at {@code leverage}, on the contract's tick. */
    static BigDecimal liquidationPrice(Direction side, BigDecimal entryPrice, int leverage, ContractRules rules) {
        BigDecimal oneOverLeverage = BigDecimal.ONE.divide(BigDecimal.valueOf(leverage), 8, RoundingMode.HALF_UP);
        BigDecimal price = side == Direction.LONG
                ? entryPrice
                        .multiply(BigDecimal.ONE.subtract(oneOverLeverage))
                        .divide(BigDecimal.ONE.subtract(MAINTENANCE_MARGIN_RATE), 8, RoundingMode.HALF_UP)
                : entryPrice
                        .multiply(BigDecimal.ONE.add(oneOverLeverage))
                        .divide(BigDecimal.ONE.add(MAINTENANCE_MARGIN_RATE), 8, RoundingMode.HALF_UP);
        return price.setScale(rules.pricePrecision(), RoundingMode.HALF_UP);
    }

    /**
     * Runs the backtest.
     *
     * @param symbol        symbol the candles belong to
     * @param candles       candles in time order
     * @param initialEquity starting balance in USDT
     */
    public BacktestResult run(String symbol, List<Candle> candles, BigDecimal initialEquity) {
        return run(symbol, List.of(), candles, initialEquity);
    }

    /**
     * Runs the backtest after a warm-up, as a live bot starts: the warm-up candles only feed the indicators (as
     * the market feed's history does before a bot's first live candle); the account starts flat with
     * {@code initialEquity} at the first of {@code candles}, and only those are decided on.
     *
     * @param warmUp  candles before the first decided one, in time order (may be empty)
     * @param candles candles decided on, in time order, following the warm-up
     */
    public BacktestResult run(String symbol, List<Candle> warmUp, List<Candle> candles, BigDecimal initialEquity) {
        IndicatorEngine engine = new IndicatorEngine();
        Duration period = settings.timeframe().duration();
        int fundingWindow = FundingModel.window(period);
        java.util.ArrayDeque<BigDecimal> recentCloses = new java.util.ArrayDeque<>();
        for (Candle candle : warmUp) {
            engine.onClosedCandle(symbol, settings.timeframe(), candle)
                    .orElseThrow(
                            () -> new IllegalArgumentException("candle at " + candle.openTime() + " is out of order"));
            remember(recentCloses, candle.close(), fundingWindow);
        }
        List<BacktestCandle> rows = new ArrayList<>(candles.size());
        List<BacktestTrade> trades = new ArrayList<>();
        BigDecimal balance = initialEquity;
        BigDecimal peak = initialEquity;
        BigDecimal lastEquity = initialEquity;
        BigDecimal dayOpeningEquity = initialEquity;
        BigDecimal maxDrawdown = BigDecimal.ZERO;
        LocalDate day = null;
        Position position = null;
        Decision pending = null;
        Instant stoppedAt = null;
        int exposed = 0;
        int signals = 0;
        int liquidations = 0;

        for (Candle candle : candles) {
            if (pending != null) {
                if (pending.isEntry()) {
                    Direction side = pending.kind() == DecisionKind.ENTER_LONG ? Direction.LONG : Direction.SHORT;
                    BigDecimal fee = fee(pending.quantity(), candle.open(), rules);
                    position = new Position(
                            side,
                            pending.quantity(),
                            candle.open(),
                            pending.stopLoss(),
                            pending.takeProfit(),
                            candle.openTime(),
                            fee,
                            BigDecimal.ZERO);
                    balance = balance.subtract(fee);
                } else {
                    String reason = pending.kind() == DecisionKind.EXIT
                            ? pending.exitReason().name()
                            : pending.reasonCode().name();
                    balance = balance.add(close(position, candle.openTime(), candle.open(), reason, trades, rules));
                    position = null;
                }
                pending = null;
            }
            boolean inPosition = position != null;
            if (position != null) {
                // a stop between the entry and the liquidation price always fills first; otherwise the position
                // is liquidated when the candle reaches its liquidation price (before a take-profit, conservatively)
                BigDecimal liquidation =
                        liquidationPrice(position.side(), position.entryPrice(), settings.leverage(), rules);
                boolean stopFirst = position.stopLoss() != null
                        && (position.side() == Direction.LONG
                                ? position.stopLoss().compareTo(liquidation) >= 0
                                : position.stopLoss().compareTo(liquidation) <= 0);
                boolean reached = position.side() == Direction.LONG
                        ? candle.low().compareTo(liquidation) <= 0
                        : candle.high().compareTo(liquidation) >= 0;
                if (reached && !stopFirst) {
                    balance = balance.add(liquidate(position, candle.openTime(), liquidation, trades));
                    position = null;
                    liquidations++;
                }
            }
            if (position != null) {
                BigDecimal exitPrice = stopFill(position, candle);
                String reason = "STOP_LOSS";
                if (exitPrice == null) {
                    exitPrice = takeProfitFill(position, candle);
                    reason = "TAKE_PROFIT";
                }
                if (exitPrice != null) {
                    balance = balance.add(close(position, candle.openTime(), exitPrice, reason, trades, rules));
                    position = null;
                }
            }
            remember(recentCloses, candle.close(), fundingWindow);
            long openMillis = candle.openTime().toEpochMilli();
            int fundingTimes = FundingModel.fundingTimesIn(openMillis, openMillis + period.toMillis());
            if (position != null && fundingTimes > 0) {
                BigDecimal rate = funding.rate(List.copyOf(recentCloses), period);
                BigDecimal amount = position.quantity()
                        .multiply(candle.close())
                        .multiply(rate)
                        .multiply(BigDecimal.valueOf(fundingTimes))
                        .setScale(8, RoundingMode.HALF_UP);
                BigDecimal income = position.side() == Direction.LONG ? amount.negate() : amount;
                balance = balance.add(income);
                position = position.plusFunding(income);
            }
            if (inPosition) {
                exposed++;
            }

            BigDecimal equity = position == null ? balance : balance.add(position.pnlAt(candle.close()));
            LocalDate candleDay = LocalDate.ofInstant(candle.openTime(), ZoneOffset.UTC);
            if (!candleDay.equals(day)) {
                day = candleDay;
                dayOpeningEquity = lastEquity;
            }
            peak = peak.max(equity);
            if (peak.signum() > 0) {
                maxDrawdown = maxDrawdown.max(
                        peak.subtract(equity).multiply(HUNDRED).divide(peak, 8, RoundingMode.HALF_EVEN));
            }
            lastEquity = equity;

            BigDecimal margin = position == null
                    ? BigDecimal.ZERO
                    : position.quantity()
                            .multiply(position.entryPrice())
                            .divide(BigDecimal.valueOf(settings.leverage()), 8, RoundingMode.HALF_EVEN);
            PositionState positions = position == null
                    ? PositionState.none()
                    : new PositionState(List.of(
                            new OpenPosition(symbol, position.side(), position.quantity(), position.entryPrice())));
            IndicatorSnapshot snapshot = engine.onClosedCandle(symbol, settings.timeframe(), candle)
                    .orElseThrow(
                            () -> new IllegalArgumentException("candle at " + candle.openTime() + " is out of order"));
            Decision decision = Strategies.forSettings(settings)
                    .decide(
                            snapshot,
                            settings,
                            positions,
                            new AccountState(equity, equity.subtract(margin), dayOpeningEquity, peak),
                            rules);
            if (decision.signal() != null) {
                signals++;
            }
            if (decision.isEntry()
                    || decision.kind() == DecisionKind.EXIT
                    || decision.kind() == DecisionKind.CLOSE_ALL_AND_STOP && position != null) {
                pending = decision;
            }
            if (decision.kind() == DecisionKind.CLOSE_ALL_AND_STOP && stoppedAt == null) {
                stoppedAt = candle.openTime();
            }
            rows.add(new BacktestCandle(decision, equity, inPosition));
        }
        if (position != null) {
            Candle last = candles.get(candles.size() - 1);
            balance = balance.add(close(position, last.openTime(), last.close(), "END_OF_DATA", trades, rules));
        }
        return new BacktestResult(
                rows,
                trades,
                summary(rows, trades, signals, exposed, initialEquity, balance, maxDrawdown, stoppedAt, liquidations));
    }

    private static void remember(java.util.ArrayDeque<BigDecimal> closes, BigDecimal close, int window) {
        closes.addLast(close);
        while (closes.size() > window) {
            closes.removeFirst();
        }
    }

    /**
     * Liquidates at {@code price}: the trade's gross PnL is the move to the liquidation price and its fees take
     * what is left of the margin (the exchange keeps it), so the trade loses the margin and the entry fee.
     * Returns the change of balance.
     */
    private BigDecimal liquidate(Position position, Instant time, BigDecimal price, List<BacktestTrade> trades) {
        BigDecimal margin = position.quantity()
                .multiply(position.entryPrice())
                .divide(BigDecimal.valueOf(settings.leverage()), 8, RoundingMode.HALF_EVEN);
        BigDecimal gross = position.pnlAt(price);
        BigDecimal clearance = margin.add(gross).max(BigDecimal.ZERO);
        BigDecimal fees = position.entryFee().add(clearance);
        trades.add(new BacktestTrade(
                trades.size() + 1,
                position.side(),
                position.entryTime(),
                position.entryPrice(),
                position.quantity(),
                position.stopLoss(),
                position.takeProfit(),
                time,
                price,
                "LIQUIDATION",
                gross,
                fees,
                gross.subtract(fees).add(position.funding()),
                position.funding()));
        return gross.subtract(clearance);
    }

    /** Closes a position, records the trade and returns the change of balance (PnL minus the exit fee). */
    private static BigDecimal close(
            Position position,
            Instant time,
            BigDecimal price,
            String reason,
            List<BacktestTrade> trades,
            ContractRules rules) {
        BigDecimal gross = position.pnlAt(price);
        BigDecimal exitFee = fee(position.quantity(), price, rules);
        BigDecimal fees = position.entryFee().add(exitFee);
        trades.add(new BacktestTrade(
                trades.size() + 1,
                position.side(),
                position.entryTime(),
                position.entryPrice(),
                position.quantity(),
                position.stopLoss(),
                position.takeProfit(),
                time,
                price,
                reason,
                gross,
                fees,
                gross.subtract(fees).add(position.funding()),
                position.funding()));
        return gross.subtract(exitFee);
    }

    private static BigDecimal fee(BigDecimal quantity, BigDecimal price, ContractRules rules) {
        return quantity.multiply(price).multiply(rules.takerFeeRate());
    }

    /** The stop-loss fill in this candle, or null when the stop is not touched. */
    private static BigDecimal stopFill(Position position, Candle candle) {
        if (position.side() == Direction.LONG) {
            return candle.low().compareTo(position.stopLoss()) <= 0
                    ? candle.open().min(position.stopLoss())
                    : null;
        }
        return candle.high().compareTo(position.stopLoss()) >= 0 ? candle.open().max(position.stopLoss()) : null;
    }

    /** The take-profit fill in this candle, or null when the take-profit is not touched. */
    private static BigDecimal takeProfitFill(Position position, Candle candle) {
        if (position.side() == Direction.LONG) {
            return candle.high().compareTo(position.takeProfit()) >= 0
                    ? candle.open().max(position.takeProfit())
                    : null;
        }
        return candle.low().compareTo(position.takeProfit()) <= 0
                ? candle.open().min(position.takeProfit())
                : null;
    }

    private static BacktestSummary summary(
            List<BacktestCandle> rows,
            List<BacktestTrade> trades,
            int signals,
            int exposed,
            BigDecimal initialEquity,
            BigDecimal finalEquity,
            BigDecimal maxDrawdown,
            Instant stoppedAt,
            int liquidations) {
        int wins = (int) trades.stream().filter(t -> t.netPnl().signum() > 0).count();
        BigDecimal totalPnl = trades.stream().map(BacktestTrade::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fees = trades.stream().map(BacktestTrade::fees).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal funding = trades.stream().map(BacktestTrade::funding).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new BacktestSummary(
                rows.size(),
                signals,
                trades.size(),
                wins,
                trades.size() - wins,
                percent(wins, trades.size()),
                money(totalPnl),
                money(fees),
                money(initialEquity),
                money(finalEquity),
                maxDrawdown.setScale(2, RoundingMode.HALF_EVEN),
                percent(exposed, rows.size()),
                stoppedAt,
                money(funding),
                liquidations);
    }

    private static BigDecimal percent(int part, int whole) {
        return whole == 0
                ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(part)
                        .multiply(HUNDRED)
                        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_EVEN);
    }
}
