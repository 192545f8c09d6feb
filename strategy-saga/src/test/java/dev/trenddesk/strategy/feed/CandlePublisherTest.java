package dev.trenddesk.strategy.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.CandleClosed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store announces stored events to its tracking processors in the unit of work's
 * after-commit phase. A candle must therefore be published inside a unit of work that owns the
 * transaction: announced after the commit, processors find it at once; announced before, they find
 * nothing and look again only after the store's fetch delay. The event bus here records what the
 * embedded event store would do.
 */
class CandlePublisherTest {

    private final List<String> happened = new CopyOnWriteArrayList<>();
    /** The insert that marks a candle published: answers 1 row, or fails when told to. */
    private volatile RuntimeException insertFailure;

    private final JdbcTemplate jdbc = new JdbcTemplate() {
        @Override
        public int update(String sql, Object... args) {
            if (insertFailure != null) {
                throw insertFailure;
            }
            return 1;
        }
    };
    /** publish(EventMessage...) is a default method that hands over to the stubbed publish(List). */
    private final EventBus eventBus = mock(EventBus.class, Mockito.CALLS_REAL_METHODS);

    private final TransactionManager transactions = () -> {
        happened.add("transaction started");
        return new Transaction() {
            @Override
            public void commit() {
                happened.add("transaction committed");
            }

            @Override
            public void rollback() {
                happened.add("transaction rolled back");
            }
        };
    };

    @BeforeEach
    void eventStoreAnnouncesAfterCommit() {
        doAnswer(call -> {
                    if (CurrentUnitOfWork.isStarted()) {
                        happened.add("published in a unit of work");
                        CurrentUnitOfWork.get().afterCommit(unitOfWork -> happened.add("announced to processors"));
                    } else {
                        happened.add("published outside a unit of work");
                        happened.add("announced to processors");
                    }
                    return null;
                })
                .when(eventBus)
                .publish(anyList());
    }

    private static CandleClosed candle(Instant openTime) {
        BigDecimal one = BigDecimal.ONE;
        return new CandleClosed(
                "ETH-USDT",
                Timeframe.M5,
                openTime,
                one,
                one,
                one,
                one,
                one,
                java.util.Map.of("adx", one, "plusDi", one, "minusDi", one, "atr", one, "adxPrev", one),
                true);
    }

    @Test
    void aLiveCandleIsAnnouncedOnlyAfterItsTransactionCommitted() {
        CandlePublisher publisher = new CandlePublisher(
                jdbc, transactions, eventBus, new dev.trenddesk.api.market.MarketClock(java.time.Clock.systemUTC()));

        assertThat(publisher.publish(candle(Instant.parse("2026-11-28T12:00:00Z"))))
                .isTrue();

        assertThat(happened)
                .containsExactly(
                        "transaction started",
                        "published in a unit of work",
                        "transaction committed",
                        "announced to processors");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void theWarmUpHistoryIsAnnouncedOnlyAfterItsTransactionCommitted() {
        CandlePublisher publisher = new CandlePublisher(
                jdbc, transactions, eventBus, new dev.trenddesk.api.market.MarketClock(java.time.Clock.systemUTC()));

        List<CandleClosed> stored = publisher.publishAll(
                List.of(candle(Instant.parse("2026-11-28T12:00:00Z")), candle(Instant.parse("2026-11-28T12:05:00Z"))));

        assertThat(stored).hasSize(2);
        assertThat(happened)
                .containsExactly(
                        "transaction started",
                        "published in a unit of work",
                        "transaction committed",
                        "announced to processors");
    }

    @Test
    void aFailingInsertRollsBackAndAnnouncesNothing() {
        insertFailure = new IllegalStateException("database gone");
        CandlePublisher publisher = new CandlePublisher(
                jdbc, transactions, eventBus, new dev.trenddesk.api.market.MarketClock(java.time.Clock.systemUTC()));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> publisher.publish(candle(Instant.parse("2026-11-28T12:00:00Z"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database gone");
        assertThat(happened).containsExactly("transaction started", "transaction rolled back");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }
}
