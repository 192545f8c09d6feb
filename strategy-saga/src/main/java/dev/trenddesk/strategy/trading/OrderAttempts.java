package dev.trenddesk.strategy.trading;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remembers, before an order is first sent, that it is about to be sent. Committed on its own (not
 * in the event handler's transaction): if the process dies right after the send, the redelivered
 * request finds the row and asks BingX for the clientOrderId before anything is sent again.
 */
@Component
public class OrderAttempts {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public OrderAttempts(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Counts one more attempt; true when an earlier attempt of this clientOrderId may have reached BingX. */
    public boolean recordAttempt(String clientOrderId, Instant at) {
        Boolean earlier = ownTransaction.execute(status -> insertOrCount(clientOrderId, at));
        return Boolean.TRUE.equals(earlier);
    }

    private boolean insertOrCount(String clientOrderId, Instant at) {
        int inserted = jdbc.update(
                "insert into trading_order_attempt (client_order_id, first_sent_at, attempts) "
                        + "values (?, ?, 1) on conflict (client_order_id) do nothing",
                clientOrderId,
                Timestamp.from(at));
        if (inserted == 1) {
            return false;
        }
        jdbc.update(
                "update trading_order_attempt set attempts = attempts + 1 where client_order_id = ?", clientOrderId);
        return true;
    }

    /** How many times this clientOrderId was (about to be) sent; 0 when never. */
    public int attempts(String clientOrderId) {
        Integer count = jdbc.query(
                "select attempts from trading_order_attempt where client_order_id = ?",
                rs -> rs.next() ? rs.getInt(1) : 0,
                clientOrderId);
        return count == null ? 0 : count;
    }
}
