package dev.trenddesk.strategy.exchange;

import dev.trenddesk.api.trading.ExchangePositionSide;
import java.math.BigDecimal;

/**
 * A position the exchange holds.
 *
 * @param amount signed in one-way mode (side BOTH: negative is short), positive otherwise
 */
public record ExchangePosition(String symbol, ExchangePositionSide side, BigDecimal amount, BigDecimal averagePrice) {}
