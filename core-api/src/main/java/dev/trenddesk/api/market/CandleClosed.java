package dev.trenddesk.api.market;

import dev.trenddesk.api.common.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A candle of one symbol and timeframe has closed. Published once per candle for the whole
 * platform (not per user) by the market feed; every bot on that symbol reads the same event.
 * Indicator values are Wilder's ADX(14), +DI(14), −DI(14) and ATR(14), and are null before they
 * are defined (no guesses).
 *
 * @param openTime    the candle's open time (UTC); with symbol and timeframe it identifies the candle
 * @param previousAdx ADX of the previous candle, null when undefined ("did ADX rise")
 * @param live        true for a candle that closed while the feed was running; false for history
 *                    published from the warm-up (charts only: bots never trade on it)
 */
@Revision("1")
public record CandleClosed(String symbol, Timeframe timeframe, Instant openTime,
                           BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
                           BigDecimal adx, BigDecimal plusDi, BigDecimal minusDi, BigDecimal atr,
                           BigDecimal previousAdx, boolean live) {

    /** The stable identity of this candle, e.g. {@code ETH-USDT@5m@2023-03-13T18:00:00Z}. */
    public String candleKey() {
        return symbol + "@" + timeframe.code() + "@" + openTime;
    }
}
