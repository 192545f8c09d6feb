package dev.trenddesk.command.history;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.trading.ImportedHistoryCommands.ImportLegacyTrades;
import dev.trenddesk.api.trading.ImportedHistoryCommands.ImportOutcome;
import dev.trenddesk.api.trading.ImportedHistoryCommands.LegacyTrade;
import dev.trenddesk.api.trading.ImportedHistoryEvent.LegacyImportCompleted;
import dev.trenddesk.api.trading.ImportedHistoryEvent.LegacyTradeImported;
import dev.trenddesk.api.trading.ImportedHistoryId;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A trader's closed trades brought in from the single-user bot, one aggregate per trader (ADR 0030), created
 * by the first import. It decides what an import adds: every row is checked before anything is applied (one bad
 * row and nothing is imported), and a row whose content key it has seen before is left out, so running the same
 * file again, or a longer version of it, never imports a trade twice.
 */
@Aggregate
public class ImportedHistory implements AggregateView {

    /** The most trades one import may carry (a single-user bot's years of history fit easily). */
    public static final int MAX_TRADES = 100_000;

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}$");
    private static final int MAX_SOURCE_NAME = 255;

    @AggregateIdentifier
    private ImportedHistoryId id;

    private final Set<String> rowKeys = new HashSet<>();
    private int imports;
    private Instant lastImportAt;

    /** What time travel shows: how many trades and imports, not the trades (they are the events). */
    public record View(String historyId, int trades, int imports, Instant lastImportAt) {}

    protected ImportedHistory() {
        // for Axon
    }

    @Override
    public View view() {
        return new View(id == null ? null : id.toString(), rowKeys.size(), imports, lastImportAt);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ImportOutcome handle(ImportLegacyTrades command, UserDirectory directory) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.userId() == null || !ImportedHistoryId.of(command.userId()).equals(command.historyId())) {
            violations.add(new FieldViolation("userId", "does not match the imported history id"));
        }
        if (command.sourceSha256() == null
                || !SHA256.matcher(command.sourceSha256()).matches()) {
            violations.add(new FieldViolation("sourceSha256", "must be 64 lower-case hex digits"));
        }
        if (command.sourceName() == null
                || command.sourceName().isBlank()
                || command.sourceName().length() > MAX_SOURCE_NAME) {
            violations.add(
                    new FieldViolation("sourceName", "is required (at most " + MAX_SOURCE_NAME + " characters)"));
        }
        if (command.at() == null) {
            violations.add(new FieldViolation("at", "is required"));
        }
        if (command.trades().size() > MAX_TRADES) {
            violations.add(new FieldViolation("trades", "at most " + MAX_TRADES + " in one import"));
        }
        Set<String> keysInCommand = new HashSet<>();
        for (LegacyTrade trade : command.trades()) {
            check(trade, keysInCommand, violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Role role = directory.roleOf(command.userId()).orElse(null);
        if (role != Role.TRADER) {
            throw new InvalidInputException(
                    "owner", "must be a trader account (" + (role == null ? "no such user" : "a " + role) + ")");
        }
        int imported = 0;
        int already = 0;
        for (LegacyTrade trade : command.trades()) {
            if (rowKeys.contains(trade.rowKey())) {
                already++;
                continue;
            }
            apply(new LegacyTradeImported(
                    command.historyId(),
                    command.userId(),
                    command.sourceSha256(),
                    trade.row(),
                    trade.rowKey(),
                    trade.symbol(),
                    trade.side(),
                    trade.quantity(),
                    trade.entryPrice(),
                    trade.exitPrice(),
                    trade.realisedPnl(),
                    trade.fees(),
                    trade.openedAt(),
                    trade.closedAt(),
                    command.at()));
            imported++;
        }
        apply(new LegacyImportCompleted(
                command.historyId(),
                command.userId(),
                command.sourceSha256(),
                command.sourceName(),
                imported,
                already,
                command.at()));
        return new ImportOutcome(imported, already);
    }

    private static void check(LegacyTrade trade, Set<String> keys, List<FieldViolation> violations) {
        String at = "trades[row " + trade.row() + "].";
        if (trade.row() < 1) {
            violations.add(new FieldViolation(at + "row", "must be 1 or more"));
        }
        if (trade.rowKey() == null || !SHA256.matcher(trade.rowKey()).matches()) {
            violations.add(new FieldViolation(at + "rowKey", "must be 64 lower-case hex digits"));
        } else if (!keys.add(trade.rowKey())) {
            violations.add(new FieldViolation(at + "rowKey", "appears twice in this import"));
        }
        if (trade.symbol() == null || !SYMBOL.matcher(trade.symbol()).matches()) {
            violations.add(new FieldViolation(at + "symbol", "must look like BTC-USDT"));
        }
        if (trade.side() == null) {
            violations.add(new FieldViolation(at + "side", "is required: LONG or SHORT"));
        }
        positive(trade.quantity(), at + "quantity", violations);
        positive(trade.entryPrice(), at + "entryPrice", violations);
        positive(trade.exitPrice(), at + "exitPrice", violations);
        if (trade.realisedPnl() == null) {
            violations.add(new FieldViolation(at + "realisedPnl", "is required"));
        }
        if (trade.fees() == null || trade.fees().signum() < 0) {
            violations.add(new FieldViolation(at + "fees", "is required and not negative"));
        }
        if (trade.closedAt() == null) {
            violations.add(new FieldViolation(at + "closedAt", "is required"));
        } else if (trade.openedAt() != null && trade.closedAt().isBefore(trade.openedAt())) {
            violations.add(new FieldViolation(at + "closedAt", "is before openedAt"));
        }
    }

    private static void positive(BigDecimal value, String field, List<FieldViolation> violations) {
        if (value == null || value.signum() <= 0) {
            violations.add(new FieldViolation(field, "must be more than 0"));
        }
    }

    @EventSourcingHandler
    void on(LegacyTradeImported event) {
        id = event.historyId();
        rowKeys.add(event.rowKey());
    }

    @EventSourcingHandler
    void on(LegacyImportCompleted event) {
        id = event.historyId();
        imports++;
        lastImportAt = event.at();
    }
}
