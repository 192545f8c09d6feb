package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.strategy.decision.ContractRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the trading saga reads from and sets on a trader's exchange account, with the trader's verified
 * credentials. Blocking calls with bounded timeouts (saga handlers are synchronous); every failure
 * is an {@link ExchangeUnavailable} carrying the exchange's code and a readable message.
 */
public interface ExchangeAccess {

    /**
     * The USDT equity and free margin for a decision on the candle that closed at {@code candleClose}, fresh in
     * market time: read from the exchange at most once per user and candle close (every symbol deciding on that close
     * shares the read), unless a fill forgot it since. A balance read for an earlier close is never used, however
     * little wall-clock time has passed (an accelerated market closes many candles a minute).
     *
     * @param timeframe the length of the candles the decision is on: the users who asked for the previous close
     *                  of the same length are expected to ask for this one too (an implementation may read their
     *                  balances ahead, together, once the first of them asks)
     */
    ExchangeBalance balance(UserId userId, Instant candleClose, Duration timeframe);

    /**
     * The user's decisions on candles of {@code timeframe} ask for balances from the next close on (a session
     * started): an implementation that reads balances ahead may count the user in from that close, not only from
     * the one after their first request.
     */
    default void expectBalanceRequests(UserId userId, Duration timeframe) {}

    /**
     * The USDT equity and free margin read from the exchange now. Remembered for {@link #balance} for the candle close the
     * last remembered balance served (a later read is as fresh for it), not for a later close.
     */
    ExchangeBalance readBalance(UserId userId);

    /** Forgets the remembered balance (after a fill changed it): the next {@link #balance} reads the exchange. */
    void forgetBalance(UserId userId);

    /** The contract rules of a symbol (cached for the whole platform). */
    ContractRules rules(String symbol);

    /**
     * Sets the position mode and the leverage of every symbol, before the first order.
     *
     * @return what the account is in now and what happened
     */
    Preparation prepare(UserId userId, PositionMode mode, int leverage, List<String> symbols);

    /**
     * The outcome of {@link #prepare}.
     *
     * @param effectiveMode the mode the account is in (the old one when the exchange refused the switch: positions or orders open)
     * @param note          readable outcome
     */
    record Preparation(PositionMode effectiveMode, String note) {}

    /** A read or a setting could not be done now. */
    final class ExchangeUnavailable extends RuntimeException {
        private final int code;
        private final boolean noCredentials;

        public ExchangeUnavailable(int code, String message, Throwable cause) {
            this(code, message, cause, false);
        }

        private ExchangeUnavailable(int code, String message, Throwable cause, boolean noCredentials) {
            super(message, cause);
            this.code = code;
            this.noCredentials = noCredentials;
        }

        /** The user has no verified credentials (nothing was asked of the exchange). */
        public static ExchangeUnavailable noCredentials(String exchangeName) {
            return new ExchangeUnavailable(0, "no verified " + exchangeName + " credentials", null, true);
        }

        public boolean isNoCredentials() {
            return noCredentials;
        }

        /** The exchange's code, 0 when there is none (no credentials, network): for people, not decisions. */
        public int code() {
            return code;
        }
    }
}
