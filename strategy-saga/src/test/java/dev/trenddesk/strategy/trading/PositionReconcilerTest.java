package dev.trenddesk.strategy.trading;

import static dev.trenddesk.strategy.trading.TradingFixtures.SID;
import static dev.trenddesk.strategy.trading.TradingFixtures.UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionReconciled;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.Position;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.strategy.exchange.bingx.BingxConnection;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

/** What the reconciler records when BingX no longer has a position, and that it records nothing when BingX still has it. */
class PositionReconcilerTest {

    private static final Instant OPENED = Instant.parse("2026-11-28T10:00:00Z");
    private static final PositionReconciler.Held HELD = new PositionReconciler.Held(
            "ETH-USDT", Direction.LONG, ExchangePositionSide.LONG, new BigDecimal("2"), new BigDecimal("2000"), OPENED);

    private BingxClient client;
    private CommandGateway commands;
    private PositionReconciler reconciler;

    @BeforeEach
    void setUp() {
        DefaultExchangeAccess access = mock(DefaultExchangeAccess.class);
        client = mock(BingxClient.class);
        commands = mock(CommandGateway.class);
        when(access.client(UID)).thenReturn(new BingxConnection(client));
        when(access.exchangeName()).thenReturn("BingX");
        when(client.positions("ETH-USDT")).thenReturn(Mono.just(List.of()));
        when(client.income(eq("ETH-USDT"), isNull(), any(), isNull())).thenReturn(Mono.just(List.of()));
        reconciler = new PositionReconciler(access, commands, new MarketClock(Clock.systemUTC()));
    }

    private RecordPositionReconciled recorded() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(commands).sendAndWait(sent.capture());
        return (RecordPositionReconciled) sent.getValue().getPayload();
    }

    @Test
    void usesThePnlBingxBookedSinceThePositionWasOpened() {
        when(client.income(eq("ETH-USDT"), isNull(), any(), isNull()))
                .thenReturn(Mono.just(List.of(
                        new Income(
                                "ETH-USDT",
                                "REALIZED_PNL",
                                new BigDecimal("-50"),
                                "USDT",
                                "",
                                OPENED.plusSeconds(60),
                                "1",
                                "1"),
                        new Income(
                                "ETH-USDT",
                                "TRADING_FEE",
                                new BigDecimal("-1.6"),
                                "USDT",
                                "",
                                OPENED.plusSeconds(60),
                                "2",
                                "1"),
                        new Income(
                                "ETH-USDT",
                                "REALIZED_PNL",
                                new BigDecimal("-999"),
                                "USDT",
                                "",
                                OPENED.minusSeconds(3600),
                                "0",
                                "0"))));

        assertThat(reconciler.reconcile(SID, UID, HELD, new BigDecimal("2100"), "BingX answered 80014"))
                .isEqualTo(PositionReconciler.Outcome.RECONCILED);

        RecordPositionReconciled command = recorded();
        assertThat(command.pnlSource()).isEqualTo("EXCHANGE_INCOME");
        assertThat(command.realisedPnl()).isEqualByComparingTo("-50");
        assertThat(command.exitPrice()).isEqualByComparingTo("1975");
        assertThat(command.detail()).startsWith("BingX answered 80014").contains("with the PnL BingX booked");
    }

    @Test
    void withoutABookedPnlTheLastPriceThenTheEntryPrice() {
        assertThat(reconciler.reconcile(SID, UID, HELD, new BigDecimal("2100"), "gone"))
                .isEqualTo(PositionReconciler.Outcome.RECONCILED);
        RecordPositionReconciled atLast = recorded();
        assertThat(atLast.pnlSource()).isEqualTo("LAST_PRICE");
        assertThat(atLast.exitPrice()).isEqualByComparingTo("2100");
        assertThat(atLast.realisedPnl()).isNull();

        setUp();
        assertThat(reconciler.reconcile(SID, UID, HELD, null, "gone")).isEqualTo(PositionReconciler.Outcome.RECONCILED);
        RecordPositionReconciled atEntry = recorded();
        assertThat(atEntry.pnlSource()).isEqualTo("ENTRY_PRICE");
        assertThat(atEntry.exitPrice()).isEqualByComparingTo("2000");
    }

    @Test
    void aPositionBingxStillHoldsIsLeftAlone() {
        when(client.positions("ETH-USDT"))
                .thenReturn(Mono.just(List.of(new Position(
                        "1",
                        "ETH-USDT",
                        PositionSide.LONG,
                        false,
                        new BigDecimal("2"),
                        new BigDecimal("2"),
                        new BigDecimal("2000"),
                        BigDecimal.TEN,
                        5,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        null,
                        new BigDecimal("2000")))));

        assertThat(reconciler.reconcile(SID, UID, HELD, new BigDecimal("2100"), "80014"))
                .isEqualTo(PositionReconciler.Outcome.STILL_OPEN);
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void anUnreachableExchangeChangesNothing() {
        when(client.positions("ETH-USDT")).thenReturn(Mono.error(new IllegalStateException("connection refused")));

        assertThat(reconciler.reconcile(SID, UID, HELD, null, "80014"))
                .isEqualTo(PositionReconciler.Outcome.UNAVAILABLE);
        verify(commands, never()).sendAndWait(any());
    }
}
