package dev.trenddesk.gateway.web.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.credentials.ConnectionView;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.api.credentials.MasterKeyRotated;
import dev.trenddesk.api.credentials.VerificationFailure;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Web shapes of the BingX connection API; never a secret, the key only masked. */
final class ConnectionDtos {

    private ConnectionDtos() {}

    /**
     * A key to connect. Both values are checked (8 to 128 printable ASCII characters) and never echoed;
     * {@code exchange} names the exchange the key belongs to (absent: BINGX; unknown: 422 naming it).
     */
    public record ConnectRequest(
            @Schema(description = "BingX API key", requiredMode = Schema.RequiredMode.REQUIRED)
            String apiKey,

            @Schema(
                    description = "BingX secret key; stored encrypted, never shown again",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String secretKey,

            @Schema(
                    description = "The exchange the key belongs to; BINGX when absent",
                    allowableValues = {"BINGX"},
                    defaultValue = "BINGX",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED)
            String exchange) {

        /** The exchange named, BINGX when absent; an unknown name is refused naming the field {@code exchange}. */
        ExchangeName exchangeName() {
            return exchange == null ? ExchangeName.BINGX : ExchangeName.parse(exchange);
        }

        @Override
        public String toString() {
            return "ConnectRequest[apiKey=****, secretKey=****]";
        }
    }

    /** Why verification failed, for people. */
    public record Failure(VerificationFailure code, String message, String detail) {

        static Failure of(VerificationFailure code, String detail) {
            return code == null ? null : new Failure(code, code.message(), detail);
        }
    }

    /** The latest health check of a verified key. */
    public record Health(
            CredentialsHealth status,
            VerificationFailure reason,
            String message,
            Instant changedAt,
            Instant lastCheckedAt) {}

    /**
     * A new key waiting to replace the verified one: PENDING while BingX is asked, FAILED (with the
     * reason) when refused. The verified key stays in use meanwhile; once verified, the new key
     * replaces it and this disappears.
     */
    public record PendingKey(
            String maskedApiKey,
            CredentialsStatus status,
            Instant connectedAt,
            Failure failure,
            ExchangeName exchange) {

        static PendingKey of(ConnectionView.PendingKey pending) {
            return pending == null
                    ? null
                    : new PendingKey(
                            pending.maskedApiKey(),
                            pending.status(),
                            pending.connectedAt(),
                            pending.status() == CredentialsStatus.FAILED
                                    ? Failure.of(pending.failure(), pending.failureDetail())
                                    : null,
                            pending.exchange());
        }
    }

    /**
     * A user's connection: {@code status} PENDING, VERIFIED, FAILED or DISCONNECTED; the key masked to
     * its last four characters. {@code readOnly}: the verified key may read but not trade (no bot can
     * start). {@code ipWhitelist}: the key's IP whitelist as BingX showed it (empty: none).
     * {@code pendingKey}: a new key not yet in use. {@code egressIps}: the addresses this server calls
     * BingX from, to put on the key's IP whitelist (empty: ask the operator). {@code exchange}: the exchange
     * of the key (null when none was ever connected).
     */
    public record ConnectionResponse(
            String userId,
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
            Failure failure,
            Health health,
            Boolean readOnly,
            List<String> ipWhitelist,
            PendingKey pendingKey,
            List<String> egressIps,
            ExchangeName exchange) {

        ConnectionResponse withEgressIps(List<String> ips) {
            return new ConnectionResponse(
                    userId,
                    username,
                    status,
                    maskedApiKey,
                    accountType,
                    asset,
                    balance,
                    positionMode,
                    leverage,
                    connectedAt,
                    lastVerifiedAt,
                    failure,
                    health,
                    readOnly,
                    ipWhitelist,
                    pendingKey,
                    ips,
                    exchange);
        }

        static ConnectionResponse of(ConnectionView view) {
            Health health = view.health() == null
                    ? null
                    : new Health(
                            view.health(),
                            view.healthReason(),
                            view.healthReason() == null
                                    ? null
                                    : view.healthReason().message(),
                            view.healthChangedAt(),
                            view.lastCheckedAt());
            return new ConnectionResponse(
                    view.userId().toString(),
                    view.username(),
                    view.status(),
                    view.maskedApiKey(),
                    view.accountType(),
                    view.asset(),
                    view.balance(),
                    view.positionMode(),
                    view.leverage(),
                    view.connectedAt(),
                    view.lastVerifiedAt(),
                    view.status() == CredentialsStatus.FAILED ? Failure.of(view.failure(), view.failureDetail()) : null,
                    health,
                    view.status() == CredentialsStatus.VERIFIED ? view.readOnly() : null,
                    view.status() == CredentialsStatus.VERIFIED ? view.ipWhitelist() : null,
                    PendingKey.of(view.pending()),
                    null,
                    view.exchange());
        }

        static ConnectionResponse none(String userId, String username) {
            return new ConnectionResponse(
                    userId,
                    username,
                    CredentialsStatus.DISCONNECTED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }

    /** What a master-key rotation did. */
    public record RotationResponse(String rotationId, String masterKeyId, int rewrapped, int unreadable, Instant at) {

        static RotationResponse of(MasterKeyRotated rotated) {
            return new RotationResponse(
                    rotated.rotationId(),
                    rotated.masterKeyId(),
                    rotated.rewrapped(),
                    rotated.unreadable(),
                    rotated.at());
        }
    }
}
