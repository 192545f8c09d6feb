package dev.trenddesk.simulator;

import java.math.BigDecimal;

/** One line of the income history: REALIZED_PNL or TRADING_FEE. */
record Income(long tranId, String symbol, String incomeType, BigDecimal income, String info, long time, long tradeId) {
}
