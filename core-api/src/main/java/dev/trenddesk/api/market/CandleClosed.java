package dev.trenddesk.api.market;

import dev.trenddesk.api.common.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A candle of one symbol and timeframe has closed. Published once per candle for the whole
 * platform (not per user) by the market feed; every bot on that symbol reads the same event.
 *
 * <p>Revision 2 carries the indicator values by {@link IndicatorKeys} name (docs/strategies.md lists them:
 * {@code adx}, {@code plusDi}, {@code minusDi}, {@code atr}, {@code adxPrev}, {@code ema9} … {@code ema200} and
 * {@code ema9Prev} … {@code ema200Prev}); a value not defined yet is left out (no guesses). Revision 1 had the
 * fields {@code adx}, {@code plusDi}, {@code minusDi}, {@code atr} and {@code previousAdx}; the upcaster
 * {@code CandleClosedV1ToV2} moves them into the map ({@code previousAdx} as {@code adxPrev}).
 *
 * @param openTime   the candle's open time (UTC); with symbol and timeframe it identifies the candle
 * @param indicators the defined indicator values after this candle, by name, sorted by name
 * @param live       true for a candle that closed while the feed was running; false for history
 *                   published from the warm-up (charts only: bots never trade on it)
 */
@Revision("2")
public record CandleClosed(
        String symbol,
        Timeframe timeframe,
        Instant openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        Map<String, BigDecimal> indicators,
        boolean live) {

    public CandleClosed {
        indicators = IndicatorKeys.defined(indicators);
    }

    /** The stable identity of this candle, e.g. {@code ETH-USDT@5m@2023-03-13T18:00:00Z}. */
    public String candleKey() {
        return symbol + "@" + timeframe.code() + "@" + openTime;
    }

    /** When the candle closed: its open time plus its timeframe. */
    public Instant closeTime() {
        return openTime.plus(timeframe.duration());
    }

    /** The indicator value of {@code key} ({@link IndicatorKeys}), null when not defined. */
    public BigDecimal indicator(String key) {
        return indicators.get(key);
    }

    /** Wilder's ADX(14), null when not defined. */
    public BigDecimal adx() {
        return indicator(IndicatorKeys.ADX);
    }

    /** Wilder's +DI(14), null when not defined. */
    public BigDecimal plusDi() {
        return indicator(IndicatorKeys.PLUS_DI);
    }

    /** Wilder's −DI(14), null when not defined. */
    public BigDecimal minusDi() {
        return indicator(IndicatorKeys.MINUS_DI);
    }

    /** Wilder's ATR(14), null when not defined. */
    public BigDecimal atr() {
        return indicator(IndicatorKeys.ATR);
    }

    /** ADX of the previous candle ("did ADX rise"), null when not defined. */
    public BigDecimal previousAdx() {
        return indicator(IndicatorKeys.ADX_PREV);
    }
}
