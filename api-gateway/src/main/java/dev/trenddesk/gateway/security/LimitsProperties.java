package dev.trenddesk.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every rate limit and concurrency cap of the gateway ({@code trenddesk.limits.*}). A rate limit is
 * a list of "capacity per period" bands (a token bucket each, refilled smoothly); a request must fit
 * every band, so several bands make a progressive slow-down. Limits hold per gateway node (see
 * docs/adr/0013-rate-limits-and-login-throttling.md).
 */
@ConfigurationProperties("trenddesk.limits")
record LimitsProperties(
        Login login, Backtest backtest, Rated audit, Rated bingx, Rated reauth, Streams streams, int maxTrackedKeys) {

    public LimitsProperties {
        if (login == null
                || backtest == null
                || audit == null
                || bingx == null
                || reauth == null
                || streams == null
                || maxTrackedKeys < 1000) {
            throw new IllegalArgumentException("trenddesk.limits.* is incomplete; see application.yml");
        }
    }

    /** {@code capacity} requests, refilled smoothly over {@code period}. */
    public record Band(int capacity, Duration period) {
        public Band {
            if (capacity < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(
                        "a limit band needs a capacity ≥ 1 and a positive period, not " + capacity + " per " + period);
            }
        }
    }

    /**
     * Failed logins. {@code perIp}: from one client address, whatever the username;
     * {@code perAccountIp}: for one username from one client address. A successful login gives its
     * attempt back, so only failures count.
     */
    public record Login(List<Band> perIp, List<Band> perAccountIp) {
        public Login {
            perIp = bands("login.per-ip", perIp);
            perAccountIp = bands("login.per-account-ip", perAccountIp);
        }
    }

    /**
     * Backtests running at once: {@code perUser} for one trader, {@code global} on this node;
     * {@code retryAfter} is the hint given with a refusal.
     */
    public record Backtest(int perUser, int global, Duration retryAfter) {
        public Backtest {
            if (perUser < 1 || global < 1 || retryAfter == null) {
                throw new IllegalArgumentException(
                        "trenddesk.limits.backtest needs per-user ≥ 1, global ≥ 1, retry-after");
            }
        }
    }

    /** A per-user rate limit. */
    public record Rated(List<Band> perUser) {
        public Rated {
            perUser = bands("per-user", perUser);
        }
    }

    /** Server-Sent Event streams open at once per user. */
    public record Streams(int perUser, Duration retryAfter) {
        public Streams {
            if (perUser < 1 || retryAfter == null) {
                throw new IllegalArgumentException("trenddesk.limits.streams needs per-user ≥ 1 and retry-after");
            }
        }
    }

    private static List<Band> bands(String name, List<Band> configured) {
        if (configured == null || configured.isEmpty()) {
            throw new IllegalArgumentException("trenddesk.limits." + name + " needs at least one band");
        }
        return List.copyOf(configured);
    }
}
