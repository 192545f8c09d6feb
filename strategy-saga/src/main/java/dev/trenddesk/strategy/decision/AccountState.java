package dev.trenddesk.strategy.decision;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The trader's account as the caller knows it when a candle closes, in USDT.
 *
 * @param equity           balance plus unrealised PnL
 * @param availableBalance margin still free for new positions
 * @param dayOpeningEquity equity at the start of the current UTC day
 * @param equityPeak       highest equity seen since the bot started
 */
public record AccountState(
        BigDecimal equity, BigDecimal availableBalance, BigDecimal dayOpeningEquity, BigDecimal equityPeak) {

    public AccountState {
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(availableBalance, "availableBalance");
        Objects.requireNonNull(dayOpeningEquity, "dayOpeningEquity");
        Objects.requireNonNull(equityPeak, "equityPeak");
    }
}
