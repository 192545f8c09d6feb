package dev.trenddesk.strategy.exchange.bingx;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.model.ApiPermission;
import dev.trenddesk.bingx.model.ApiPermissions;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.Position;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.TriggerOrder;
import dev.trenddesk.bingx.model.UserDataEvent;
import dev.trenddesk.strategy.exchange.AccountBalance;
import dev.trenddesk.strategy.exchange.ExchangeOrder;
import dev.trenddesk.strategy.exchange.ExchangePosition;
import dev.trenddesk.strategy.exchange.IncomeLine;
import dev.trenddesk.strategy.exchange.KeyPermissions;
import dev.trenddesk.strategy.exchange.OrderSpec;
import dev.trenddesk.strategy.exchange.OrderState;
import dev.trenddesk.strategy.exchange.TradingConnection;
import dev.trenddesk.strategy.exchange.UserStreamEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link TradingConnection} over a {@link BingxClient} signing with one trader's key. */
public final class BingxConnection implements TradingConnection {

    private final BingxClient client;

    public BingxConnection(BingxClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Mono<AccountBalance> balance() {
        return client.balance()
                .map(b -> new AccountBalance(b.asset(), b.balance(), b.equity(), b.availableMargin()))
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<List<ExchangePosition>> positions(String symbol) {
        return client.positions(symbol)
                .map(all -> all.stream().map(BingxConnection::position).toList())
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<List<IncomeLine>> income(String symbol, IncomeLine.IncomeType type, Instant from, Instant to) {
        return client.income(symbol, type == null ? null : incomeType(type), from, to)
                .map(all -> all.stream().map(BingxConnection::income).toList())
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<PositionMode> positionMode() {
        return client.positionMode().map(BingxConnection::mode).onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<Void> setPositionMode(PositionMode mode) {
        return client.setPositionMode(
                        mode == PositionMode.HEDGE
                                ? dev.trenddesk.bingx.model.PositionMode.HEDGE
                                : dev.trenddesk.bingx.model.PositionMode.ONE_WAY)
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<Integer> leverage(String symbol) {
        return client.leverage(symbol).map(l -> l.longLeverage()).onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<Void> setLeverage(String symbol, ExchangePositionSide side, int leverage) {
        return client.setLeverage(symbol, PositionSide.valueOf(side.name()), leverage)
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<ExchangeOrder> placeOrder(OrderSpec order) {
        return client.placeOrder(request(order)).map(BingxConnection::order).onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<ExchangeOrder> queryOrder(String symbol, String orderId) {
        return Mono.defer(() -> client.queryOrder(symbol, Long.parseLong(orderId)))
                .map(BingxConnection::order)
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<ExchangeOrder> queryOrderByClientOrderId(String symbol, String clientOrderId) {
        return client.queryOrderByClientOrderId(symbol, clientOrderId)
                .map(BingxConnection::order)
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Flux<UserStreamEvent> userStream() {
        return client.userDataStream().map(BingxConnection::event).onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<KeyPermissions> permissions() {
        return client.apiPermissions().map(BingxConnection::permissions).onErrorMap(BingxErrors::translate);
    }

    /** BingX's permissions of a key in the platform's words. */
    public static KeyPermissions permissions(ApiPermissions p) {
        String fundsRights = p.permissions().stream()
                .filter(ApiPermission::movesFunds)
                .sorted()
                .map(x -> x.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + x.number() + ")")
                .collect(Collectors.joining(", "));
        return new KeyPermissions(p.canTradePerpetualFutures(), p.canMoveFunds(), fundsRights, p.ipWhitelist());
    }

    /** The market order BingX is sent for a platform order. */
    static OrderRequest request(OrderSpec spec) {
        OrderRequest order = OrderRequest.market(
                        spec.symbol(),
                        OrderSide.valueOf(spec.side().name()),
                        PositionSide.valueOf(spec.positionSide().name()),
                        spec.quantity())
                .withClientOrderId(spec.clientOrderId());
        if (spec.stopLoss() != null) {
            order = order.withStopLoss(TriggerOrder.stopLoss(spec.stopLoss()));
        }
        if (spec.takeProfit() != null) {
            order = order.withTakeProfit(TriggerOrder.takeProfit(spec.takeProfit()));
        }
        if (spec.reduceOnly()) {
            order = order.withReduceOnly(true);
        }
        return order;
    }

    static ExchangePosition position(Position p) {
        return new ExchangePosition(
                p.symbol(),
                p.positionSide() == null
                        ? null
                        : ExchangePositionSide.valueOf(p.positionSide().name()),
                p.positionAmt(),
                p.avgPrice());
    }

    static IncomeLine income(Income i) {
        IncomeLine.IncomeType type =
                switch (i.incomeType() == null ? "" : i.incomeType()) {
                    case "REALIZED_PNL" -> IncomeLine.IncomeType.REALIZED_PNL;
                    case "TRADING_FEE" -> IncomeLine.IncomeType.TRADING_FEE;
                    case "FUNDING_FEE" -> IncomeLine.IncomeType.FUNDING_FEE;
                    case "INSURANCE_CLEAR" -> IncomeLine.IncomeType.LIQUIDATION_CLEARANCE;
                    default -> IncomeLine.IncomeType.OTHER;
                };
        return new IncomeLine(i.symbol(), type, i.income(), i.time(), i.tranId(), i.tradeId());
    }

    private static String incomeType(IncomeLine.IncomeType type) {
        return switch (type) {
            case LIQUIDATION_CLEARANCE -> "INSURANCE_CLEAR";
            default -> type.name();
        };
    }

    static ExchangeOrder order(Order o) {
        return new ExchangeOrder(
                o.symbol(),
                Long.toString(o.orderId()),
                o.clientOrderId(),
                side(o.side()),
                o.positionSide() == null
                        ? null
                        : ExchangePositionSide.valueOf(o.positionSide().name()),
                o.type(),
                state(o.status()),
                o.executedQty(),
                o.avgPrice(),
                o.profit(),
                o.commission(),
                o.time(),
                o.updateTime());
    }

    public static UserStreamEvent event(UserDataEvent event) {
        return switch (event) {
            case UserDataEvent.OrderUpdate u ->
                new UserStreamEvent.OrderUpdate(
                        u.eventTime(),
                        u.symbol(),
                        u.clientOrderId(),
                        Long.toString(u.orderId()),
                        side(u.side()),
                        u.type(),
                        u.quantity(),
                        u.price(),
                        u.avgPrice(),
                        state(u.status()),
                        u.fee(),
                        u.positionSide() == null
                                ? null
                                : ExchangePositionSide.valueOf(u.positionSide().name()),
                        u.realisedPnl());
            case UserDataEvent.AccountUpdate a
            when "FUNDING_FEE".equals(a.reason()) -> new UserStreamEvent.FundingCharged(a.eventTime());
            case UserDataEvent.StreamConnected c -> new UserStreamEvent.Connected(c.eventTime(), c.reconnect());
            default -> new UserStreamEvent.Other(event.eventTime());
        };
    }

    private static dev.trenddesk.api.trading.OrderSide side(OrderSide side) {
        return side == null
                ? null
                : side == OrderSide.BUY
                        ? dev.trenddesk.api.trading.OrderSide.BUY
                        : dev.trenddesk.api.trading.OrderSide.SELL;
    }

    static OrderState state(OrderStatus status) {
        if (status == null) {
            return OrderState.OTHER;
        }
        return switch (status) {
            case NEW, PENDING -> OrderState.NEW;
            case PARTIALLY_FILLED -> OrderState.PARTIALLY_FILLED;
            case FILLED -> OrderState.FILLED;
            case CANCELED -> OrderState.CANCELED;
            case EXPIRED -> OrderState.EXPIRED;
            default -> OrderState.OTHER;
        };
    }

    static PositionMode mode(dev.trenddesk.bingx.model.PositionMode mode) {
        return mode == dev.trenddesk.bingx.model.PositionMode.HEDGE ? PositionMode.HEDGE : PositionMode.ONE_WAY;
    }
}
