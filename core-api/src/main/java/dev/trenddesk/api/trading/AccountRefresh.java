package dev.trenddesk.api.trading;

import java.time.Instant;

/**
 * What a {@link TradingQueries.RefreshAccountBalance} did.
 *
 * @param outcome    what happened
 * @param observedAt when the newest recorded reading of the balance was taken (the read model shows
 *                   it once its projection has caught up), null when none was ever recorded
 */
public record AccountRefresh(Outcome outcome, Instant observedAt) {

    public enum Outcome {
        /** BingX was asked now and the balance had changed: a new reading is recorded. */
        RECORDED,
        /** BingX was asked now; the balance is the one last recorded. */
        UNCHANGED,
        /** The last reading is recent enough; BingX was not asked. */
        FRESH,
        /** A bot runs: it records the balance with every decision. */
        BOT_RUNNING,
        /** No verified key. */
        NO_CREDENTIALS,
        /** BingX could not be asked now; the card keeps the last reading. */
        UNAVAILABLE
    }
}
