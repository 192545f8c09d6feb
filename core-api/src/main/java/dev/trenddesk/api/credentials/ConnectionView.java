package dev.trenddesk.api.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A user's exchange connection as the read model shows it: never a secret, the key only masked.
 *
 * @param attemptId           the latest verification asked for
 * @param resultAttemptId     the verification the shown result belongs to
 * @param readOnly            the verified key may read but not trade (null: not verified)
 * @param ipWhitelist         the verified key's IP whitelist as BingX showed it (empty: none; null: unknown)
 * @param pending             a new key waiting to replace the verified one (or refused), or null
 * @param exchange            the exchange of the key (of the last key, once disconnected)
 */
public record ConnectionView(
        UserId userId,
        String username,
        CredentialsStatus status,
        String maskedApiKey,
        String accountType,
        String asset,
        BigDecimal balance,
        PositionMode positionMode,
        Integer leverage,
        Instant connectedAt,
        Instant lastVerifiedAt,
        Instant lastCheckedAt,
        VerificationFailure failure,
        String failureDetail,
        CredentialsHealth health,
        VerificationFailure healthReason,
        Instant healthChangedAt,
        String attemptId,
        String resultAttemptId,
        Instant updatedAt,
        Boolean readOnly,
        List<String> ipWhitelist,
        PendingKey pending,
        ExchangeName exchange) {

    /**
     * A staged new key: PENDING while BingX is asked, FAILED (with the reason) when refused; the
     * verified key above stays in use meanwhile. Once verified it replaces the key above, with its
     * {@code exchange}.
     */
    public record PendingKey(
            String maskedApiKey,
            CredentialsStatus status,
            String attemptId,
            Instant connectedAt,
            VerificationFailure failure,
            String failureDetail,
            Instant checkedAt,
            ExchangeName exchange) {}
}
