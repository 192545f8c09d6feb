package dev.trenddesk.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.trenddesk.gateway.security.LimitsProperties.Band;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Every rate limit and concurrency cap of the gateway, declared here and set in
 * {@code trenddesk.limits.*}. Rate limits are Bucket4j token buckets (one per key, in memory, kept
 * in a bounded Caffeine cache and dropped once idle long enough to be full again); concurrency caps
 * are counters per key. Everything is per gateway node: see docs/adr/0013.
 */
@Component
@EnableConfigurationProperties(LimitsProperties.class)
public class Limits {

    /** The rate limits: what a key is, and which bands apply. */
    public enum Rate {
        /** failed logins from one client IP */
        LOGIN_PER_IP,
        /** failed logins for one username from one client IP */
        LOGIN_PER_ACCOUNT_IP,
        /** audit export, case files, verify and user replays, per user */
        AUDIT_PER_USER,
        /** BingX connect and connection test, per user */
        BINGX_PER_USER,
        /** password and e-mail changes (each asks for the current password), per user */
        REAUTH_PER_USER
    }

    /** The concurrency caps. */
    public enum Cap {
        /** backtests running at once for one user */
        BACKTEST_PER_USER,
        /** backtests running at once on this node (one key) */
        BACKTEST_GLOBAL,
        /** SSE streams open at once for one user */
        STREAMS_PER_USER
    }

    /** Why a request is refused and when to come back (rounded up to whole seconds, at least 1). */
    public record Refusal(Duration retryAfter, String detail) {
        public long seconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** A place under a concurrency cap; closing it (once or more) gives the place back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Either a permit or a refusal. */
    public record Admission(Permit permit, Refusal refusal) {
        public boolean admitted() {
            return permit != null;
        }
    }

    private final LimitsProperties settings;
    private final TimeMeter time;
    private final Map<Rate, Cache<String, Bucket>> buckets = new EnumMap<>(Rate.class);
    private final Map<Cap, ConcurrentHashMap<String, Integer>> inUse = new EnumMap<>(Cap.class);

    @Autowired
    public Limits(LimitsProperties settings) {
        this(settings, TimeMeter.SYSTEM_NANOTIME);
    }

    Limits(LimitsProperties settings, TimeMeter time) {
        this.settings = settings;
        this.time = time;
        for (Rate rate : Rate.values()) {
            Duration longest = bands(rate).stream()
                    .map(Band::period)
                    .max(Duration::compareTo)
                    .orElseThrow();
            buckets.put(
                    rate,
                    Caffeine.newBuilder()
                            .maximumSize(settings.maxTrackedKeys())
                            .expireAfterAccess(longest)
                            .build());
        }
        for (Cap cap : Cap.values()) {
            inUse.put(cap, new ConcurrentHashMap<>());
        }
    }

    private List<Band> bands(Rate rate) {
        return switch (rate) {
            case LOGIN_PER_IP -> settings.login().perIp();
            case LOGIN_PER_ACCOUNT_IP -> settings.login().perAccountIp();
            case AUDIT_PER_USER -> settings.audit().perUser();
            case BINGX_PER_USER -> settings.bingx().perUser();
            case REAUTH_PER_USER -> settings.reauth().perUser();
        };
    }

    private int capacity(Cap cap) {
        return switch (cap) {
            case BACKTEST_PER_USER -> settings.backtest().perUser();
            case BACKTEST_GLOBAL -> settings.backtest().global();
            case STREAMS_PER_USER -> settings.streams().perUser();
        };
    }

