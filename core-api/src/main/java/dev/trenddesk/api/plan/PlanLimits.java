package dev.trenddesk.api.plan;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.notify.NotificationChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a plan lets a trader do (docs/plans.md). An empty list of symbols, timeframes or strategies means "any the
 * platform allows" (the platform's allowed markets still apply on top).
 *
 * @param symbols              the symbols a bot may trade; empty: any the platform allows
 * @param maxSymbolsPerBot     how many symbols one bot may trade at once (1 to {@link TradingSettings#MAX_SYMBOLS})
 * @param timeframes           the timeframes a bot may trade on; empty: any the platform allows
 * @param strategies           the strategies a bot may use; empty: every one
 * @param liveFunds            false: only on a deployment trading demo funds (simulator or BingX VST)
 * @param maxLeverage          the highest leverage a bot may set (1 to {@link TradingSettings#LEVERAGE_MAX})
 * @param backtestsPerDay      backtests a trader may run per UTC day of market time (0 to {@link #MAX_BACKTESTS})
 * @param notificationChannels the channels a trader may set up; empty: none
 */
public record PlanLimits(
        List<String> symbols,
        int maxSymbolsPerBot,
        List<Timeframe> timeframes,
        List<StrategyId> strategies,
        boolean liveFunds,
        int maxLeverage,
        int backtestsPerDay,
        List<NotificationChannel> notificationChannels) {

    public static final int MAX_BACKTESTS = 10_000;
    public static final int MAX_PLAN_SYMBOLS = 100;

    public PlanLimits {
        symbols = symbols == null
                ? List.of()
                : new LinkedHashSet<>(symbols)
                        .stream()
                                .sorted(Comparator.nullsFirst(Comparator.naturalOrder()))
                                .toList();
        timeframes = timeframes == null
                ? List.of()
                : Arrays.stream(Timeframe.values()).filter(timeframes::contains).toList();
        strategies = strategies == null
                ? List.of()
                : Arrays.stream(StrategyId.values())
                        .filter(strategies::contains)
                        .toList();
        notificationChannels = notificationChannels == null
                ? List.of()
                : Arrays.stream(NotificationChannel.values())
                        .filter(notificationChannels::contains)
                        .toList();
    }

    /** Everything the platform allows. */
    public static PlanLimits unlimited() {
        return new PlanLimits(
                List.of(),
                TradingSettings.MAX_SYMBOLS,
                List.of(),
                List.of(),
                true,
                TradingSettings.LEVERAGE_MAX,
                MAX_BACKTESTS,
                List.of(NotificationChannel.values()));
    }

    /** The limits' own values out of range, named {@code limits.<field>}; empty when valid. */
    public List<FieldViolation> violations(List<String> rawSymbols, List<Timeframe> rawTimeframes) {
        List<FieldViolation> out = new ArrayList<>();
        if (rawSymbols != null) {
            if (rawSymbols.size() > MAX_PLAN_SYMBOLS) {
                out.add(new FieldViolation("limits.symbols", "at most " + MAX_PLAN_SYMBOLS + " symbols"));
            }
            for (String s : rawSymbols) {
                if (s == null || !TradingSettings.SYMBOL.matcher(s).matches()) {
                    out.add(new FieldViolation(
                            "limits.symbols", "'" + s + "' is not a USDT perpetual symbol like BTC-USDT"));
                }
            }
        }
        if (rawTimeframes != null && rawTimeframes.stream().anyMatch(Objects::isNull)) {
            out.add(new FieldViolation("limits.timeframes", "must not contain an empty value"));
        }
        if (maxSymbolsPerBot < 1 || maxSymbolsPerBot > TradingSettings.MAX_SYMBOLS) {
            out.add(new FieldViolation(
                    "limits.maxSymbolsPerBot", "must be between 1 and " + TradingSettings.MAX_SYMBOLS));
        }
        if (maxLeverage < TradingSettings.LEVERAGE_MIN || maxLeverage > TradingSettings.LEVERAGE_MAX) {
            out.add(new FieldViolation(
                    "limits.maxLeverage",
                    "must be between " + TradingSettings.LEVERAGE_MIN + " and " + TradingSettings.LEVERAGE_MAX));
        }
        if (backtestsPerDay < 0 || backtestsPerDay > MAX_BACKTESTS) {
            out.add(new FieldViolation("limits.backtestsPerDay", "must be between 0 and " + MAX_BACKTESTS));
        }
        return out;
    }

    /**
     * What of {@code next} the plan does not allow. Values {@code kept} (the bot's current settings) already has may
     * stay, as with the platform's allowed markets: a plan lowered under a running bot binds from its next change of
     * those values. {@code kept} null: nothing is exempt (a start).
     *
     * @param liveDeployment whether this deployment trades real funds (a start only; null: not checked)
     */
    public List<PlanViolation> violations(TradingSettings next, TradingSettings kept, Boolean liveDeployment) {
        List<PlanViolation> out = new ArrayList<>();
        if (next == null) {
            return out;
        }
        if (Boolean.TRUE.equals(liveDeployment) && !liveFunds) {
            out.add(new PlanViolation(
                    "exchange",
                    "plan.accountKind",
                    "this plan trades demo funds only; this platform trades live funds"));
        }
        List<String> nextSymbols = next.symbols() == null ? List.of() : next.symbols();
        List<String> keptSymbols = kept == null || kept.symbols() == null ? List.of() : kept.symbols();
        if (!symbols.isEmpty()) {
            List<String> refused = nextSymbols.stream()
                    .filter(s -> s != null && !symbols.contains(s) && !keptSymbols.contains(s))
                    .toList();
            if (!refused.isEmpty()) {
                out.add(new PlanViolation(
                        "symbols",
                        "plan.symbols",
                        String.join(", ", refused) + (refused.size() == 1 ? " is" : " are")
                                + " not in your plan; it allows: " + String.join(", ", symbols)));
            }
        }
        if (nextSymbols.size() > maxSymbolsPerBot && nextSymbols.size() > keptSymbols.size()) {
            out.add(new PlanViolation(
                    "symbols",
                    "plan.maxSymbolsPerBot",
                    "your plan allows " + maxSymbolsPerBot + " symbol" + (maxSymbolsPerBot == 1 ? "" : "s")
                            + " per bot, not " + nextSymbols.size()));
        }
        if (next.timeframe() != null
                && !timeframes.isEmpty()
                && !timeframes.contains(next.timeframe())
                && (kept == null || kept.timeframe() != next.timeframe())) {
            out.add(new PlanViolation(
                    "timeframe",
                    "plan.timeframes",
                    next.timeframe().code() + " is not in your plan; it allows: "
                            + timeframes.stream().map(Timeframe::code).collect(Collectors.joining(", "))));
        }
        if (!strategies.isEmpty()
                && !strategies.contains(next.strategy())
                && (kept == null || kept.strategy() != next.strategy())) {
            out.add(new PlanViolation(
                    "strategy",
                    "plan.strategies",
                    next.strategy() + " is not in your plan; it allows: "
                            + strategies.stream().map(Enum::name).collect(Collectors.joining(", "))));
        }
        if (next.leverage() > maxLeverage && (kept == null || next.leverage() > kept.leverage())) {
            out.add(new PlanViolation(
                    "leverage", "plan.maxLeverage", "your plan allows leverage up to " + maxLeverage + "x"));
        }
        return out;
    }

    /**
     * These settings cut down to the plan where that is a matter of less: symbols outside it dropped (the plan's
     * first when none is left), at most {@link #maxSymbolsPerBot} of them, leverage at most {@link #maxLeverage}.
     * Timeframe and strategy are left as they are. Used where the platform starts a bot on its own (the demo's bots).
     */
    public TradingSettings fit(TradingSettings s) {
        List<String> kept = s.symbols().stream()
                .filter(x -> symbols.isEmpty() || symbols.contains(x))
                .limit(maxSymbolsPerBot)
                .toList();
        if (kept.isEmpty()) {
            kept = symbols.isEmpty()
                    ? s.symbols().stream().limit(maxSymbolsPerBot).toList()
                    : List.of(symbols.get(0));
        }
        return new TradingSettings(
                s.maxPositions(),
                s.riskPerTradePct(),
                s.dailyLossLimitPct(),
                s.maxDrawdownPct(),
                Math.min(s.leverage(), maxLeverage),
                s.positionMode(),
                s.adxThreshold(),
                s.timeframe(),
                s.signalConfidence(),
                s.stopAtr(),
                s.takeProfitR(),
                kept,
                s.strategy(),
                s.emaFast(),
                s.emaSlow());
    }

    public boolean allows(NotificationChannel channel) {
        return notificationChannels.contains(channel);
    }
}
