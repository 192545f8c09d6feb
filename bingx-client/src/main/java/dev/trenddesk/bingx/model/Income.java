package dev.trenddesk.bingx.model;

import java.math.BigDecimal;
import java.time.Instant;

/** One ledger entry: {@code incomeType} is REALIZED_PNL, FUNDING_FEE, TRADING_FEE, ... */
public record Income(
        String symbol,
        String incomeType,
        BigDecimal income,
        String asset,
        String info,
        Instant time,
        String tranId,
        String tradeId) {}
