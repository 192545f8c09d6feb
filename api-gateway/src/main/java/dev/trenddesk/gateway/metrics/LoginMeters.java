package dev.trenddesk.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Failed logins ({@code trenddesk_login_failures_total}, by reason) and logins refused by the
 * throttle ({@code trenddesk_login_throttled_total}, 429 before any password is looked at). No
 * account is ever locked (docs/adr/0013): the throttle is what replaced the lockout. Never tagged with
 * a username or an address.
 */
public class LoginMeters {

    static final String FAILURES = "trenddesk.login.failures";
    static final String THROTTLED = "trenddesk.login.throttled";

    private final Counter badCredentials;
    private final Counter deactivated;
    private final Counter throttled;

    public LoginMeters(MeterRegistry registry) {
        this.badCredentials = failures(registry, "bad_credentials");
        this.deactivated = failures(registry, "deactivated");
        this.throttled = Counter.builder(THROTTLED)
                .description("Login attempts refused with 429 by the per-IP or per-(username, IP) throttle")
                .register(registry);
    }

    private static Counter failures(MeterRegistry registry, String reason) {
        return Counter.builder(FAILURES)
                .description("Failed logins on this node, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    public void badCredentials() {
        badCredentials.increment();
    }

    public void deactivated() {
        deactivated.increment();
    }

    public void throttled() {
        throttled.increment();
    }
}
