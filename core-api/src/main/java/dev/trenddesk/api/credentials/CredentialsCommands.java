package dev.trenddesk.api.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the ExchangeCredentials aggregate. Key and secret travel only as ciphertext from the
 * key vault (base64), never in plain text; who sent a command travels in its metadata.
 */
public final class CredentialsCommands {

    private CredentialsCommands() {}

    /**
     * A trader connects a key of {@code exchange}, or replaces the one they had. {@code attemptId} names the
     * verification this starts; results of older attempts are ignored.
     */
    public record ConnectCredentials(
            @TargetAggregateIdentifier CredentialsId credentialsId,
            UserId userId,
            ExchangeName exchange,
            String maskedApiKey,
            String apiKeyCiphertext,
            String secretKeyCiphertext,
            String attemptId,
            Instant at) {}

    /**
     * Asks the aggregate itself (never a read model, which may lag what the API already showed) whether
     * the user has a verified key that may trade: refused (→ 409) unless it has. Changes nothing; sent
     * before a bot starts. Answers the {@link ExchangeName} of that key: the exchange the bot then trades on.
     */
    public record RequireTradingKey(
            @TargetAggregateIdentifier CredentialsId credentialsId) {}

    /** "Test connection": verify the stored key again. */
    public record TestCredentials(
            @TargetAggregateIdentifier CredentialsId credentialsId, String attemptId, Instant at) {}

    /**
     * The verification handler reports BingX accepted the key; {@code readOnly} when it may not trade
     * perpetual futures, {@code ipWhitelist} as BingX showed it.
     */
    public record RecordCredentialsVerified(
            @TargetAggregateIdentifier CredentialsId credentialsId,
            String attemptId,
            String accountType,
            String asset,
            BigDecimal balance,
            PositionMode positionMode,
            Integer leverage,
            boolean readOnly,
            List<String> ipWhitelist,
            Instant at) {}

    /** The verification handler reports BingX refused the key or could not be reached. */
    public record RecordCredentialsVerificationFailed(
            @TargetAggregateIdentifier CredentialsId credentialsId,
            String attemptId,
            VerificationFailure reason,
            String detail,
            Instant at) {}

    /** The periodic health check reports what it saw; the aggregate records only changes. */
    public record RecordHealthCheck(
            @TargetAggregateIdentifier CredentialsId credentialsId,
            CredentialsHealth health,
            VerificationFailure reason,
            Instant at) {}

    /**
     * The platform read the account's balance with the verified key (no bot running); the aggregate
     * records it only when it differs from the last recorded one and is not older than it.
     */
    public record RecordAccountBalance(
            @TargetAggregateIdentifier CredentialsId credentialsId,
            BigDecimal equity,
            BigDecimal availableBalance,
            Instant at) {}

    /** The trader removes their key. */
    public record DisconnectCredentials(
            @TargetAggregateIdentifier CredentialsId credentialsId, Instant at) {}

    /**
     * An admin re-wraps every data key under the current master key (no aggregate; answered with a
     * {@link MasterKeyRotated} summary).
     */
    public record RotateMasterKey(String rotationId, Instant at) {}
}
