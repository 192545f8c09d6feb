package dev.trenddesk.strategy.credentials;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings of verification and health checks ({@code trenddesk.credentials.*}, see config/credentials.yml).
 * The health-check budget is a share of BingX's per-IP budget for account endpoints (2,000 requests
 * per 10 s, shared by every user of this server): each check costs one balance request.
 */
@Component
public class CredentialsSettings {

    private final Duration healthInterval;
    private final Duration healthTick;
    private final int healthRequestsPerSecond;
    private final Duration pendingRetry;
    private final Duration verificationTimeout;
    private final String verificationSymbol;

    public CredentialsSettings(
            @Value("${trenddesk.credentials.health.interval:5m}") Duration healthInterval,
            @Value("${trenddesk.credentials.health.tick:10s}") Duration healthTick,
            @Value("${trenddesk.credentials.health.requests-per-second:20}") int healthRequestsPerSecond,
            @Value("${trenddesk.credentials.verification.pending-retry:2m}") Duration pendingRetry,
            @Value("${trenddesk.credentials.verification.timeout:30s}") Duration verificationTimeout,
            @Value("${trenddesk.credentials.verification.symbol:BTC-USDT}") String verificationSymbol) {
        if (healthInterval.isNegative() || healthInterval.isZero() || healthTick.isNegative() || healthTick.isZero()) {
            throw new IllegalArgumentException("trenddesk.credentials.health.interval and .tick must be positive");
        }
        if (healthRequestsPerSecond < 1 || healthRequestsPerSecond > 200) {
            throw new IllegalArgumentException("trenddesk.credentials.health.requests-per-second must be 1..200 "
                    + "(BingX allows 200 account requests per second per IP for every user together)");
        }
        this.healthInterval = healthInterval;
        this.healthTick = healthTick;
        this.healthRequestsPerSecond = healthRequestsPerSecond;
        this.pendingRetry = pendingRetry;
        this.verificationTimeout = verificationTimeout;
        this.verificationSymbol = verificationSymbol;
    }

    /** How often each verified key is checked (default 5 minutes). */
    public Duration healthInterval() {
        return healthInterval;
    }

    /** How often due checks are looked for. */
    public Duration healthTick() {
        return healthTick;
    }

    /** At most this many checks start per tick: the per-second budget times the tick length. */
    public int checksPerTick() {
        return (int) Math.max(1, healthRequestsPerSecond * Math.max(1, healthTick.toMillis()) / 1000);
    }

    /** A verification still pending after this long (its node died) is started again. */
    public Duration pendingRetry() {
        return pendingRetry;
    }

    public Duration verificationTimeout() {
        return verificationTimeout;
    }

    /** The contract whose leverage is read (and set to its current value to prove trading permission). */
    public String verificationSymbol() {
        return verificationSymbol;
    }
}
