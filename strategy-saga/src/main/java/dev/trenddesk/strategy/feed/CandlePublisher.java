package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.market.MarketClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes {@link CandleClosed} exactly once per candle: in one database transaction it inserts the
 * candle's key (symbol, timeframe, open time) into {@code market_candle_published} and, only when that
 * row is new, stores the event. A second publication of the same candle, by this node or another,
 * hits the primary key and publishes nothing.
 */
public class CandlePublisher {

    /** Metadata {@code actorId} of every market event: a platform component, not a person. */
    public static final String ACTOR_ID = "system:market-feed";
    /** Metadata {@code actorRole} of every market event. */
    public static final String ACTOR_ROLE = "system";

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final EventBus eventBus;
    private final MarketClock market;

    /**
     * @param jdbc         the database the event store lives in (the insert must share its transaction)
     * @param transactions Axon's transaction manager over that database
     * @param eventBus     the event store
     * @param market       told the close time of every live candle published
     */
    public CandlePublisher(JdbcTemplate jdbc, TransactionManager transactions, EventBus eventBus, MarketClock market) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
        this.market = Objects.requireNonNull(market, "market");
    }

    /** Publishes the candle unless it was published before; true when this call published it. */
    public boolean publish(CandleClosed candle) {
        EventMessage<?> message = message(candle);
        return Boolean.TRUE.equals(inUnitOfWork(message, () -> {
            if (!insert(candle, message)) {
                return false;
            }
            eventBus.publish(message);
            if (candle.live()) {
                market.observe(candle.closeTime());
            }
            return true;
        }));
    }

    /**
     * Runs the work in a unit of work around one transaction. Published outside a unit of work, the
     * event store would tell its tracking processors about the events at once, before the transaction
     * committed; they would find nothing new and look again only after their fetch delay (a second).
     * In a unit of work they are told after the commit.
     */
    private <R> R inUnitOfWork(EventMessage<?> message, Callable<R> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<R> result = unitOfWork.executeWithResult(work);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private static EventMessage<?> message(CandleClosed candle) {
        return GenericEventMessage.asEventMessage(candle)
                .andMetaData(MetaData.from(Map.of("actorId", ACTOR_ID, "actorRole", ACTOR_ROLE)));
    }

    /** Records the candle as published; false when it was published before. */
    private boolean insert(CandleClosed candle, EventMessage<?> message) {
        return jdbc.update(
                        """
                insert into market_candle_published (symbol, timeframe, open_time, live, event_identifier)
                values (?, ?, ?, ?, ?)
                on conflict (symbol, timeframe, open_time) do nothing
                """,
                        candle.symbol(),
                        candle.timeframe().code(),
                        Timestamp.from(candle.openTime()),
                        candle.live(),
                        message.getIdentifier())
                == 1;
    }

    /**
     * Publishes several candles in one transaction (the warm-up history), skipping those published
     * before; answers the ones this call published, in order.
     */
    public List<CandleClosed> publishAll(List<CandleClosed> candles) {
        if (candles.isEmpty()) {
            return List.of();
        }
        return inUnitOfWork(message(candles.getFirst()), () -> {
            List<CandleClosed> stored = new ArrayList<>();
            List<EventMessage<?>> messages = new ArrayList<>();
            for (CandleClosed candle : candles) {
                EventMessage<?> message = message(candle);
                if (insert(candle, message)) {
                    stored.add(candle);
                    messages.add(message);
                }
            }
            if (!messages.isEmpty()) {
                eventBus.publish(messages);
            }
            return stored;
        });
    }

    /** Open time of the newest candle of this stream ever published, by any node. */
    public Optional<Instant> lastPublished(StreamKey key) {
        Timestamp last = jdbc.queryForObject(
                "select max(open_time) from market_candle_published where symbol = ? and timeframe = ?",
                Timestamp.class,
                key.symbol(),
                key.timeframe().code());
        return Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    /** How many candles of this stream were published (tests and diagnostics). */
    public long publishedCount(StreamKey key) {
        Long count = jdbc.queryForObject(
                "select count(*) from market_candle_published where symbol = ? and timeframe = ?",
                Long.class,
                key.symbol(),
                key.timeframe().code());
        return count == null ? 0 : count;
    }
}
