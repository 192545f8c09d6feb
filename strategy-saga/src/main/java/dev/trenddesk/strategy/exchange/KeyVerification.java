package dev.trenddesk.strategy.exchange;

import reactor.core.publisher.Mono;

/** What a key may do, asked of the exchange with that key. Errors are {@link ExchangeException}s. */
public interface KeyVerification {

    Mono<KeyPermissions> permissions();
}
