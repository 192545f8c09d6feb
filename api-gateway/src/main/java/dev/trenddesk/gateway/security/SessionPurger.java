package dev.trenddesk.gateway.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes sessions that can no longer be used (idle or past their absolute timeout). */
@Component
class SessionPurger {

    private static final Logger log = LoggerFactory.getLogger(SessionPurger.class);

    private final WebSessionStore sessions;

    public SessionPurger(WebSessionStore sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${trenddesk.security.session.purge-every:15m}", initialDelayString = "1m")
    public void purge() {
        Long removed = sessions.purgeExpired().block();
        if (removed != null && removed > 0) {
            log.info("Removed {} expired login sessions", removed);
        }
    }
}
