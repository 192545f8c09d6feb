package dev.trenddesk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a place-order request as BingX does and turns it into an {@link OrderRequest}: the fields and
 * their combinations (side, type, positionSide per position mode, quantity and value minimums, prices,
 * client id, attached stop-loss / take-profit), then what the account allows right now (no duplicate
 * client id, something to close, margin for what opens). Every refusal is a {@link BingxException} with
 * BingX's code. Reads the books, never changes them; called under the exchange's lock (see {@link Books}).
 */
final class OrderValidation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ORDER_TYPES =
            Set.of("MARKET", "LIMIT", "STOP_MARKET", "TAKE_PROFIT_MARKET", "TRIGGER_MARKET", "TRIGGER_LIMIT");

    private final Books books;
    private final Margin margin;

    OrderValidation(Books books, Margin margin) {
        this.books = books;
        this.margin = margin;
    }

    /** The request's fields, each checked alone and against the others and the contract. */
    OrderRequest orderRequest(Account account, Params params) {
        String symbol = params.required("symbol");
        Contract contract = books.replay(symbol).contract();
        String side = params.required("side").toUpperCase();
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw BingxException.invalid("side must be BUY or SELL");
        }
        String type = params.required("type").toUpperCase();
        if (!ORDER_TYPES.contains(type)) {
            throw BingxException.invalid("unsupported order type: " + type);
        }
        if (account.hedgeMode && params.optional("reduceOnly").isPresent()) {
            // BingX refuses the field itself in hedge mode, true or false: side + positionSide say what closes
            throw new BingxException(
                    BingxException.BAD_SYMBOL, "In the Hedge mode, the 'ReduceOnly' field can not be filled.");
        }
        boolean reduceOnly = params.bool("reduceOnly").orElse(false);
        String positionSide;
        if (account.hedgeMode) {
            positionSide = params.optional("positionSide")
                    .map(String::toUpperCase)
                    .orElseThrow(() -> BingxException.invalid("positionSide is required in hedge mode"));
            if (!positionSide.equals("LONG") && !positionSide.equals("SHORT")) {
                throw BingxException.invalid("positionSide must be LONG or SHORT in hedge mode");
            }
        } else {
            positionSide =
                    params.optional("positionSide").map(String::toUpperCase).orElse("BOTH");
            if (!positionSide.equals("BOTH")) {
                throw BingxException.invalid("In the One-way mode, the 'PositionSide' field can only be set to BOTH.");
            }
        }
        BigDecimal quantity = contract.truncateQuantity(
                params.decimal("quantity").orElseThrow(() -> BingxException.invalid("quantity is required")));
        if (quantity.compareTo(contract.tradeMinQuantity()) < 0) {
            throw BingxException.invalid(
                    "quantity below the minimum " + contract.tradeMinQuantity().toPlainString());
        }
        BigDecimal price = params.decimal("price").map(contract::truncatePrice).orElse(null);
        BigDecimal stopPrice =
                params.decimal("stopPrice").map(contract::truncatePrice).orElse(null);
        boolean limitPrice = type.equals("LIMIT") || type.equals("TRIGGER_LIMIT");
        if (limitPrice && (price == null || price.signum() <= 0)) {
            throw BingxException.invalid("price is required for " + type + " orders");
        }
        if (!limitPrice) {
            price = null;
        }
        if ((type.endsWith("_MARKET") || type.equals("TRIGGER_LIMIT"))
                && (stopPrice == null || stopPrice.signum() <= 0)) {
            throw BingxException.invalid("stopPrice is required for " + type);
        }
        BigDecimal notionalPrice = price != null
                ? price
                : stopPrice != null ? stopPrice : books.replay(symbol).price();
        if (quantity.multiply(notionalPrice).compareTo(contract.tradeMinUsdt()) < 0) {
            throw BingxException.invalid("order value below the minimum " + contract.tradeMinUsdt() + " USDT");
        }
        String clientOrderId = clientOrderId(params).orElse("");
        if (clientOrderId.length() > 40) {
            throw BingxException.invalid("clientOrderId must be 1 to 40 characters");
        }
        Order.Attached stopLoss = attached(params, "stopLoss", "STOP_MARKET", contract);
        Order.Attached takeProfit = attached(params, "takeProfit", "TAKE_PROFIT_MARKET", contract);
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                clientOrderId,
                reduceOnly,
                params.optional("workingType").orElse("MARK_PRICE"),
                params.optional("timeInForce").orElse("GTC"),
                stopLoss,
                takeProfit);
    }

    /**
     * What the account allows now: a new client id; for an order that is not conditional, a position to
     * close (as much as it closes) or margin for what it opens (at {@code price} when {@code marketable},
     * else at its limit); stop-loss / take-profit only on an opening order.
     */
    void checkPlacement(Account account, OrderRequest request, BigDecimal price, boolean marketable, int leverage) {
        if (!request.clientOrderId().isEmpty() && account.ordersByClientId.containsKey(request.clientOrderId())) {
            throw new BingxException(
                    BingxException.DUPLICATE_ORDER, "Duplicate clientOrderId: " + request.clientOrderId());
        }
        if (!isConditional(request)) {
            BigDecimal closable = closableQuantity(account, request);
            boolean closing = account.hedgeMode ? isHedgeClose(request) : request.reduceOnly();
            if (closing && closable.compareTo(request.quantity()) < 0) {
                throw BingxException.invalid(
                        closable.signum() == 0
                                ? "No position to close"
                                : "Quantity exceeds the position: " + closable.toPlainString());
            }
            BigDecimal opening = request.quantity().subtract(closable).max(BigDecimal.ZERO);
            if (!closing
                    && opening.signum() > 0
                    && !margin.hasMarginFor(account, opening, marketable ? price : request.price(), leverage, null)) {
                throw new BingxException(BingxException.INSUFFICIENT_MARGIN, "Insufficient margin");
            }
        }
        if ((request.stopLoss() != null || request.takeProfit() != null)
                && (account.hedgeMode ? isHedgeClose(request) : request.reduceOnly())) {
            throw BingxException.invalid("stopLoss/takeProfit can only be attached to an opening order");
        }
    }

    /** Whether the request fills when placed: a MARKET order, or a LIMIT order at or through {@code price}. */
    static boolean marketable(OrderRequest request, BigDecimal price) {
        return "MARKET".equals(request.type())
                || ("LIMIT".equals(request.type())
                        && (isBuy(request)
                                ? price.compareTo(request.price()) <= 0
                                : price.compareTo(request.price()) >= 0));
    }

    /**
     * The client order id, lower-cased as BingX does, from {@code clientOrderId} or {@code clientOrderID}
     * (BingX accepts both spellings; ccxt sends the latter); both given and different → 80014.
     */
    static Optional<String> clientOrderId(Params params) {
        Optional<String> camel = params.optional("clientOrderId").map(String::toLowerCase);
        Optional<String> upper = params.optional("clientOrderID").map(String::toLowerCase);
        if (camel.isPresent() && upper.isPresent() && !camel.equals(upper)) {
            throw BingxException.invalid("clientOrderId and clientOrderID differ");
        }
        return camel.or(() -> upper);
    }

    private static Order.Attached attached(Params params, String name, String expectedType, Contract contract) {
        Optional<String> json = params.optional(name);
        if (json.isEmpty()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json.get());
        } catch (IOException e) {
            throw BingxException.invalid(name + " is not valid JSON");
        }
        String type = node.path("type").asText(expectedType).toUpperCase();
        if (!type.equals(expectedType)) {
            throw BingxException.invalid(name + " type must be " + expectedType);
        }
        JsonNode stopPrice = node.path("stopPrice");
        BigDecimal value;
        try {
            value = stopPrice.isNumber() ? stopPrice.decimalValue() : new BigDecimal(stopPrice.asText());
        } catch (NumberFormatException e) {
            throw BingxException.invalid(name + " needs a numeric stopPrice");
        }
        if (value.signum() <= 0) {
            throw BingxException.invalid(name + " needs a positive stopPrice");
        }
        return new Order.Attached(type, contract.truncatePrice(value));
    }

    private static boolean isBuy(OrderRequest request) {
        return "BUY".equals(request.side());
    }

    /** Orders that wait for a price (stops, take-profits, plan orders): checked when they execute, not when placed. */
    private static boolean isConditional(OrderRequest request) {
        return request.type().endsWith("_MARKET") || Order.isTriggerType(request.type());
    }

    private static boolean isHedgeClose(OrderRequest request) {
        return request.positionSide().equals("LONG") != isBuy(request);
    }

    /** LONG or SHORT: which leverage applies to the position this order opens or closes. */
    static String direction(Account account, OrderRequest request) {
        if (account.hedgeMode) {
            return request.positionSide();
        }
        return isBuy(request) ? "LONG" : "SHORT";
    }

    /** How much of the request would reduce an existing position right now. */
    private static BigDecimal closableQuantity(Account account, OrderRequest request) {
        if (account.hedgeMode) {
            if (!isHedgeClose(request)) {
                return BigDecimal.ZERO;
            }
            Position position = account.positions.get(Account.positionKey(request.symbol(), request.positionSide()));
            return position == null ? BigDecimal.ZERO : position.quantity;
        }
        Position position = account.positions.get(Account.positionKey(request.symbol(), "BOTH"));
        if (position == null || position.isLong == isBuy(request)) {
            return BigDecimal.ZERO;
        }
        return position.quantity.min(request.quantity());
    }
}
