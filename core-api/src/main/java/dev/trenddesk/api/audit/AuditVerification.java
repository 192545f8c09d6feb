package dev.trenddesk.api.audit;

/**
 * The result of walking the audit hash chain from its first row.
 *
 * @param intact        true when every row's hash matches its content and its predecessor
 * @param rowsChecked   rows walked (up to and including the first broken one)
 * @param firstBrokenSeq seq of the first row whose link is broken, or null when intact
 * @param firstBrokenEventId that row's event id, or null
 * @param reason        why that link is broken (content changed, predecessor missing or changed, rows cut off the
 *                      end that a signed checkpoint covers, a checkpoint whose signature does not hold), or null
 * @param checkpointsChecked signed checkpoints the chain was checked against (a held one included)
 * @param latestCheckpointSeq the row the newest of them covers, or null without any
 * @param unverifiableCheckpoints checkpoints signed by a key this node does not have (a master key retired
 *                      since), not trusted and not counted
 */
public record AuditVerification(
        boolean intact,
        long rowsChecked,
        Long firstBrokenSeq,
        String firstBrokenEventId,
        String reason,
        int checkpointsChecked,
        Long latestCheckpointSeq,
        int unverifiableCheckpoints) {}
