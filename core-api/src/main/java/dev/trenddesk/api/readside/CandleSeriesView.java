package dev.trenddesk.api.readside;

import dev.trenddesk.api.common.Timeframe;
import java.time.Instant;

/**
 * A market series the platform has closed candles of, for the chart's symbol and timeframe choice: the feed
 * publishes the series some bot trades on and the always-on ones, so only these can be drawn.
 *
 * @param candles      how many closed candles are kept
 * @param lastOpenTime the open time of the newest
 */
public record CandleSeriesView(String symbol, Timeframe timeframe, long candles, Instant lastOpenTime) {}
