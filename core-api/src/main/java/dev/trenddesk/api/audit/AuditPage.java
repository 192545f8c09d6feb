package dev.trenddesk.api.audit;

import java.util.List;

/**
 * One page of audit rows in chain order.
 *
 * @param nextCursor the cursor of the next page (the last row's seq), or null when this was the last page
 */
public record AuditPage(List<AuditEntry> entries, Long nextCursor) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