    private Bucket bucket(Rate rate, String key) {
        return buckets.get(rate).get(key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Band band : bands(rate)) {
                builder.addLimit(limit -> limit.capacity(band.capacity()).refillGreedy(band.capacity(), band.period()));
            }
            return builder.build();
        });
    }

    /** Takes one request from {@code key}'s allowance, or tells when the next one fits. */
    public Optional<Refusal> tryConsume(Rate rate, String key, String detail) {
        ConsumptionProbe probe = bucket(rate, key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? Optional.empty()
                : Optional.of(new Refusal(Duration.ofNanos(probe.getNanosToWaitForRefill()), detail));
    }

    /** Gives back one request taken by {@link #tryConsume}. */
    public void giveBack(Rate rate, String key) {
        Bucket bucket = buckets.get(rate).getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Forgets {@code key}'s history: its next request starts with a full allowance. */
    public void forget(Rate rate, String key) {
        buckets.get(rate).invalidate(key);
    }

    /** A place under {@code cap} for {@code key}, if one is free. */
    public Optional<Permit> tryAcquire(Cap cap, String key) {
        int max = capacity(cap);
        boolean[] taken = {false};
        inUse.get(cap).compute(key, (k, n) -> {
            int used = n == null ? 0 : n;
            if (used < max) {
                taken[0] = true;
                return used + 1;
            }
            return n;
        });
        if (!taken[0]) {
            return Optional.empty();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return Optional.of(() -> {
            if (open.compareAndSet(true, false)) {
                inUse.get(cap).computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            }
        });
    }

    /** How many places under {@code cap} {@code key} holds now. */
    public int inUse(Cap cap, String key) {
        return inUse.get(cap).getOrDefault(key, 0);
    }

    // ---- the limits of each kind of request ----

    /**
     * Admits a login attempt or refuses it before the password is looked at. Counts it against the
     * client IP and against (username, client IP); {@link #loginSucceeded} gives it back. The answer
     * never depends on whether the username exists.
     */
    public Optional<Refusal> admitLogin(String clientIp, String username) {
        String detail = "too many failed logins; try again later";
        Optional<Refusal> perIp = tryConsume(Rate.LOGIN_PER_IP, clientIp, detail);
        if (perIp.isPresent()) {
            return perIp;
        }
        Optional<Refusal> perAccount = tryConsume(Rate.LOGIN_PER_ACCOUNT_IP, accountKey(clientIp, username), detail);
        if (perAccount.isPresent()) {
            giveBack(Rate.LOGIN_PER_IP, clientIp);
        }
        return perAccount;
    }

    /** The password was right: the attempt does not count, and this username starts afresh from this IP. */
    public void loginSucceeded(String clientIp, String username) {
        giveBack(Rate.LOGIN_PER_IP, clientIp);
        forget(Rate.LOGIN_PER_ACCOUNT_IP, accountKey(clientIp, username));
    }

    private static String accountKey(String clientIp, String username) {
        return (username == null ? "" : username.trim().toLowerCase(Locale.ROOT)) + "\u0000" + clientIp;
    }

    /** One backtest for this user: one of their own places and one of the node's. */
    public Admission admitBacktest(String userId) {
        Duration retry = settings.backtest().retryAfter();
        Optional<Permit> own = tryAcquire(Cap.BACKTEST_PER_USER, userId);
        if (own.isEmpty()) {
            return new Admission(
                    null,
                    new Refusal(
                            retry,
                            "you already have " + capacity(Cap.BACKTEST_PER_USER)
                                    + " backtest(s) running; wait for it to finish"));
        }
        Optional<Permit> global = tryAcquire(Cap.BACKTEST_GLOBAL, "*");
        if (global.isEmpty()) {
            own.get().close();
            return new Admission(
                    null,
                    new Refusal(
                            retry,
                            "the server is running as many backtests as it may (" + capacity(Cap.BACKTEST_GLOBAL)
                                    + "); try again shortly"));
        }
        Permit ownPermit = own.get();
        Permit globalPermit = global.get();
        return new Admission(
                () -> {
                    globalPermit.close();
                    ownPermit.close();
                },
                null);
    }

    /** One more open event stream for this user. */
    public Admission admitStream(String userId) {
        return tryAcquire(Cap.STREAMS_PER_USER, userId)
                .map(p -> new Admission(p, null))
                .orElseGet(() -> new Admission(
                        null,
                        new Refusal(
                                settings.streams().retryAfter(),
                                "you have " + capacity(Cap.STREAMS_PER_USER)
                                        + " event streams open; close one (another tab?) first")));
    }

    public Optional<Refusal> admitAudit(String userId) {
        return tryConsume(
                Rate.AUDIT_PER_USER, userId, "too many audit exports, verifications or replays; try again later");
    }

    /**
     * A password or e-mail change, which checks the current password: without a limit, a stolen session could try
     * passwords against it as fast as the server answers, where the login is throttled.
     */
    public Optional<Refusal> admitReauth(String userId) {
        return tryConsume(Rate.REAUTH_PER_USER, userId, "too many password or e-mail change attempts; try again later");
    }

    public Optional<Refusal> admitBingx(String userId) {
        return tryConsume(Rate.BINGX_PER_USER, userId, "too many BingX connection attempts or tests; try again later");
    }
}
