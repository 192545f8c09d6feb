package dev.trenddesk.api.audit;

/**
 * The result of walking the audit hash chain from its first row.
 *
 * @param intact        true when every row's hash matches its content and its predecessor
 * @param rowsChecked   rows walked (up to and including the first broken one)
 * @param firstBrokenSeq seq of the first row whose link is broken, or null when intact
 * @param firstBrokenEventId that row's event id, or null
 * @param reason        why that link is broken (content changed, predecessor missing or changed), or null
 */
public record AuditVerification(
        boolean intact, long rowsChecked, Long firstBrokenSeq, String firstBrokenEventId, String reason) {}
