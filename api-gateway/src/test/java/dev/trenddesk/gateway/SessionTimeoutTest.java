package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.security.WebSessionStore;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/** Sessions end after the idle timeout without requests, and after the absolute timeout in any case. */
@IntegrationTest
class SessionTimeoutTest {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void idleSessionEndsAfterIdleTimeoutButActiveOneLives() {
        UserId user = UserId.of(new People(port).create("trader").id());
        MovableClock clock = new MovableClock();
        WebSessionStore store = new WebSessionStore(db, clock, Duration.ofMinutes(30), Duration.ofHours(12));
        String token = store.create(user, "127.0.0.1").block();

        clock.advance(Duration.ofMinutes(29));
        SessionUser found = store.find(token).block();
        assertThat(found).isNotNull();
        assertThat(found.id()).isEqualTo(user);

        clock.advance(Duration.ofMinutes(29));
        assertThat(store.find(token).blockOptional())
                .as("used 29 minutes ago: still alive")
                .isPresent();

        clock.advance(Duration.ofMinutes(31));
        assertThat(store.find(token).blockOptional()).as("idle for 31 minutes").isEmpty();
    }

    @Test
    void sessionEndsAfterAbsoluteTimeoutEvenWhenActive() {
        UserId user = UserId.of(new People(port).create("trader").id());
        MovableClock clock = new MovableClock();
        WebSessionStore store = new WebSessionStore(db, clock, Duration.ofMinutes(30), Duration.ofHours(1));
        String token = store.create(user, "127.0.0.1").block();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(19));
            assertThat(store.find(token).blockOptional()).isPresent();
        }
        clock.advance(Duration.ofMinutes(4));
        assertThat(store.find(token).blockOptional())
                .as("past the absolute timeout")
                .isEmpty();
        assertThat(store.purgeExpired().block()).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void unknownOrMalformedTokensFindNothing() {
        WebSessionStore store =
                new WebSessionStore(db, Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12));
        assertThat(store.find("x".repeat(43)).blockOptional()).isEmpty();
        assertThat(store.find("short").blockOptional()).isEmpty();
        assertThat(store.find(null).blockOptional()).isEmpty();
    }
}
