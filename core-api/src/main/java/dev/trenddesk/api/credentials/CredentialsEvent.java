package dev.trenddesk.api.credentials;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Everything that can happen to a user's ExchangeCredentials. No event carries a plaintext key or
 * secret: only key-vault ciphertext (bound to the user and the field) and the key masked to its
 * last four characters. Who caused each event (actor, role, IP, trace) is in its metadata.
 */
public sealed interface CredentialsEvent {

    CredentialsId credentialsId();

    UserId userId();

    Instant at();

    /** A key was connected (or replaced the previous one); verification pending. */
    record CredentialsConnected(CredentialsId credentialsId, UserId userId, String maskedApiKey,
                                String apiKeyCiphertext, String secretKeyCiphertext, String attemptId,
                                boolean replacedPrevious, Instant at) implements CredentialsEvent {
    }

    /** The trader asked to test the stored key again. */
    record CredentialsVerificationRequested(CredentialsId credentialsId, UserId userId, String attemptId,
                                            Instant at) implements CredentialsEvent {
    }

    /** BingX accepted the key: what it told us about the account. */
    record CredentialsVerified(CredentialsId credentialsId, UserId userId, String attemptId, String accountType,
                               String asset, BigDecimal balance, PositionMode positionMode, Integer leverage,
                               Instant at) implements CredentialsEvent {
    }

    /** BingX refused the key or could not be reached. {@code detail}: BingX's code, never a secret. */
    record CredentialsVerificationFailed(CredentialsId credentialsId, UserId userId, String attemptId,
                                         VerificationFailure reason, String detail, Instant at)
            implements CredentialsEvent {
    }

    /** The periodic health check saw a different state than before ({@code reason} null when healthy). */
    record CredentialsHealthChanged(CredentialsId credentialsId, UserId userId, CredentialsHealth health,
                                    VerificationFailure reason, Instant at) implements CredentialsEvent {
    }

    /** The trader removed the key; nothing of it is used any more. */
    record CredentialsDisconnected(CredentialsId credentialsId, UserId userId, String maskedApiKey, Instant at)
            implements CredentialsEvent {
    }
}
