package dev.trenddesk.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.api.user.UserEvent.TradingPermissionGranted;
import dev.trenddesk.api.user.UserEvent.TradingSettingsUpdated;
import dev.trenddesk.api.user.UserEvent.UserRegistered;
import dev.trenddesk.command.AggregateView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Time travel replays the aggregates' own event sourcing handlers up to a moment and shows their views.
 * The first two tests are the answers time travel gave when it folded events by hand (same numbers).
 */
class TimeTravelTest {

    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000aa");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000001");
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /** A session's state as of a moment shows the settings it traded on then. */
    @Test
    void aSessionsStateShowsTheSettingsItRanWithAtThatMoment() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        TradingSettings start = TradingSettings.defaults();
        TradingSettings lower = new TradingSettings(
                start.maxPositions(),
                new BigDecimal("1.0"),
                start.dailyLossLimitPct(),
                start.maxDrawdownPct(),
                start.leverage(),
                start.positionMode(),
                start.adxThreshold(),
                start.timeframe(),
                start.signalConfidence(),
                start.stopAtr(),
                start.takeProfitR(),
                start.symbols(),
                start.strategy(),
                start.emaFast(),
                start.emaSlow());
        store.publish(
                event(
                        0,
                        new TradingSessionStarted(SID, UID, start, new BigDecimal("10000"), T0, ExchangeName.BINGX),
                        T0),
                event(1, new TradingSessionSettingsChanged(SID, UID, lower, T0.plusSeconds(600)), T0.plusSeconds(600)));
        TimeTravel travel = new TimeTravel(store, TimeTravelQueries.aggregateClasses());
        try {
            assertThat(risk(travel.asOf(SID.toString(), T0.plusSeconds(60)).orElseThrow()))
                    .isEqualByComparingTo("2.0");
            AggregateHistory after =
                    travel.asOf(SID.toString(), T0.plusSeconds(700)).orElseThrow();
            assertThat(risk(after)).isEqualByComparingTo("1.0");
            assertThat(new ObjectMapper()
                            .readTree(after.state())
                            .get("lastEvent")
                            .asText())
                    .isEqualTo("TradingSessionSettingsChanged");
            assertThat(new ObjectMapper()
                            .readTree(after.state())
                            .get("exchange")
                            .asText())
                    .as("the exchange its start recorded")
                    .isEqualTo("BINGX");
        } finally {
            store.shutDown();
        }
    }

    /** A position reduced at the exchange stays open with the rest; the reduced part counts as a trade. */
    @Test
    void aReducedPositionStaysOpenWithTheRemainingQuantity() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        store.publish(
                event(
                        0,
                        new TradingSessionStarted(
                                SID, UID, TradingSettings.defaults(), new BigDecimal("10000"), T0, ExchangeName.BINGX),
                        T0),
                event(
                        1,
                        new PositionOpened(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                ExchangePositionSide.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                null,
                                null,
                                "td1",
                                new BigDecimal("1.20"),
                                T0.plusSeconds(60)),
                        T0.plusSeconds(60)),
                event(
                        2,
                        new PositionReduced(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                ExchangePositionSide.LONG,
                                new BigDecimal("0.75"),
                                new BigDecimal("0.75"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1610.00"),
                                new BigDecimal("7.50"),
                                new BigDecimal("0.60"),
                                ExitReason.MANUAL,
                                "201",
                                T0.plusSeconds(120)),
                        T0.plusSeconds(120)));
        TimeTravel travel = new TimeTravel(store, TimeTravelQueries.aggregateClasses());
        try {
            JsonNode state = new ObjectMapper()
                    .readTree(travel.asOf(SID.toString(), T0.plusSeconds(180))
                            .orElseThrow()
                            .state());
            assertThat(state.get("openPositions")
                            .get("ETH-USDT:LONG")
                            .get("quantity")
                            .decimalValue())
                    .isEqualByComparingTo("0.75");
            assertThat(state.get("openPositions")
                            .get("ETH-USDT:LONG")
                            .get("entryPrice")
                            .decimalValue())
                    .isEqualByComparingTo("1600.00");
            assertThat(state.get("trades").asInt()).isEqualTo(1);
            assertThat(state.get("netPnl").decimalValue()).isEqualByComparingTo("6.90");
        } finally {
            store.shutDown();
        }
    }

    /** A UserAccount is replayed by its own handlers: role, permission and settings as they were then. */
    @Test
    void aUserAccountIsItsOwnStateAsOfTheMoment() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        TradingSettings start = TradingSettings.defaults();
        TradingSettings fewer = new TradingSettings(
                1,
                start.riskPerTradePct(),
                start.dailyLossLimitPct(),
                start.maxDrawdownPct(),
                start.leverage(),
                start.positionMode(),
                start.adxThreshold(),
                start.timeframe(),
                start.signalConfidence(),
                start.stopAtr(),
                start.takeProfitR(),
                start.symbols(),
                start.strategy(),
                start.emaFast(),
                start.emaSlow());
        store.publish(
                event(
                        "UserAccount",
                        UID.toString(),
                        0,
                        new UserRegistered(UID, "alice", "alice@example.com", Role.TRADER, start, T0),
                        T0),
                event(
                        "UserAccount",
                        UID.toString(),
                        1,
                        new TradingPermissionGranted(UID, T0.plusSeconds(60)),
                        T0.plusSeconds(60)),
                event(
                        "UserAccount",
                        UID.toString(),
                        2,
                        new TradingSettingsUpdated(UID, fewer, T0.plusSeconds(120)),
                        T0.plusSeconds(120)));
        TimeTravel travel = new TimeTravel(store, TimeTravelQueries.aggregateClasses());
        try {
            AggregateHistory before =
                    travel.asOf(UID.toString(), T0.plusSeconds(30)).orElseThrow();
            JsonNode then = new ObjectMapper().readTree(before.state());
            assertThat(before.aggregateType()).isEqualTo("UserAccount");
            assertThat(before.version()).isZero();
            assertThat(then.get("username").asText()).isEqualTo("alice");
            assertThat(then.get("role").asText()).isEqualTo("TRADER");
            assertThat(then.get("tradingEnabled").asBoolean()).isFalse();
            assertThat(then.get("settings").get("maxPositions").asInt()).isEqualTo(start.maxPositions());
            assertThat(then.get("lastEvent").asText()).isEqualTo("UserRegistered");

            JsonNode now = new ObjectMapper()
                    .readTree(travel.asOf(UID.toString(), T0.plusSeconds(600))
                            .orElseThrow()
                            .state());
            assertThat(now.get("tradingEnabled").asBoolean()).isTrue();
            assertThat(now.get("settings").get("maxPositions").asInt()).isEqualTo(1);
            assertThat(now.get("lastEventAt").asText())
                    .isEqualTo(T0.plusSeconds(120).toString());

            AggregateHistory earlier =
                    travel.asOf(UID.toString(), T0.minusSeconds(1)).orElseThrow();
            assertThat(earlier.version()).isEqualTo(-1);
            assertThat(earlier.state()).isEqualTo("{}");
            assertThat(travel.asOf(SID.toString(), T0)).isEmpty();
        } finally {
            store.shutDown();
        }
    }

    /** ExchangeCredentials shows its masked key and status; the ciphertexts of its events never appear. */
    @Test
    void credentialsShowTheirMaskedKeyAndNeverACiphertext() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        CredentialsId cid = CredentialsId.of(UID);
        store.publish(
                event(
                        "ExchangeCredentials",
                        cid.toString(),
                        0,
                        new CredentialsConnected(
                                cid,
                                UID,
                                "****WXYZ",
                                "v1:api-ciphertext",
                                "v1:secret-ciphertext",
                                "a1",
                                false,
                                T0,
                                null,
                                ExchangeName.BINGX),
                        T0),
                event(
                        "ExchangeCredentials",
                        cid.toString(),
                        1,
                        new CredentialsVerified(
                                cid,
                                UID,
                                "a1",
                                "PERPETUAL",
                                "USDT",
                                new BigDecimal("100"),
                                null,
                                null,
                                T0.plusSeconds(5),
                                false,
                                List.of(),
                                null),
                        T0.plusSeconds(5)));
        TimeTravel travel = new TimeTravel(store, TimeTravelQueries.aggregateClasses());
        try {
            AggregateHistory history =
                    travel.asOf(cid.toString(), T0.plusSeconds(10)).orElseThrow();
            JsonNode state = new ObjectMapper().readTree(history.state());
            assertThat(state.get("status").asText()).isEqualTo("VERIFIED");
            assertThat(state.get("maskedApiKey").asText()).isEqualTo("****WXYZ");
            assertThat(state.get("exchange").asText()).isEqualTo("BINGX");
            assertThat(history.state()).doesNotContain("ciphertext");
        } finally {
            store.shutDown();
        }
    }

    /**
     * The same events, the same TimeTravel: an aggregate that gained a state change (Wallet v2 handles
     * withdrawals) shows it, with nothing in time travel changed for it.
     */
    @Test
    void aStateChangeAddedToAnAggregateIsSeenWithNoChangeToTimeTravel() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        store.publish(
                event("Wallet", "w1", 0, new WalletOpened("w1"), T0),
                event("Wallet", "w1", 1, new Deposited(new BigDecimal("10")), T0.plusSeconds(1)),
                event("Wallet", "w1", 2, new Withdrawn(new BigDecimal("3")), T0.plusSeconds(2)));
        try {
            JsonNode before = new ObjectMapper()
                    .readTree(new TimeTravel(store, List.of(V1.Wallet.class))
                            .asOf("w1", T0.plusSeconds(5))
                            .orElseThrow()
                            .state());
            JsonNode after = new ObjectMapper()
                    .readTree(new TimeTravel(store, List.of(V2.Wallet.class))
                            .asOf("w1", T0.plusSeconds(5))
                            .orElseThrow()
                            .state());
            assertThat(before.get("balance").decimalValue()).isEqualByComparingTo("10");
            assertThat(after.get("balance").decimalValue()).isEqualByComparingTo("7");
            assertThat(after.get("lastEvent").asText()).isEqualTo("Withdrawn");
        } finally {
            store.shutDown();
        }
    }

    record WalletOpened(String walletId) {}

    record Deposited(BigDecimal amount) {}

    record Withdrawn(BigDecimal amount) {}

    record WalletView(String walletId, BigDecimal balance) {}

    /** A wallet that knows deposits only. */
    static final class V1 {
        static class Wallet implements AggregateView {
            @AggregateIdentifier
            String walletId;

            BigDecimal balance;

            Wallet() {}

            @EventSourcingHandler
            void on(WalletOpened event) {
                walletId = event.walletId();
                balance = BigDecimal.ZERO;
            }

            @EventSourcingHandler
            void on(Deposited event) {
                balance = balance.add(event.amount());
            }

            @Override
            public Object view() {
                return new WalletView(walletId, balance);
            }
        }
    }

    /** The same wallet with one state change added: a withdrawal lowers the balance. */
    static final class V2 {
        static class Wallet implements AggregateView {
            @AggregateIdentifier
            String walletId;

            BigDecimal balance;

            Wallet() {}

            @EventSourcingHandler
            void on(WalletOpened event) {
                walletId = event.walletId();
                balance = BigDecimal.ZERO;
            }

            @EventSourcingHandler
            void on(Deposited event) {
                balance = balance.add(event.amount());
            }

            @EventSourcingHandler
            void on(Withdrawn event) {
                balance = balance.subtract(event.amount());
            }

            @Override
            public Object view() {
                return new WalletView(walletId, balance);
            }
        }
    }

    private static GenericDomainEventMessage<Object> event(long sequence, Object payload, Instant at) {
        return event("TradingSession", SID.toString(), sequence, payload, at);
    }

    private static GenericDomainEventMessage<Object> event(
            String type, String id, long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>(
                type,
                id,
                sequence,
                payload,
                MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(),
                at);
    }

    private static BigDecimal risk(AggregateHistory history) throws Exception {
        JsonNode state = new ObjectMapper().readTree(history.state());
        return state.get("settings").get("riskPerTradePct").decimalValue();
    }
}
