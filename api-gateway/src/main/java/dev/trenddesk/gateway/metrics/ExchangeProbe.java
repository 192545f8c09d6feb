package dev.trenddesk.gateway.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link ExchangeActivity} current on a quiet node: when no BingX request completed within
 * one interval, asks the exchange for its server time (a public request, no key, one per interval at
 * most). Its outcome reaches the activity through the client's request listener like any other.
 * The health check never sends a request of its own.
 */
public class ExchangeProbe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExchangeProbe.class);

    private final Runnable askServerTime;
    private final ExchangeActivity activity;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService timer;

    /**
     * @param askServerTime sends one public request for the exchange's server time and waits for it (its
     *                      outcome reaches {@code activity} through the client's listener); may throw
     */
    public ExchangeProbe(Runnable askServerTime, ExchangeActivity activity, Clock clock, Duration interval) {
        this.askServerTime = askServerTime;
        this.activity = activity;
        this.clock = clock;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "exchange-probe");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        timer.scheduleWithFixedDelay(this::probeIfQuiet, millis, millis, TimeUnit.MILLISECONDS);
    }

    void probeIfQuiet() {
        Instant quietSince = clock.instant().minus(interval);
        if (activity.lastRequest().filter(last -> last.isAfter(quietSince)).isPresent()) {
            return;
        }
        try {
            askServerTime.run();
        } catch (RuntimeException e) {
            log.debug("Exchange probe failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
