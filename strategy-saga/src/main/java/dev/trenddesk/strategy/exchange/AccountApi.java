package dev.trenddesk.strategy.exchange;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.trading.ExchangePositionSide;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/** A trader's futures account at an exchange, with their key. Errors are {@link ExchangeException}s. */
public interface AccountApi {

    Mono<AccountBalance> balance();

    /** Open positions, of one symbol or (null) of all. */
    Mono<List<ExchangePosition>> positions(String symbol);

    /** Income lines of one symbol (null: all) and type (null: all) booked from {@code from} (null: the default window). */
    Mono<List<IncomeLine>> income(String symbol, IncomeLine.IncomeType type, Instant from, Instant to);

    Mono<PositionMode> positionMode();

    /** Fails with {@link ExchangeException.Kind#POSITION_MODE_LOCKED} while positions or orders are open. */
    Mono<Void> setPositionMode(PositionMode mode);

    /** The long-side leverage of a symbol. */
    Mono<Integer> leverage(String symbol);

    Mono<Void> setLeverage(String symbol, ExchangePositionSide side, int leverage);
}
