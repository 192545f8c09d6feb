package dev.trenddesk.command.platform;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set-based validation for the kill switch: the one row of {@code platform_halt}, written by {@link PlatformHalt}
 * in the same transaction as its events and read by TradingSession before a bot starts or resumes. The read locks
 * the row FOR SHARE until the bot's transaction commits, so an engage and a start never pass each other: either
 * the start commits first (and the enforcer, reading the active sessions after the engage, pauses it) or it sees
 * the switch engaged and is refused.
 */
@Component
public class PlatformHalts {

    private final JdbcTemplate jdbc;

    public PlatformHalts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses (→ 409 {@code TRADING_HALTED}, naming the reason) while the kill switch is engaged. */
    public void requireTradingAllowed() {
        Optional<String> reason = haltReason();
        if (reason.isPresent()) {
            throw new DomainRejection(
                    RejectionCode.TRADING_HALTED,
                    "trading is halted by the platform's kill switch: " + reason.get()
                            + " (no bot starts or resumes until an admin releases it)");
        }
    }

    /** The kill switch's reason while it is engaged (the row locked FOR SHARE until this transaction ends). */
    public Optional<String> haltReason() {
        List<String> reasons = jdbc.query(
                "select reason from platform_halt where singleton and engaged for share", (rs, row) -> rs.getString(1));
        return reasons.stream().findFirst();
    }

    void engaged(String reason, Instant at) {
        jdbc.update(
                "update platform_halt set engaged = true, reason = ?, since = ? where singleton",
                reason,
                Timestamp.from(at));
    }

    void released() {
        jdbc.update("update platform_halt set engaged = false, reason = null, since = null where singleton");
    }
}
