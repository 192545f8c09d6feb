package dev.trenddesk.command.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangeFill;
import dev.trenddesk.api.trading.TradingCommands.RecordFundingFee;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingSessionEvent.FundingFeeCharged;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.platform.PlatformHalts;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Funding fees BingX books on a held position every 8 hours, recorded once per BingX tranId and counted in
 * the position's result; and a liquidation by BingX closing the position with exit reason LIQUIDATION.
 */
class TradingSessionFundingAndLiquidationTest {

    private static final Instant T0 = Instant.parse("2026-11-28T07:50:00Z");
    private static final Instant OPENED = T0.plusSeconds(60);
    private static final Instant FUNDING = Instant.parse("2026-11-28T08:00:00Z");
    private static final Instant LATER = FUNDING.plusSeconds(600);
    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000cc");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000003");
    private static final String ENTRY = "td00000000000000000000000000000000000011";

    private AggregateTestFixture<TradingSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TradingSession.class);
        fixture.registerInjectableResource(mock(ActiveSessions.class));
        fixture.registerInjectableResource(mock(PlatformHalts.class));
        fixture.registerInjectableResource(mock(PlatformSettingsStore.class));
        fixture.registerInjectableResource(mock(dev.trenddesk.command.plan.PlanStore.class));
    }

    private static TradingSessionStarted started() {
        return new TradingSessionStarted(
                SID, UID, TradingSettings.defaults(), new BigDecimal("10000"), T0, ExchangeName.BINGX);
    }

    private static OrderPlacementRequested entryRequested() {
        return new OrderPlacementRequested(
                SID,
                UID,
                ENTRY,
                "ETH-USDT",
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("1"),
                new BigDecimal("1900"),
                new BigDecimal("2100"),
                null,
                T0,
                T0);
    }

    private static PositionOpened opened() {
        return new PositionOpened(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("1"),
                new BigDecimal("2000"),
                new BigDecimal("1900"),
                new BigDecimal("2100"),
                ENTRY,
                new BigDecimal("1"),
                OPENED);
    }

    private static FundingFeeCharged charged(String tranId, String amount, Instant at) {
        return new FundingFeeCharged(SID, UID, "ETH-USDT", Direction.LONG, new BigDecimal(amount), tranId, at, LATER);
    }

    @Test
    void aFundingFeeOnTheHeldPositionIsRecordedOncePerTranId() {
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordFundingFee(SID, "ETH-USDT", new BigDecimal("-0.2"), "41", FUNDING, LATER))
                .expectEvents(charged("41", "-0.2", FUNDING));
        // read again by the next poll, or by the stream's read after a restart
        fixture.given(started(), entryRequested(), opened(), charged("41", "-0.2", FUNDING))
                .when(new RecordFundingFee(SID, "ETH-USDT", new BigDecimal("-0.2"), "41", FUNDING, LATER))
                .expectNoEvents();
    }

    @Test
    void aFundingFeeFromBeforeThePositionOpenedOrWithoutAPositionIsNotItsOwn() {
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordFundingFee(SID, "ETH-USDT", new BigDecimal("-0.2"), "40", T0, LATER))
                .expectNoEvents();
        fixture.given(started())
                .when(new RecordFundingFee(SID, "ETH-USDT", new BigDecimal("-0.2"), "42", FUNDING, LATER))
                .expectNoEvents();
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordFundingFee(SID, "BTC-USDT", new BigDecimal("-3"), "43", FUNDING, LATER))
                .expectNoEvents();
    }

    @Test
    void theClosedTradeCountsTheFundingOfItsPosition() {
        fixture.given(
                        started(),
                        entryRequested(),
                        opened(),
                        charged("41", "-0.2", FUNDING),
                        charged("57", "0.05", FUNDING.plusSeconds(8 * 3600)))
                .when(new RecordPositionClosedByExchange(
                        SID,
                        "ETH-USDT",
                        "900",
                        new BigDecimal("2100"),
                        new BigDecimal("1.05"),
                        new BigDecimal("100"),
                        ExitReason.TAKE_PROFIT,
                        LATER))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-900",
                                "ETH-USDT",
                                "900",
                                new BigDecimal("2100"),
                                new BigDecimal("1"),
                                new BigDecimal("1.05"),
                                LATER),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1"),
                                new BigDecimal("2000"),
                                new BigDecimal("2100"),
                                new BigDecimal("100"),
                                new BigDecimal("2.05"),
                                ExitReason.TAKE_PROFIT,
                                LATER,
                                new BigDecimal("-0.15")));
    }

    /** BingX's LIQUIDATION order closes the position with its PnL; the rest of the margin it kept is the fee. */
    @Test
    void aLiquidationFillClosesThePositionWithExitReasonLiquidation() {
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordExchangeFill(
                        SID,
                        "ETH-USDT",
                        "",
                        "1900000000000000009",
                        OrderSide.SELL,
                        ExchangePositionSide.LONG,
                        "LIQUIDATION",
                        new BigDecimal("1613.17"),
                        new BigDecimal("1"),
                        new BigDecimal("13.17"),
                        new BigDecimal("-386.83"),
                        LATER))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-1900000000000000009",
                                "ETH-USDT",
                                "1900000000000000009",
                                new BigDecimal("1613.17"),
                                new BigDecimal("1"),
                                new BigDecimal("13.17"),
                                LATER),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1"),
                                new BigDecimal("2000"),
                                new BigDecimal("1613.17"),
                                new BigDecimal("-386.83"),
                                new BigDecimal("14.17"),
                                ExitReason.LIQUIDATION,
                                LATER));
    }

    /** An exchange that marks its liquidation orders by an "autoclose" client id, with a MARKET or LIMIT type. */
    @Test
    void aFillWithAnAutocloseClientIdIsALiquidationToo() {
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordExchangeFill(
                        SID,
                        "ETH-USDT",
                        "autoclose-17",
                        "1900000000000000010",
                        OrderSide.SELL,
                        ExchangePositionSide.LONG,
                        "LIMIT",
                        new BigDecimal("1613.17"),
                        new BigDecimal("1"),
                        new BigDecimal("13.17"),
                        new BigDecimal("-386.83"),
                        LATER))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-1900000000000000010",
                                "ETH-USDT",
                                "1900000000000000010",
                                new BigDecimal("1613.17"),
                                new BigDecimal("1"),
                                new BigDecimal("13.17"),
                                LATER),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1"),
                                new BigDecimal("2000"),
                                new BigDecimal("1613.17"),
                                new BigDecimal("-386.83"),
                                new BigDecimal("14.17"),
                                ExitReason.LIQUIDATION,
                                LATER));
    }

    @Test
    void positionClosedStoredBeforeFundingReadsWithNone() throws Exception {
        ObjectMapper mapper =
                new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        PositionClosed now = new PositionClosed(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                BigDecimal.ONE,
                new BigDecimal("2000"),
                new BigDecimal("2100"),
                new BigDecimal("100"),
                new BigDecimal("2"),
                ExitReason.TAKE_PROFIT,
                LATER,
                new BigDecimal("-0.2"));
        ObjectNode stored = mapper.valueToTree(now);
        stored.remove("funding");
        PositionClosed old = mapper.treeToValue(stored, PositionClosed.class);
        assertThat(old.funding()).isEqualByComparingTo("0");
        assertThat(old.netPnl()).isEqualByComparingTo("98");
        assertThat(now.netPnl()).isEqualByComparingTo("97.8");
        assertThat(mapper.readValue(mapper.writeValueAsString(now), PositionClosed.class))
                .isEqualTo(now);
        // an exit reason added later is read like the old ones
        assertThat(mapper.readValue("\"LIQUIDATION\"", ExitReason.class)).isEqualTo(ExitReason.LIQUIDATION);
    }

    /** The funding seen and each position's funding so far are in the snapshot; an older snapshot reads with none. */
    @Test
    void fundingSurvivesTheSnapshotAndOlderSnapshotsReadWithout() throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        TradingSession session = new TradingSession();
        session.on(started());
        session.on(entryRequested());
        session.on(opened());
        session.on(charged("41", "-0.2", FUNDING));
        String json = mapper.writeValueAsString(session);
        assertThat(json).contains("\"fundingTranIds\":[\"41\"]").contains("\"funding\":-0.2");
        TradingSession copy = mapper.readValue(json, TradingSession.class);
        assertThat(mapper.writeValueAsString(copy)).isEqualTo(json);

        @SuppressWarnings("unchecked")
        Map<String, Object> tree = mapper.readValue(json, Map.class);
        tree.remove("fundingTranIds");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> positions = (Map<String, Map<String, Object>>) tree.get("positions");
        positions.get("ETH-USDT").remove("funding");
        positions.get("ETH-USDT").remove("openedAt");
        TradingSession old = mapper.readValue(mapper.writeValueAsString(tree), TradingSession.class);
        // the old snapshot's position takes funding from now on, and closes with what it was charged since
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordFundingFee(SID, "ETH-USDT", new BigDecimal("-0.2"), "41", FUNDING, LATER))
                .expectEvents(charged("41", "-0.2", FUNDING));
        assertThat(mapper.writeValueAsString(old)).contains("\"fundingTranIds\":[]");
    }
}
