package dev.trenddesk.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalGenerated;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.user.UserEvent.LoginFailed;
import dev.trenddesk.api.user.UserEvent.RoleChanged;
import dev.trenddesk.api.user.UserEvent.TradingSettingsUpdated;
import dev.trenddesk.api.user.UserEvent.UserRegistered;
import dev.trenddesk.gateway.config.AxonConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored events of every old revision still load. Each fixture under {@code src/test/resources/events/vN/}
 * is one stored event as the code of revision N wrote it ({@code v0}: before events had revisions, payload
 * revision null): its payload type, payload revision and payload JSON exactly as the storage serializer
 * wrote them. Each goes through {@link EventUpcasters#chain()} and the storage serializer, as the event
 * storage engine reads it.
 */
class StoredEventFixturesTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "events");

    static final Serializer SERIALIZER = AxonConfiguration.storageSerializer();

    /** Reads numbers as written (0.0150 stays 0.0150), so comparisons see every digit. */
    static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** One stored event: a checked-in fixture. */
    record Fixture(String name, String payloadType, String payloadRevision, JsonNode payload) {

        static Fixture read(String name) {
            try {
                JsonNode file = EXACT.readTree(Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8));
                JsonNode revision = file.get("payloadRevision");
                return new Fixture(
                        name,
                        file.get("payloadType").asText(),
                        revision == null || revision.isNull() ? null : revision.asText(),
                        file.get("payload"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The row as the event table holds it (payload and metadata as bytes). */
        DomainEventData<byte[]> row() {
            try {
                return new GenericDomainEventEntry<>(
                        "Fixture",
                        "fixture-aggregate",
                        0,
                        "fixture-" + name,
                        "2026-11-30T09:15:02.418Z",
                        payloadType,
                        payloadRevision,
                        EXACT.writeValueAsBytes(payload),
                        "{}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES, 2)) {
            return files
                    .filter(p -> p.getParent().getFileName().toString().matches("v[0-9]+"))
                    .filter(p -> p.toString().endsWith(".json"))
                    .map(p -> FIXTURES.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aStoredEventLoadsAtTheCurrentRevisionWithNothingLostOnTheWay(String name) throws Exception {
        Fixture fixture = Fixture.read(name);
        assertThat(name)
                .as("a fixture lies in the folder of its revision (v0: none)")
                .startsWith("v" + (fixture.payloadRevision() == null ? "0" : fixture.payloadRevision()) + "/");

        List<IntermediateEventRepresentation> upcast = EventUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(fixture.row(), SERIALIZER)))
                .toList();
        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation current = upcast.get(0);
        Class<?> type = SERIALIZER.classForType(current.getType());
        assertThat(EventCatalog.all()).as("an event class").contains(type);
        assertThat(current.getType().getRevision())
                .as("revision after upcasting")
                .isNotNull()
                .isEqualTo(EventCatalog.revision(type));

        Object event = load(fixture);
        assertThat(event).isInstanceOf(type);
        JsonNode upcastJson = EXACT.readTree(current.getData(byte[].class).getData());
        JsonNode written =
                EXACT.readTree(SERIALIZER.serialize(event, byte[].class).getData());
        assertThat(written)
                .as("the event written again equals its upcast JSON: no field dropped or unread")
                .isEqualTo(upcastJson);
        if (fixture.payloadType().equals(type.getName()) && "1".equals(EventCatalog.revision(type))) {
            assertThat(written)
                    .as("an event still at revision 1 reads back exactly as it was stored")
                    .isEqualTo(fixture.payload());
        }
    }

    @Test
    void everyRevisionAnEventWasStoredAtHasAFixture() throws IOException {
        Set<String> present = new TreeSet<>();
        for (String name : fixtures().toList()) {
            Fixture fixture = Fixture.read(name);
            present.add(fixture.payloadType() + "@" + fixture.payloadRevision());
        }
        SortedMap<String, EventShapeSnapshot.Entry> snapshot = EventShapeTest.read();
        Set<String> expected = new TreeSet<>();
        UnversionedToRevision1.STORED_WITHOUT_REVISION.forEach(type -> expected.add(type + "@null"));
        for (Class<?> type : EventCatalog.all()) {
            EventShapeSnapshot.Entry entry = snapshot.get(type.getName());
            if (entry != null) {
                entry.shapes().keySet().stream()
                        .filter(revision -> !revision.equals(EventCatalog.revision(type)))
                        .forEach(revision -> expected.add(type.getName() + "@" + revision));
            }
        }
        assertThat(present)
                .as("fixtures of every past revision (events/vN/<Event>.json)")
                .containsAll(expected);
    }

    @Test
    void theFrozenListOfUnversionedTypesNamesEventsThatExist() {
        Set<String> catalog = new TreeSet<>();
        EventCatalog.all().forEach(type -> catalog.add(type.getName()));
        assertThat(catalog).containsAll(UnversionedToRevision1.STORED_WITHOUT_REVISION);
    }

    @Test
    void aTradingSessionStartedWrittenBeforeRevisionsKeepsItsSettingsAndBalance() {
        TradingSessionStarted started = (TradingSessionStarted) load(Fixture.read("v0/TradingSessionStarted.json"));
        assertThat(started.sessionId()).hasToString("c4e9b7a2-1f3d-4a68-8b25-7d0e6c3f9a14");
        assertThat(started.userId()).hasToString("3f6c2a4e-8d1b-4c57-9e0a-2b7d5f1c9a63");
        assertThat(started.initialBalance()).isEqualTo(new BigDecimal("10250.37"));
        assertThat(started.settings().symbols()).containsExactly("BTC-USDT", "ETH-USDT");
        assertThat(started.settings().timeframe()).isEqualTo(Timeframe.M5);
        assertThat(started.settings().leverage()).isEqualTo(5);
        assertThat(started.settings().adxThreshold()).isEqualByComparingTo("25");
        assertThat(started.at()).isEqualTo(Instant.parse("2026-11-30T09:15:02.418Z"));
        assertThat(started.exchange()).isEqualTo(ExchangeName.BINGX);
    }

    @Test
    void aTradingSessionStartedOfRevision1TradedOnBingx() {
        TradingSessionStarted started = (TradingSessionStarted) load(Fixture.read("v1/TradingSessionStarted.json"));
        assertThat(started.exchange()).isEqualTo(ExchangeName.BINGX);
        assertThat(started.sessionId()).hasToString("e2b5f8c1-93a4-4d70-b6e2-5c1f0a8d7b39");
        assertThat(started.initialBalance()).isEqualTo(new BigDecimal("4800.05"));
        assertThat(started.settings().symbols()).containsExactly("SOL-USDT");
        assertThat(started.settings().timeframe()).isEqualTo(Timeframe.M15);
        assertThat(started.at()).isEqualTo(Instant.parse("2026-12-02T15:02:44.120Z"));
    }

    @Test
    void aCredentialsConnectedOfRevision1WasABingxKeyStagedOrNot() {
        CredentialsConnected staged = (CredentialsConnected) load(Fixture.read("v1/CredentialsConnected.json"));
        assertThat(staged.exchange()).isEqualTo(ExchangeName.BINGX);
        assertThat(staged.isStaged()).isTrue();
        assertThat(staged.maskedApiKey()).isEqualTo("****mZ3p");
        assertThat(staged.attemptId()).isEqualTo("c-51f0a9e3-7d2b-4c86-9e14-3a8b6d0f2c71");
    }

    @Test
    void aPositionClosedWrittenBeforeRevisionsKeepsItsResultAndFunding() {
        PositionClosed closed = (PositionClosed) load(Fixture.read("v0/PositionClosed.json"));
        assertThat(closed.side()).isEqualTo(Direction.LONG);
        assertThat(closed.quantity()).isEqualTo(new BigDecimal("0.0150"));
        assertThat(closed.exitPrice()).isEqualTo(new BigDecimal("64510.0"));
        assertThat(closed.reason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(closed.funding()).isEqualTo(new BigDecimal("-0.0321"));
        assertThat(closed.netPnl()).isEqualTo(new BigDecimal("2.8947"));
    }

    @Test
    void aPauseWrittenBeforeRevisionsKeepsItsReason() {
        TradingSessionPaused paused = (TradingSessionPaused) load(Fixture.read("v0/TradingSessionPaused.json"));
        assertThat(paused.reason()).isEqualTo(PauseReason.REJECTED_REPEATEDLY);
        assertThat(paused.detail()).isEqualTo("BingX reports 0.0200, the session holds 0.0150");
    }

    @Test
    void credentialsConnectedWrittenBeforeRevisionsKeepOnlyCiphertext() {
        CredentialsConnected connected = (CredentialsConnected) load(Fixture.read("v0/CredentialsConnected.json"));
        assertThat(connected.credentialsId()).hasToString("credentials-3f6c2a4e-8d1b-4c57-9e0a-2b7d5f1c9a63");
        assertThat(connected.maskedApiKey()).isEqualTo("****Q7xk");
        assertThat(connected.apiKeyCiphertext()).startsWith("v1:");
        assertThat(connected.replacedPrevious()).isTrue();
        assertThat(connected.isStaged()).isFalse();
        assertThat(connected.exchange()).isEqualTo(ExchangeName.BINGX);
    }

    @Test
    void aCandleWrittenBeforeRevisionsKeepsItsTimeframeAndIndicators() {
        CandleClosed candle = (CandleClosed) load(Fixture.read("v0/CandleClosed.json"));
        assertThat(candle.timeframe()).isEqualTo(Timeframe.M3);
        assertThat(candle.candleKey()).isEqualTo("BTC-USDT@3m@2026-11-30T09:10:00Z");
        assertThat(candle.atr()).isEqualTo(new BigDecimal("182.3300"));
        assertThat(candle.previousAdx()).isEqualTo(new BigDecimal("31.4521"));
        assertThat(candle.live()).isTrue();
    }

    @Test
    void aCandleOfRevision1KeepsItsIndicatorsInTheMapAndLeavesOutTheUndefinedOnes() {
        CandleClosed candle = (CandleClosed) load(Fixture.read("v1/CandleClosed.json"));
        assertThat(candle.indicators()).containsOnlyKeys("plusDi", "minusDi", "atr");
        assertThat(candle.indicator("plusDi")).isEqualTo(new BigDecimal("24.10938117"));
        assertThat(candle.atr()).isEqualTo(new BigDecimal("9.87414502"));
        assertThat(candle.adx()).isNull();
        assertThat(candle.previousAdx()).isNull();
        assertThat(candle.live()).isFalse();
        CandleClosed older = (CandleClosed) load(Fixture.read("v0/CandleClosed.json"));
        assertThat(older.indicators()).containsOnlyKeys("adx", "plusDi", "minusDi", "atr", "adxPrev");
        assertThat(older.indicator("adxPrev")).isEqualTo(new BigDecimal("31.4521"));
    }

    @Test
    void aSignalOfRevision1KeepsTheAdxValuesInTheMap() {
        SignalGenerated signal = (SignalGenerated) load(Fixture.read("v1/SignalGenerated.json"));
        assertThat(signal.indicators()).containsOnlyKeys("adx", "plusDi", "minusDi", "atr");
        assertThat(signal.adx()).isEqualTo(new BigDecimal("33.01457720"));
        assertThat(signal.minusDi()).isEqualTo(new BigDecimal("29.70415532"));
        assertThat(signal.confidence()).isEqualTo(new BigDecimal("81.25"));
        assertThat(signal.side()).isEqualTo(Direction.SHORT);
        SignalGenerated older = (SignalGenerated) load(Fixture.read("v0/SignalGenerated.json"));
        assertThat(older.atr()).isEqualTo(new BigDecimal("182.3300"));
    }

    @Test
    void settingsStoredBeforeStrategiesTradeAdxWithTheDefaultEmaPeriods() {
        List<TradingSettings> stored = List.of(
                ((UserRegistered) load(Fixture.read("v0/UserRegistered.json"))).settings(),
                ((UserRegistered) load(Fixture.read("v1/UserRegistered.json"))).settings(),
                ((TradingSettingsUpdated) load(Fixture.read("v1/TradingSettingsUpdated.json"))).settings(),
                ((TradingSessionSettingsChanged) load(Fixture.read("v1/TradingSessionSettingsChanged.json")))
                        .settings(),
                ((TradingSessionStarted) load(Fixture.read("v0/TradingSessionStarted.json"))).settings(),
                ((TradingSessionStarted) load(Fixture.read("v1/TradingSessionStarted.json"))).settings(),
                ((TradingSessionStarted) load(Fixture.read("v2/TradingSessionStarted.json"))).settings());
        for (TradingSettings settings : stored) {
            assertThat(settings.strategy()).isEqualTo(StrategyId.ADX_TREND);
            assertThat(settings.emaFast()).isEqualTo(9);
            assertThat(settings.emaSlow()).isEqualTo(21);
            assertThat(settings.violations()).isEmpty();
        }
        TradingSessionStarted started = (TradingSessionStarted) load(Fixture.read("v2/TradingSessionStarted.json"));
        assertThat(started.exchange()).isEqualTo(ExchangeName.BINGX);
        assertThat(started.settings().adxThreshold()).isEqualTo(new BigDecimal("22"));
        assertThat(started.initialBalance()).isEqualTo(new BigDecimal("4800.05"));
    }

    @Test
    void userEventsWrittenBeforeRevisionsKeepTheirFields() {
        UserRegistered registered = (UserRegistered) load(Fixture.read("v0/UserRegistered.json"));
        assertThat(registered.username()).isEqualTo("alice");
        assertThat(registered.role()).isEqualTo(Role.TRADER);
        assertThat(registered.settings().maxDrawdownPct()).isEqualTo(new BigDecimal("15.0"));
        RoleChanged changed = (RoleChanged) load(Fixture.read("v0/RoleChanged.json"));
        assertThat(changed.from()).isEqualTo(Role.VIEWER);
        assertThat(changed.to()).isEqualTo(Role.TRADER);
        LoginFailed failed = (LoginFailed) load(Fixture.read("v0/LoginFailed.json"));
        assertThat(failed.reason()).isEqualTo("BAD_CREDENTIALS");
        assertThat(failed.recentFailures()).isEqualTo(3);
        assertThat(failed.clientIp()).isEqualTo("203.0.113.7");
    }

    /** Upcast and deserialize the fixture's row exactly as the event storage engine does. */
    static Object load(Fixture fixture) {
        List<? extends DomainEventMessage<?>> messages = EventStreamUtils.upcastAndDeserializeDomainEvents(
                        Stream.of(fixture.row()), SERIALIZER, EventUpcasters.chain())
                .asStream()
                .toList();
        assertThat(messages).hasSize(1);
        return messages.get(0).getPayload();
    }
}
