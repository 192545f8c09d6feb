package dev.trenddesk.command.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ImportedHistoryCommands.ImportLegacyTrades;
import dev.trenddesk.api.trading.ImportedHistoryCommands.ImportOutcome;
import dev.trenddesk.api.trading.ImportedHistoryCommands.LegacyTrade;
import dev.trenddesk.api.trading.ImportedHistoryEvent.LegacyImportCompleted;
import dev.trenddesk.api.trading.ImportedHistoryEvent.LegacyTradeImported;
import dev.trenddesk.api.trading.ImportedHistoryId;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImportedHistoryTest {

    private static final UserId TRADER = UserId.random();
    private static final UserId ADMIN = UserId.random();
    private static final ImportedHistoryId HISTORY = ImportedHistoryId.of(TRADER);
    private static final String SHA = "a".repeat(64);
    private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");

    private AggregateTestFixture<ImportedHistory> fixture;

    @BeforeEach
    void setUp() {
        UserDirectory directory = mock(UserDirectory.class);
        when(directory.roleOf(TRADER)).thenReturn(Optional.of(Role.TRADER));
        when(directory.roleOf(ADMIN)).thenReturn(Optional.of(Role.ADMIN));
        fixture = new AggregateTestFixture<>(ImportedHistory.class);
        fixture.registerInjectableResource(directory);
    }

    private static LegacyTrade trade(int row, char key) {
        return new LegacyTrade(
                row,
                String.valueOf(key).repeat(64),
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("2301.10"),
                new BigDecimal("2340.60"),
                new BigDecimal("19.75"),
                new BigDecimal("1.2"),
                Instant.parse("2024-03-01T10:00:00Z"),
                Instant.parse("2024-03-01T14:05:00Z"));
    }

    private static LegacyTradeImported imported(LegacyTrade t) {
        return new LegacyTradeImported(
                HISTORY,
                TRADER,
                SHA,
                t.row(),
                t.rowKey(),
                t.symbol(),
                t.side(),
                t.quantity(),
                t.entryPrice(),
                t.exitPrice(),
                t.realisedPnl(),
                t.fees(),
                t.openedAt(),
                t.closedAt(),
                AT);
    }

    @Test
    void theFirstImportCreatesTheHistoryWithEveryTrade() {
        fixture.givenNoPriorActivity()
                .when(new ImportLegacyTrades(HISTORY, TRADER, SHA, "bot.db", List.of(trade(1, 'b'), trade(2, 'c')), AT))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new ImportOutcome(2, 0))
                .expectEvents(
                        imported(trade(1, 'b')),
                        imported(trade(2, 'c')),
                        new LegacyImportCompleted(HISTORY, TRADER, SHA, "bot.db", 2, 0, AT));
    }

    @Test
    void aTradeImportedBeforeIsLeftOutEvenFromAnotherFileOrRow() {
        String other = "f".repeat(64);
        fixture.given(imported(trade(1, 'b')), new LegacyImportCompleted(HISTORY, TRADER, SHA, "bot.db", 1, 0, AT))
                .when(new ImportLegacyTrades(
                        HISTORY, TRADER, other, "bot-v2.db", List.of(trade(1, 'd'), trade(2, 'b')), AT))
                .expectResultMessagePayload(new ImportOutcome(1, 1))
                .expectEvents(
                        new LegacyTradeImported(
                                HISTORY,
                                TRADER,
                                other,
                                1,
                                "d".repeat(64),
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("0.5"),
                                new BigDecimal("2301.10"),
                                new BigDecimal("2340.60"),
                                new BigDecimal("19.75"),
                                new BigDecimal("1.2"),
                                Instant.parse("2024-03-01T10:00:00Z"),
                                Instant.parse("2024-03-01T14:05:00Z"),
                                AT),
                        new LegacyImportCompleted(HISTORY, TRADER, other, "bot-v2.db", 1, 1, AT));
    }

    @Test
    void oneBadRowAndNothingIsImportedTheErrorNamesTheRow() {
        LegacyTrade good = trade(1, 'b');
        LegacyTrade exitBeforeEntry = new LegacyTrade(
                7,
                "c".repeat(64),
                "BTC-USDT",
                Direction.SHORT,
                BigDecimal.ONE,
                new BigDecimal("60000"),
                new BigDecimal("59000"),
                new BigDecimal("1000"),
                BigDecimal.ZERO,
                Instant.parse("2024-03-02T10:00:00Z"),
                Instant.parse("2024-03-02T09:00:00Z"));
        fixture.givenNoPriorActivity()
                .when(new ImportLegacyTrades(HISTORY, TRADER, SHA, "bot.db", List.of(good, exitBeforeEntry), AT))
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("trades[row 7].closedAt"));
    }

    @Test
    void onlyATraderAccountGetsAnImportedHistory() {
        ImportedHistoryId adminHistory = ImportedHistoryId.of(ADMIN);
        fixture.givenNoPriorActivity()
                .when(new ImportLegacyTrades(adminHistory, ADMIN, SHA, "bot.db", List.of(trade(1, 'b')), AT))
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("must be a trader account"));
    }

    @Test
    void theSameRowTwiceInOneImportIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ImportLegacyTrades(HISTORY, TRADER, SHA, "bot.db", List.of(trade(1, 'b'), trade(2, 'b')), AT))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
    }

    @Test
    void theViewCountsTradesAndImports() {
        fixture.given(
                        imported(trade(1, 'b')),
                        imported(trade(2, 'c')),
                        new LegacyImportCompleted(HISTORY, TRADER, SHA, "bot.db", 2, 0, AT))
                .when(new ImportLegacyTrades(HISTORY, TRADER, SHA, "bot.db", List.of(trade(1, 'b')), AT))
                .expectResultMessagePayload(new ImportOutcome(0, 1))
                .expectState(state -> assertThat(((ImportedHistory) state).view())
                        .isEqualTo(new ImportedHistory.View(HISTORY.toString(), 2, 2, AT)));
    }
}
