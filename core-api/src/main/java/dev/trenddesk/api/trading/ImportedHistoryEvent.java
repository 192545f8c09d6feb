package dev.trenddesk.api.trading;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What happened to a trader's imported history: closed trades of the single-user bot brought into TrendDesk by
 * {@code import-legacy} (ADR 0030). Who ran the import is in the metadata (actorId {@code system:import-legacy}).
 */
public sealed interface ImportedHistoryEvent {

    ImportedHistoryId historyId();

    UserId userId();

    Instant at();

    /**
     * One closed trade of the legacy bot, now in the trader's trade history, marked imported. Its net result is
     * {@code realisedPnl − fees}.
     *
     * @param sourceSha256 the SHA-256 of the file it was read from
     * @param row          its row number in that file's trades table (1 = first row)
     * @param rowKey       the SHA-256 of its content (see {@link ImportedHistoryCommands.LegacyTrade})
     * @param openedAt     when the position was opened; null when the legacy bot did not record it
     * @param closedAt     when the position was closed
     * @param at           when it was imported
     */
    @Revision("1")
    record LegacyTradeImported(
            ImportedHistoryId historyId,
            UserId userId,
            String sourceSha256,
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
            Instant closedAt,
            Instant at)
            implements ImportedHistoryEvent {}

    /**
     * An import run ended: how many trades it imported and how many of the file's trades had been imported before.
     *
     * @param sourceName the file's name, without its directory
     */
    @Revision("1")
    record LegacyImportCompleted(
            ImportedHistoryId historyId,
            UserId userId,
            String sourceSha256,
            String sourceName,
            int imported,
            int alreadyImported,
            Instant at)
            implements ImportedHistoryEvent {}
}
