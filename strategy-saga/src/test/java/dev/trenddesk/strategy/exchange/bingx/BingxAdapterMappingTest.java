package dev.trenddesk.strategy.exchange.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.ApiPermission;
import dev.trenddesk.bingx.model.ApiPermissions;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.UserDataEvent;
import dev.trenddesk.strategy.exchange.ExchangeException;
import dev.trenddesk.strategy.exchange.ExchangeException.Kind;
import dev.trenddesk.strategy.exchange.ExchangeOrder;
import dev.trenddesk.strategy.exchange.IncomeLine;
import dev.trenddesk.strategy.exchange.KeyPermissions;
import dev.trenddesk.strategy.exchange.OrderSpec;
import dev.trenddesk.strategy.exchange.OrderState;
import dev.trenddesk.strategy.exchange.UserStreamEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The BingX adapter's mapping of BingX's errors and models onto the exchange seam. */
class BingxAdapterMappingTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static Kind kind(BingxException e) {
        return BingxErrors.toNeutral(e).kind();
    }

    @Test
    void bingxCodesBecomeNeutralKinds() {
        assertThat(kind(new BingxException.Auth(100413, "Incorrect apiKey", 200)))
                .isEqualTo(Kind.AUTH_UNKNOWN_KEY);
        assertThat(kind(new BingxException.Auth(100001, "Signature", 200))).isEqualTo(Kind.AUTH_BAD_SIGNATURE);
        assertThat(kind(new BingxException.Auth(100412, "Null signature", 200))).isEqualTo(Kind.AUTH_BAD_SIGNATURE);
        assertThat(kind(new BingxException.Auth(100419, "IP", 200))).isEqualTo(Kind.AUTH_IP_NOT_WHITELISTED);
        assertThat(kind(new BingxException.Auth(100004, "Permission denied", 200)))
                .isEqualTo(Kind.AUTH_NO_TRADE_PERMISSION);
        assertThat(kind(new BingxException.Auth(100421, "timestamp", 200))).isEqualTo(Kind.AUTH_CLOCK_REJECTED);
        assertThat(kind(new BingxException.InsufficientMargin(101204, "Insufficient margin", 200)))
                .isEqualTo(Kind.INSUFFICIENT_MARGIN);
        assertThat(kind(new BingxException.InvalidRequest(80014, "No position to close", 200)))
                .isEqualTo(Kind.NO_POSITION);
        assertThat(kind(new BingxException.Rejected(101205, "no position", 200)))
                .isEqualTo(Kind.NO_POSITION);
        assertThat(kind(new BingxException.InvalidRequest(80014, "quantity precision", 200)))
                .isEqualTo(Kind.INVALID_REQUEST);
        assertThat(kind(new BingxException.InvalidRequest(109400, "symbol", 200)))
                .isEqualTo(Kind.UNKNOWN_SYMBOL);
        assertThat(kind(new BingxException.InvalidRequest(109401, "positions open", 200)))
                .isEqualTo(Kind.POSITION_MODE_LOCKED);
        assertThat(kind(new BingxException.NotFound(80016, "order not exist", 200)))
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(kind(new BingxException.Duplicate(109201, "duplicate", 200))).isEqualTo(Kind.DUPLICATE);
        assertThat(kind(new BingxException.UnknownOutcome(0, "", 504, null))).isEqualTo(Kind.UNKNOWN_OUTCOME);
        assertThat(kind(new BingxException.Transient(0, "Service Unavailable", 503, null)))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(kind(new BingxException.Rejected(80020, "risk", 200))).isEqualTo(Kind.OTHER);
    }

    @Test
    void theNeutralErrorKeepsBingxsCodeStatusWaitAndWording() {
        BingxException limited = new BingxException.RateLimited(100410, "blocked", 429, Duration.ofSeconds(3));
        ExchangeException neutral = BingxErrors.toNeutral(limited);
        assertThat(neutral.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(neutral.code()).isEqualTo(100410);
        assertThat(neutral.httpStatus()).isEqualTo(429);
        assertThat(neutral.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(neutral.exchange()).isEqualTo("BingX");
        assertThat(neutral.getMessage()).isEqualTo(limited.getMessage());
        assertThat(neutral.getCause()).isSameAs(limited);
        assertThat(BingxErrors.translate(new IllegalStateException("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOpeningOrderCarriesItsStopsAndAOneWayCloseIsReduceOnly() {
        OrderRequest open = BingxConnection.request(new OrderSpec(
                "ETH-USDT",
                dev.trenddesk.api.trading.OrderSide.BUY,
                ExchangePositionSide.LONG,
                new BigDecimal("0.5"),
                "coid-1",
                new BigDecimal("1900"),
                new BigDecimal("2200"),
                false));
        assertThat(open.side()).isEqualTo(OrderSide.BUY);
        assertThat(open.positionSide()).isEqualTo(PositionSide.LONG);
        assertThat(open.clientOrderId()).isEqualTo("coid-1");
        assertThat(open.stopLoss().stopPrice()).isEqualByComparingTo("1900");
        assertThat(open.takeProfit().stopPrice()).isEqualByComparingTo("2200");
        assertThat(open.reduceOnly()).isNull();
        OrderRequest close = BingxConnection.request(new OrderSpec(
                "ETH-USDT",
                dev.trenddesk.api.trading.OrderSide.SELL,
                ExchangePositionSide.BOTH,
                new BigDecimal("0.5"),
                "coid-2",
                null,
                null,
                true));
        assertThat(close.stopLoss()).isNull();
        assertThat(close.reduceOnly()).isTrue();
    }

    @Test
    void ordersIncomeStreamAndPermissionsInThePlatformsWords() {
        ExchangeOrder order = BingxConnection.order(new Order(
                "ETH-USDT",
                42L,
                "coid",
                OrderSide.SELL,
                PositionSide.LONG,
                "STOP_MARKET",
                OrderStatus.FILLED,
                BigDecimal.ZERO,
                BigDecimal.ONE,
                BigDecimal.ONE,
                new BigDecimal("1960"),
                new BigDecimal("1960"),
                new BigDecimal("-40"),
                new BigDecimal("-0.98"),
                AT,
                AT));
        assertThat(order.orderId()).isEqualTo("42");
        assertThat(order.side()).isEqualTo(dev.trenddesk.api.trading.OrderSide.SELL);
        assertThat(order.positionSide()).isEqualTo(ExchangePositionSide.LONG);
        assertThat(order.status()).isEqualTo(OrderState.FILLED);
        assertThat(order.averagePrice()).isEqualByComparingTo("1960");
        assertThat(BingxConnection.state(OrderStatus.PENDING)).isEqualTo(OrderState.NEW);
        assertThat(BingxConnection.state(null)).isEqualTo(OrderState.OTHER);

        IncomeLine clearance = BingxConnection.income(
                new Income("ETH-USDT", "INSURANCE_CLEAR", new BigDecimal("-3"), "USDT", "", AT, "t-1", "42"));
        assertThat(clearance.type()).isEqualTo(IncomeLine.IncomeType.LIQUIDATION_CLEARANCE);
        assertThat(clearance.transactionId()).isEqualTo("t-1");
        assertThat(clearance.orderId()).isEqualTo("42");

        assertThat(BingxConnection.event(new UserDataEvent.AccountUpdate(AT, "FUNDING_FEE", List.of(), List.of())))
                .isEqualTo(new UserStreamEvent.FundingCharged(AT));
        assertThat(BingxConnection.event(new UserDataEvent.AccountUpdate(AT, "ORDER", List.of(), List.of())))
                .isEqualTo(new UserStreamEvent.Other(AT));
        assertThat(BingxConnection.event(new UserDataEvent.StreamConnected(AT, true)))
                .isEqualTo(new UserStreamEvent.Connected(AT, true));

        KeyPermissions permissions = BingxConnection.permissions(new ApiPermissions(
                Set.of(ApiPermission.READ, ApiPermission.PERPETUAL_FUTURES_TRADING, ApiPermission.WITHDRAW),
                List.of("1.2.3.4"),
                List.of()));
        assertThat(permissions.canTradePerpetualFutures()).isTrue();
        assertThat(permissions.canMoveFunds()).isTrue();
        assertThat(permissions.fundsRights()).isEqualTo("withdraw (5)");
        assertThat(permissions.ipWhitelist()).containsExactly("1.2.3.4");
    }
}
