package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.util.Set;

/**
 * A trading strategy: a pure function from a closed candle's indicator values, the strategy's own settings and
 * the account's state to a {@link Decision}. No clock, no I/O, no state: the live saga and the backtester call
 * it through {@link Strategies} with the same inputs and get the same decision. The account's limits (max
 * drawdown, daily loss, max positions) and the sizing of an entry are not the strategy's: it calls
 * {@link RiskRules} for them, so every strategy applies them the same way (docs/strategies.md).
 *
 * @param <S> the strategy's own settings, built from the trader's {@link TradingSettings}
 */
public interface Strategy<S> {

    /** The id traders choose the strategy by (settings {@code strategy}). */
    StrategyId id();

    /** The strategy's own settings out of the trader's validated settings. */
    S settings(TradingSettings settings);

    /**
     * The keys of the indicator values ({@link dev.trenddesk.api.market.IndicatorKeys}) this strategy reads with
     * these settings; the market feed computes them for every stream.
     */
    Set<String> indicators(S settings);

    /** {@link #indicators(Object)} with its own settings built from {@code settings}. */
    default Set<String> indicatorsFor(TradingSettings settings) {
        return indicators(settings(settings));
    }

    /**
     * Decides what to do after a closed candle of one symbol.
     *
     * @param indicators the candle and its indicator values
     * @param own        the strategy's own settings
     * @param settings   the trader's validated settings (the shared risk limits, stop and take-profit)
     * @param positions  every position the trader holds, across symbols
     * @param account    the trader's account at the candle's close
     * @param rules      the symbol's contract rules
     */
    Decision decide(
            IndicatorSnapshot indicators,
            S own,
            TradingSettings settings,
            PositionState positions,
            AccountState account,
            ContractRules rules);

    /** {@link #decide(IndicatorSnapshot, Object, TradingSettings, PositionState, AccountState, ContractRules)} with its own settings built from {@code settings}. */
    default Decision decide(
            IndicatorSnapshot indicators,
            TradingSettings settings,
            PositionState positions,
            AccountState account,
            ContractRules rules) {
        return decide(indicators, settings(settings), settings, positions, account, rules);
    }
}
