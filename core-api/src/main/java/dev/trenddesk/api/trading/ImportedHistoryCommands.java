package dev.trenddesk.api.trading;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the ImportedHistory aggregate: a trader's closed trades from the single-user bot (ADR 0030). */
public final class ImportedHistoryCommands {

    private ImportedHistoryCommands() {}

    /**
     * Imports closed trades read from a legacy SQLite file, all or none: every row is checked first, and a row
     * whose {@code rowKey} was imported before (from this file or an earlier version of it) is left out. Answers
     * an {@link ImportOutcome}.
     *
     * @param sourceSha256 the SHA-256 of the source file, 64 lower-case hex digits
     * @param sourceName   the file's name (without its directory), for the audit trail
     */
    public record ImportLegacyTrades(
            @TargetAggregateIdentifier ImportedHistoryId historyId,
            UserId userId,
            String sourceSha256,
            String sourceName,
            List<LegacyTrade> trades,
            Instant at) {

        public ImportLegacyTrades {
            trades = trades == null ? List.of() : List.copyOf(trades);
        }
    }

    /**
     * One closed trade of the legacy bot.
     *
     * @param row         its row number in the source table (1 = first row)
     * @param rowKey      the SHA-256 (hex) of its content and its occurrence among equal rows: what makes a
     *                    second import of the same trade recognisable, whatever file or row it comes from
     * @param realisedPnl P&L of the price move, fees not included
     * @param fees        fees paid, positive (zero when the bot did not record them)
     * @param openedAt    when the position was opened; may be null (unknown)
     */
    public record LegacyTrade(
            int row,
            String rowKey,
            String symbol,
            Direction side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal exitPrice,
            BigDecimal realisedPnl,
            BigDecimal fees,
            Instant openedAt,
            Instant closedAt) {}

    /** What an import did: trades imported now and trades left out because they were imported before. */
    public record ImportOutcome(int imported, int alreadyImported) {}
}
