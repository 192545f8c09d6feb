package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.platform.PlatformQueries.FindPlatformStatus;
import dev.trenddesk.api.platform.PlatformStatusView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the platform is in maintenance mode, as the trading saga asks before it sends an entry: a query to the
 * platform's status (the read side's {@code platform_status}, kept from {@code MaintenanceModeChanged}), asked only
 * when an entry is about to go out, so a bot's ordinary candles cost nothing, and once per candle close: every bot
 * entering on the same candle shares the answer (a wave of entries is one query, not one per bot), and a change
 * counts from the next candle on. When the status cannot be read in time
 * the entry goes ahead (logged): maintenance holds entries back for an admin's planned work, it is not the emergency
 * stop, and an unreachable read side must not stop every bot's trading.
 */
@Component
public class PlatformMaintenance {

    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(PlatformMaintenance.class);

    private final QueryGateway queries;
    /** The answer for the latest candle close asked about. */
    private volatile Answer last;

    private record Answer(Instant candleClose, Optional<String> reason) {}

    public PlatformMaintenance(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * The admin's reason while maintenance mode is on for entries on the candle that closed at {@code candleClose};
     * empty while it is off (or unknown).
     */
    public Optional<String> reason(Instant candleClose) {
        Answer known = last;
        if (known != null && known.candleClose().equals(candleClose)) {
            return known.reason();
        }
        Optional<String> reason = read();
        last = new Answer(candleClose, reason);
        return reason;
    }

    private Optional<String> read() {
        try {
            PlatformStatusView status = queries.query(
                            new FindPlatformStatus(), ResponseTypes.instanceOf(PlatformStatusView.class))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return status != null && status.maintenance()
                    ? Optional.of(status.maintenanceReason() == null ? "no reason given" : status.maintenanceReason())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            log.warn("maintenance mode could not be read, the entry goes ahead: {}", e.toString());
            return Optional.empty();
        }
    }
}
