package dev.trenddesk.api.audit;

import java.util.List;
import java.util.Map;

/**
 * One page of audit rows, oldest or newest first as asked.
 *
 * @param nextCursor the cursor of the next page (the last row's seq), or null when this was the last page
 * @param usernames  the username of every user id among the rows' users and actors that the users read
 *                   model knows
 */
public record AuditPage(List<AuditEntry> entries, Long nextCursor, Map<String, String> usernames) {

    public AuditPage {
        entries = List.copyOf(entries);
        usernames = usernames == null ? Map.of() : Map.copyOf(usernames);
    }
}
