/**
 * The exchange seam: exchange-neutral interfaces (market data, account, orders, user stream, key verification)
 * and value types the trading path, the market feed and credential verification use. Adapters live in
 * sub-packages (e.g. {@code bingx}); only they may import an exchange's client (ArchitectureTest).
 */
package dev.trenddesk.strategy.exchange;
