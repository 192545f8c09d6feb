package dev.trenddesk.query.readside;

import dev.trenddesk.api.readside.TradingViews.EquityPoint;
import dev.trenddesk.api.readside.TradingViews.PerformanceView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The performance figures of a trader's closed trades, exact in BigDecimal (see {@link PerformanceView}). */
final class TradePerformance {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One closed trade: when it was opened (null if not recorded), when it closed, its net P&L (fees and funding in). */
    record Closed(Instant openedAt, Instant at, BigDecimal netPnl) {}

    private TradePerformance() {}

    /** The figures of {@code trades}, in the order they closed. */
    static PerformanceView of(List<Closed> trades) {
        int wins = 0;
        int losses = 0;
        BigDecimal profit = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        BigDecimal best = null;
        BigDecimal worst = null;
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal peak = BigDecimal.ZERO;
        BigDecimal drawdown = BigDecimal.ZERO;
        long heldSeconds = 0;
        int timed = 0;
        List<EquityPoint> points = new ArrayList<>(trades.size());
        for (Closed trade : trades) {
            if (trade.openedAt() != null) {
                heldSeconds += Duration.between(trade.openedAt(), trade.at()).toSeconds();
                timed++;
            }
            BigDecimal pnl = trade.netPnl();
            if (pnl.signum() > 0) {
                wins++;
                profit = profit.add(pnl);
            } else if (pnl.signum() < 0) {
                losses++;
                loss = loss.add(pnl.negate());
            }
            best = best == null || pnl.compareTo(best) > 0 ? pnl : best;
            worst = worst == null || pnl.compareTo(worst) < 0 ? pnl : worst;
            cumulative = cumulative.add(pnl);
            peak = peak.max(cumulative);
            drawdown = drawdown.max(peak.subtract(cumulative));
            points.add(new EquityPoint(trade.at(), cumulative));
        }
        int count = trades.size();
        return new PerformanceView(
                count,
                wins,
                losses,
                count == 0 ? null : percent(wins, count),
                cumulative,
                profit,
                loss,
                loss.signum() == 0 ? null : profit.divide(loss, 4, RoundingMode.HALF_UP),
                count == 0 ? null : cumulative.divide(BigDecimal.valueOf(count), 8, RoundingMode.HALF_UP),
                timed == 0 ? null : Math.round(heldSeconds / (double) timed),
                best,
                worst,
                drawdown,
                spread(points, PerformanceView.CURVE_POINTS));
    }

    /** {@code part} of {@code whole} in percent, two decimals (a win rate). */
    static BigDecimal percent(int part, int whole) {
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** At most {@code max} of the points, spread evenly, the first and the last always in. */
    static List<EquityPoint> spread(List<EquityPoint> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<EquityPoint> picked = new ArrayList<>(max);
        long last = points.size() - 1L;
        for (int i = 0; i < max; i++) {
            picked.add(points.get((int) (i * last / (max - 1))));
        }
        return picked;
    }
}
