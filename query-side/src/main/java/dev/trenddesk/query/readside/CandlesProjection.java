package dev.trenddesk.query.readside;

import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.market.IndicatorKeys;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.readside.CandleView;
import java.math.BigDecimal;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Keeps candles_view: every closed candle with its indicators, for the charts. Market data is the
 * same for everybody; an upsert on (symbol, timeframe, open time) makes redelivery harmless.
 */
@Component
@ProcessingGroup(CandlesProjection.GROUP)
public class CandlesProjection {

    public static final String GROUP = "candle-views";

    private final ProjectionWrites writes;
    private final FeedPublisher feed;
    private final MarketClock market;

    public CandlesProjection(ProjectionWrites writes, FeedPublisher feed, MarketClock market) {
        this.writes = writes;
        this.feed = feed;
        this.market = market;
    }

    @EventHandler
    void on(CandleClosed c, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> writes.jdbc()
                .update(
                        """
                insert into candles_view (symbol, timeframe, open_time, open, high, low, close, volume, adx, plus_di,
                                          minus_di, atr, ema9, ema21, ema50, ema100, ema200, live)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (symbol, timeframe, open_time) do update set open = excluded.open, high = excluded.high,
                    low = excluded.low, close = excluded.close, volume = excluded.volume, adx = excluded.adx,
                    plus_di = excluded.plus_di, minus_di = excluded.minus_di, atr = excluded.atr,
                    ema9 = excluded.ema9, ema21 = excluded.ema21, ema50 = excluded.ema50, ema100 = excluded.ema100,
                    ema200 = excluded.ema200, live = excluded.live
                """,
                        c.symbol(),
                        c.timeframe().code(),
                        ProjectionWrites.ts(c.openTime()),
                        c.open(),
                        c.high(),
                        c.low(),
                        c.close(),
                        c.volume(),
                        c.adx(),
                        c.plusDi(),
                        c.minusDi(),
                        c.atr(),
                        ema(c, 9),
                        ema(c, 21),
                        ema(c, 50),
                        ema(c, 100),
                        ema(c, 200),
                        c.live()));
        if (c.live()) {
            market.observe(c.closeTime());
            feed.publish(replay, ProjectionWrites.position(token), null, "candle", view(c));
        }
    }

    /** The candle as the chart reads it. */
    static CandleView view(CandleClosed c) {
        return new CandleView(
                c.symbol(),
                c.timeframe(),
                c.openTime(),
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume(),
                c.adx(),
                c.plusDi(),
                c.minusDi(),
                c.atr(),
                ema(c, 9),
                ema(c, 21),
                ema(c, 50),
                ema(c, 100),
                ema(c, 200),
                c.live());
    }

    private static BigDecimal ema(CandleClosed c, int period) {
        return c.indicator(IndicatorKeys.ema(period));
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("delete from candles_view");
    }
}
