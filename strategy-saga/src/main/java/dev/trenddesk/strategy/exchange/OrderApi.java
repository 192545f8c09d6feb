package dev.trenddesk.strategy.exchange;

import reactor.core.publisher.Mono;

/** Orders on a trader's account. Errors are {@link ExchangeException}s. */
public interface OrderApi {

    /**
     * Sends the order once. The answer may be an acknowledgement (status {@link OrderState#NEW}, no fill): the fill
     * follows on the user stream and in queries.
     */
    Mono<ExchangeOrder> placeOrder(OrderSpec order);

    /** An order by the exchange's id. */
    Mono<ExchangeOrder> queryOrder(String symbol, String orderId);

    /** An order by the platform's client order id; fails with {@link ExchangeException.Kind#NOT_FOUND} when absent. */
    Mono<ExchangeOrder> queryOrderByClientOrderId(String symbol, String clientOrderId);
}
