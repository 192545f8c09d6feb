package dev.trenddesk.api.audit;

import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An admin opened another user's data (a REST read or a live stream under /api/users/{id}/...).
 * Published without an aggregate, so the audit log shows who looked at whose account and what.
 *
 * @param adminId who looked
 * @param userId  whose data was opened (the user concerned)
 * @param what    what was opened, e.g. {@code GET /api/users/{id}/trades} or {@code stream}
 */
@Revision("1")
public record AdminViewedUserData(UserId adminId, UserId userId, String what, Instant at) {}
