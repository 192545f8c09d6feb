package dev.trenddesk.api.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a user's ExchangeCredentials. No event carries a plaintext key or
 * secret: only key-vault ciphertext (bound to the user and the field) and the key masked to its
 * last four characters. Who caused each event (actor, role, IP, trace) is in its metadata.
 */
public sealed interface CredentialsEvent {

    CredentialsId credentialsId();

    UserId userId();

    Instant at();

    /**
     * A key was connected (or replaced the previous one); verification pending. With
     * {@code staged} true the user already had a verified key: the new one is only a candidate, the
     * verified key stays the one used for trading until the candidate is verified (its
     * {@link CredentialsVerified} promotes it; its {@link CredentialsVerificationFailed} drops it).
     * {@code staged} null or false (all events written before staging existed): the new key replaced
     * the previous one at once.
     *
     * <p>{@code exchange}: the exchange the key belongs to (revision 2; every key connected before it was a
     * BingX key, and its upcaster says so). A staged key's exchange becomes the key in use's when it is verified.
     */
    @Revision("2")
    record CredentialsConnected(
            CredentialsId credentialsId,
            UserId userId,
            String maskedApiKey,
            String apiKeyCiphertext,
            String secretKeyCiphertext,
            String attemptId,
            boolean replacedPrevious,
            Instant at,
            Boolean staged,
            ExchangeName exchange)
            implements CredentialsEvent {

        public boolean isStaged() {
            return Boolean.TRUE.equals(staged);
        }
    }

    /** The trader asked to test the stored key again. */
    @Revision("1")
    record CredentialsVerificationRequested(CredentialsId credentialsId, UserId userId, String attemptId, Instant at)
            implements CredentialsEvent {}

    /**
     * BingX accepted the key: what it told us about the account. {@code readOnly}: the key may read
     * but not trade perpetual futures (null in events written before permissions were read: such keys
     * had proven trading permission). {@code ipWhitelist}: the key's IP whitelist as BingX showed it
     * (empty: none; null: not read). {@code staged}: this verified a staged replacement, which now
     * becomes the key in use.
     */
    @Revision("1")
    record CredentialsVerified(
            CredentialsId credentialsId,
            UserId userId,
            String attemptId,
            String accountType,
            String asset,
            BigDecimal balance,
            PositionMode positionMode,
            Integer leverage,
            Instant at,
            Boolean readOnly,
            List<String> ipWhitelist,
            Boolean staged)
            implements CredentialsEvent {

        public boolean isReadOnly() {
            return Boolean.TRUE.equals(readOnly);
        }

        public boolean isStaged() {
            return Boolean.TRUE.equals(staged);
        }
    }

    /**
     * BingX refused the key or could not be reached. {@code detail}: BingX's code, never a secret.
     * {@code staged}: the refused key was a staged replacement; it is dropped and the verified key
     * stays in use (null or false: the key in use failed).
     */
    @Revision("1")
    record CredentialsVerificationFailed(
            CredentialsId credentialsId,
            UserId userId,
            String attemptId,
            VerificationFailure reason,
            String detail,
            Instant at,
            Boolean staged)
            implements CredentialsEvent {

        public boolean isStaged() {
            return Boolean.TRUE.equals(staged);
        }
    }

    /** The periodic health check saw a different state than before ({@code reason} null when healthy). */
    @Revision("1")
    record CredentialsHealthChanged(
            CredentialsId credentialsId,
            UserId userId,
            CredentialsHealth health,
            VerificationFailure reason,
            Instant at)
            implements CredentialsEvent {}

    /** The trader removed the key; nothing of it is used any more. */
    @Revision("1")
    record CredentialsDisconnected(CredentialsId credentialsId, UserId userId, String maskedApiKey, Instant at)
            implements CredentialsEvent {}

    /**
     * The platform read the account's USDT balance at BingX with this key while no bot of the user
     * was running (the idle poll, or a dashboard opened on a stale value) and it differed from the
     * last one recorded: the account card and the audit trail follow it. A running bot records its
     * readings as the session's {@code EquityObserved} instead.
     *
     * @param equity           balance plus unrealised PnL, USDT
     * @param availableBalance free margin, USDT
     * @param at               when BingX was asked
     */
    @Revision("1")
    record AccountBalanceObserved(
            CredentialsId credentialsId, UserId userId, BigDecimal equity, BigDecimal availableBalance, Instant at)
            implements CredentialsEvent {}
}
