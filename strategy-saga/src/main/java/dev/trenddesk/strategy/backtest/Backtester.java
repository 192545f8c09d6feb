package dev.trenddesk.strategy.backtest;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.strategy.decision.AccountState;
import dev.trenddesk.strategy.decision.AdxStrategy;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.Decision;
import dev.trenddesk.strategy.decision.DecisionKind;
import dev.trenddesk.strategy.decision.OpenPosition;
import dev.trenddesk.strategy.decision.PositionState;
import dev.trenddesk.strategy.decision.Side;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorEngine;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays candles of one symbol through the {@link IndicatorEngine} and {@link AdxStrategy#decide}, the
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
 * </ul>
 * Account state fed to the strategy at each close: equity = balance + unrealised PnL at the close;
 * available balance = equity − the open position's margin (quantity × entry / leverage); the equity peak;
 * the day's opening equity = the equity at the close of the last candle of the previous UTC day (a candle
 * belongs to the day it trades in, so the candle ending at 00:00 closes the old day).
 */
public final class Backtester {

    /** BingX's standard taker fee rate; the fee charged is the contract rules' {@code takerFeeRate}. */
    public static final BigDecimal TAKER_FEE = ContractRules.DEFAULT_TAKER_FEE_RATE;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final TradingSettings settings;
    private final ContractRules rules;

    /**
     * @param settings the validated trading settings
     * @param rules    the simulated contract's rules
     */
    public Backtester(TradingSettings settings, ContractRules rules) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** An open position of the simulation. */
    private record Position(Side side, BigDecimal quantity, BigDecimal entryPrice, BigDecimal stopLoss,
            BigDecimal takeProfit, Instant entryTime, BigDecimal entryFee) {

        BigDecimal pnlAt(BigDecimal price) {
            return price.subtract(entryPrice).multiply(quantity).multiply(BigDecimal.valueOf(side.sign()));
        }
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
        for (Candle candle : warmUp) {
            engine.onClosedCandle(symbol, settings.timeframe(), candle)
                    .orElseThrow(() -> new IllegalArgumentException("candle at " + candle.openTime() + " is out of order"));
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

        for (Candle candle : candles) {
            if (pending != null) {
                if (pending.isEntry()) {
                    Side side = pending.kind() == DecisionKind.ENTER_LONG ? Side.LONG : Side.SHORT;
                    BigDecimal fee = fee(pending.quantity(), candle.open(), rules);
                    position = new Position(side, pending.quantity(), candle.open(), pending.stopLoss(),
                            pending.takeProfit(), candle.openTime(), fee);
                    balance = balance.subtract(fee);
                } else {
                    String reason = pending.kind() == DecisionKind.EXIT ? pending.exitReason().name()
                            : pending.reasonCode().name();
                    balance = balance.add(close(position, candle.openTime(), candle.open(), reason, trades, rules));
                    position = null;
                }
                pending = null;
            }
            boolean inPosition = position != null;
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
                maxDrawdown = maxDrawdown.max(peak.subtract(equity).multiply(HUNDRED).divide(peak, 8, RoundingMode.HALF_EVEN));
            }
            lastEquity = equity;

            BigDecimal margin = position == null ? BigDecimal.ZERO
                    : position.quantity().multiply(position.entryPrice())
                            .divide(BigDecimal.valueOf(settings.leverage()), 8, RoundingMode.HALF_EVEN);
            PositionState positions = position == null ? PositionState.none() : new PositionState(List.of(
                    new OpenPosition(symbol, position.side(), position.quantity(), position.entryPrice())));
            IndicatorSnapshot snapshot = engine.onClosedCandle(symbol, settings.timeframe(), candle)
                    .orElseThrow(() -> new IllegalArgumentException("candle at " + candle.openTime() + " is out of order"));
            Decision decision = AdxStrategy.decide(snapshot, settings, positions,
                    new AccountState(equity, equity.subtract(margin), dayOpeningEquity, peak), rules);
            if (decision.signal() != null) {
                signals++;
            }
            if (decision.isEntry() || decision.kind() == DecisionKind.EXIT
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
        return new BacktestResult(rows, trades, summary(rows, trades, signals, exposed, initialEquity, balance,
                maxDrawdown, stoppedAt));
    }

    /** Closes a position, records the trade and returns the change of balance (PnL minus the exit fee). */
    private static BigDecimal close(Position position, Instant time, BigDecimal price, String reason,
            List<BacktestTrade> trades, ContractRules rules) {
        BigDecimal gross = position.pnlAt(price);
        BigDecimal exitFee = fee(position.quantity(), price, rules);
        BigDecimal fees = position.entryFee().add(exitFee);
        trades.add(new BacktestTrade(trades.size() + 1, position.side(), position.entryTime(), position.entryPrice(),
                position.quantity(), position.stopLoss(), position.takeProfit(), time, price, reason, gross, fees,
                gross.subtract(fees)));
        return gross.subtract(exitFee);
    }

    private static BigDecimal fee(BigDecimal quantity, BigDecimal price, ContractRules rules) {
        return quantity.multiply(price).multiply(rules.takerFeeRate());
    }

    /** The stop-loss fill in this candle, or null when the stop is not touched. */
    private static BigDecimal stopFill(Position position, Candle candle) {
        if (position.side() == Side.LONG) {
            return candle.low().compareTo(position.stopLoss()) <= 0 ? candle.open().min(position.stopLoss()) : null;
        }
        return candle.high().compareTo(position.stopLoss()) >= 0 ? candle.open().max(position.stopLoss()) : null;
    }

    /** The take-profit fill in this candle, or null when the take-profit is not touched. */
    private static BigDecimal takeProfitFill(Position position, Candle candle) {
        if (position.side() == Side.LONG) {
            return candle.high().compareTo(position.takeProfit()) >= 0 ? candle.open().max(position.takeProfit()) : null;
        }
        return candle.low().compareTo(position.takeProfit()) <= 0 ? candle.open().min(position.takeProfit()) : null;
    }

    private static BacktestSummary summary(List<BacktestCandle> rows, List<BacktestTrade> trades, int signals,
            int exposed, BigDecimal initialEquity, BigDecimal finalEquity, BigDecimal maxDrawdown, Instant stoppedAt) {
        int wins = (int) trades.stream().filter(t -> t.netPnl().signum() > 0).count();
        BigDecimal totalPnl = trades.stream().map(BacktestTrade::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fees = trades.stream().map(BacktestTrade::fees).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new BacktestSummary(rows.size(), signals, trades.size(), wins, trades.size() - wins,
                percent(wins, trades.size()), money(totalPnl), money(fees), money(initialEquity), money(finalEquity),
                maxDrawdown.setScale(2, RoundingMode.HALF_EVEN), percent(exposed, rows.size()), stoppedAt);
    }

    private static BigDecimal percent(int part, int whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_EVEN);
    }
}
