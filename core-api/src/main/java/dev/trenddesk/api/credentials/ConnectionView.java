package dev.trenddesk.api.credentials;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A user's BingX connection as the read model shows it: never a secret, the key only masked.
 *
 * @param attemptId           the latest verification asked for
 * @param resultAttemptId     the verification the shown result belongs to
 */
public record ConnectionView(UserId userId, String username, CredentialsStatus status, String maskedApiKey,
                             String accountType, String asset, BigDecimal balance, PositionMode positionMode,
                             Integer leverage, Instant connectedAt, Instant lastVerifiedAt, Instant lastCheckedAt,
                             VerificationFailure failure, String failureDetail, CredentialsHealth health,
                             VerificationFailure healthReason, Instant healthChangedAt, String attemptId,
                             String resultAttemptId, Instant updatedAt) {
}
