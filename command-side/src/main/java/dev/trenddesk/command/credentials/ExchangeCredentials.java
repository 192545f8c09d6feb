package dev.trenddesk.command.credentials;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.ConnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.DisconnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordAccountBalance;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordCredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordCredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordHealthCheck;
import dev.trenddesk.api.credentials.CredentialsCommands.RequireTradingKey;
import dev.trenddesk.api.credentials.CredentialsCommands.TestCredentials;
import dev.trenddesk.api.credentials.CredentialsEvent.AccountBalanceObserved;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationRequested;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One trader's BingX API key: connected (as key-vault ciphertext only), verified against BingX,
 * health-checked, disconnected. Verification results name the attempt they answer, so the result
 * of a replaced key's verification can never mark the new key verified.
 *
 * <p>A new key for a user whose key is VERIFIED is <em>staged</em>: it is verified first while the
 * verified key stays the one in use (for trading, health checks, "test connection"). Its
 * verification promotes it; its failure drops it and the verified key is untouched. A newer staged
 * key replaces an older one still pending. Without a verified key (none, pending, failed) a new key
 * replaces the old one at once, as before.
 *
 * <p>Snapshotted (see {@link ExchangeCredentialsConfiguration}): the idle balance poll keeps adding
 * AccountBalanceObserved events. Its state is plain fields written by the Jackson serializer, and holds no
 * key material: the ciphertexts stay in CredentialsConnected, never in a field here. {@link #view()}
 * shows it (time travel replays it).
 *
 * <p>{@code @Revision("2")}: the state knows its exchange since revision 2. Axon skips snapshots of another
 * revision (those taken before, without it) and replays the events instead, whose upcasters name BingX.
 */
@Revision("2")
@Aggregate(snapshotTriggerDefinition = "exchangeCredentialsSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ExchangeCredentials implements AggregateView {

    private static final Pattern MASKED = Pattern.compile("^\\*{4}[\\x21-\\x7e]{0,4}$");
    private static final Pattern ATTEMPT = Pattern.compile("^[A-Za-z0-9:_-]{1,64}$");
    private static final int MAX_CIPHERTEXT = 4096;

    @AggregateIdentifier
    private CredentialsId id;

    private UserId userId;
    private CredentialsStatus status;
    private String maskedApiKey;
    /** The exchange of the key in use (of the pending key while none is verified yet). */
    private ExchangeName exchange;

    private String attemptId;
    private String resultAttemptId;
    private CredentialsHealth health;
    private VerificationFailure healthReason;
    /** The verification attempt of the staged replacement key, while it is pending; else null. */
    private String stagedAttemptId;

    private String stagedMaskedApiKey;
    private ExchangeName stagedExchange;
    /** The attempt of the latest ConnectCredentials (to recognise the same request delivered twice). */
    private String lastConnectAttemptId;
    /** The last recorded balance reading (AccountBalanceObserved), null before the first. */
    private BigDecimal observedEquity;

    private BigDecimal observedAvailable;
    private Instant observedAt;
    /** The verified key may read but not trade perpetual futures. */
    private boolean readOnly;

    protected ExchangeCredentials() {
        // for Axon
    }

    /**
     * What the credentials aggregate knows, as time travel shows it: masked keys only.
     *
     * @param exchange           the exchange of the key in use
     * @param stagedMaskedApiKey the replacement key waiting for its verification, else null
     * @param stagedExchange     the exchange of that replacement key, else null
     * @param verificationAttempt the attempt of the key in use; {@code verifiedAttempt} the one last answered
     */
    public record View(
            String credentialsId,
            String userId,
            CredentialsStatus status,
            String maskedApiKey,
            ExchangeName exchange,
            boolean readOnly,
            CredentialsHealth health,
            VerificationFailure healthReason,
            String stagedMaskedApiKey,
            ExchangeName stagedExchange,
            String verificationAttempt,
            String verifiedAttempt,
            BigDecimal observedEquity,
            BigDecimal observedAvailable,
            Instant observedAt) {}

    @Override
    public View view() {
        boolean staging = stagedAttemptId != null;
        return new View(
                id == null ? null : id.toString(),
                userId == null ? null : userId.toString(),
                status,
                maskedApiKey,
                exchange,
                readOnly,
                health,
                healthReason,
                staging ? stagedMaskedApiKey : null,
                staging ? stagedExchange : null,
                attemptId,
                resultAttemptId,
                observedEquity,
                observedAvailable,
                observedAt);
    }

    /** Connects a key, or replaces the current one; only traders may. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConnectCredentials command, UserDirectory directory) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.userId() == null || !CredentialsId.of(command.userId()).equals(command.credentialsId())) {
            violations.add(new FieldViolation("userId", "does not match the credentials id"));
        }
        if (!isCiphertext(command.apiKeyCiphertext())) {
            violations.add(new FieldViolation("apiKey", "must arrive encrypted by the key vault"));
        }
        if (!isCiphertext(command.secretKeyCiphertext())) {
            violations.add(new FieldViolation("secretKey", "must arrive encrypted by the key vault"));
        }
        if (command.exchange() == null) {
            violations.add(new FieldViolation("exchange", "is required: one of " + ExchangeName.wireValues()));
        }
        if (command.maskedApiKey() == null
                || !MASKED.matcher(command.maskedApiKey()).matches()) {
            violations.add(new FieldViolation("maskedApiKey", "must show at most the last four characters"));
        }
        if (command.attemptId() == null || !ATTEMPT.matcher(command.attemptId()).matches()) {
            violations.add(new FieldViolation("attemptId", "is required (1 to 64 letters, digits, ':', '_' or '-')"));
        }
        if (command.at() == null) {
            violations.add(new FieldViolation("at", "is required"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Role role = directory.roleOf(command.userId()).orElse(null);
        if (role != Role.TRADER) {
            throw new DomainRejection(RejectionCode.CREDENTIALS_TRADER_ONLY, "only traders can connect a BingX key");
        }
        if (command.attemptId().equals(attemptId) || command.attemptId().equals(lastConnectAttemptId)) {
            return; // the same request delivered twice
        }
        boolean replacing = status != null && status != CredentialsStatus.DISCONNECTED;
        boolean staged = status == CredentialsStatus.VERIFIED;
        apply(new CredentialsConnected(
                command.credentialsId(),
                command.userId(),
                command.maskedApiKey(),
                command.apiKeyCiphertext(),
                command.secretKeyCiphertext(),
                command.attemptId(),
                replacing,
                command.at(),
                staged ? Boolean.TRUE : null,
                command.exchange()));
    }

    /**
     * Refuses unless the key in use is verified and may trade: what a bot needs to start. Answered from
     * this aggregate, so a key the API has just shown VERIFIED is one a start accepts.
     *
     * @return the exchange of that key: the one the bot trades on
     */
    @CommandHandler
    public ExchangeName handle(RequireTradingKey command) {
        if (status != CredentialsStatus.VERIFIED) {
            throw new DomainRejection(
                    RejectionCode.TRADING_KEY_NOT_VERIFIED,
                    "verified BingX credentials are required: connect and verify your API key first");
        }
        if (readOnly) {
            throw new DomainRejection(
                    RejectionCode.TRADING_KEY_READ_ONLY,
                    "your BingX key is read-only: it may read but not trade perpetual futures. "
                            + "Enable perpetual futures trading for the key on BingX and test the connection again, or "
                            + "connect a key that may trade");
        }
        return exchange;
    }

    /** Verifies the stored key again ("test connection"). */
    @CommandHandler
    public void handle(TestCredentials command) {
        requireConnected();
        if (command.attemptId() == null || !ATTEMPT.matcher(command.attemptId()).matches()) {
            throw new InvalidInputException("attemptId", "is required (1 to 64 letters, digits, ':', '_' or '-')");
        }
        if (command.attemptId().equals(attemptId)) {
            return;
        }
        apply(new CredentialsVerificationRequested(id, userId, command.attemptId(), command.at()));
    }

    @CommandHandler
    public void handle(RecordCredentialsVerified command) {
        boolean staged = answersStagedAttempt(command.attemptId());
        if (!staged && !answersCurrentAttempt(command.attemptId())) {
            return;
        }
        apply(new CredentialsVerified(
                id,
                userId,
                command.attemptId(),
                command.accountType(),
                command.asset(),
                command.balance(),
                command.positionMode(),
                command.leverage(),
                command.at(),
                command.readOnly(),
                command.ipWhitelist() == null ? null : List.copyOf(command.ipWhitelist()),
                staged ? Boolean.TRUE : null));
    }

    @CommandHandler
    public void handle(RecordCredentialsVerificationFailed command) {
        boolean staged = answersStagedAttempt(command.attemptId());
        if (!staged && !answersCurrentAttempt(command.attemptId())) {
            return;
        }
        Objects.requireNonNull(command.reason(), "reason");
        apply(new CredentialsVerificationFailed(
                id,
                userId,
                command.attemptId(),
                command.reason(),
                command.detail(),
                command.at(),
                staged ? Boolean.TRUE : null));
    }

    /** Records a health check's result only when it differs from the last one, and only for verified keys. */
    @CommandHandler
    public void handle(RecordHealthCheck command) {
        Objects.requireNonNull(command.health(), "health");
        if (status != CredentialsStatus.VERIFIED) {
            return;
        }
        VerificationFailure reason = command.health() == CredentialsHealth.HEALTHY ? null : command.reason();
        if (command.health() == health && Objects.equals(reason, healthReason)) {
            return;
        }
        apply(new CredentialsHealthChanged(id, userId, command.health(), reason, command.at()));
    }

    /**
     * A balance read with the verified key is recorded when it differs from the last recorded one
     * (equity or free margin, compared by value) and is not older than it; otherwise, and without a
     * verified key, nothing happens: the idle poll and the dashboard's refresh send every reading.
     *
     * @return when the reading now on record was taken: the command's {@code at} when it was recorded,
     *         the older reading's time when that one stands, null without a verified key
     */
    @CommandHandler
    public Instant handle(RecordAccountBalance command) {
        Objects.requireNonNull(command.equity(), "equity");
        Objects.requireNonNull(command.at(), "at");
        if (status != CredentialsStatus.VERIFIED) {
            return null;
        }
        if (observedAt != null && command.at().isBefore(observedAt)) {
            return observedAt;
        }
        if (observedEquity != null
                && observedEquity.compareTo(command.equity()) == 0
                && sameValue(observedAvailable, command.availableBalance())) {
            return observedAt;
        }
        apply(new AccountBalanceObserved(id, userId, command.equity(), command.availableBalance(), command.at()));
        return command.at();
    }

    private static boolean sameValue(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /**
     * Removes the key. Every {@link DisconnectGuard} is asked first (a running bot refuses with 409
     * "stop your bot first"). Disconnecting what is already disconnected changes nothing.
     */
    @CommandHandler
    public void handle(DisconnectCredentials command, DisconnectGuards guards) {
        if (status == null || status == CredentialsStatus.DISCONNECTED) {
            return;
        }
        guards.check(userId);
        apply(new CredentialsDisconnected(id, userId, maskedApiKey, command.at()));
    }

    private void requireConnected() {
        if (status == null || status == CredentialsStatus.DISCONNECTED) {
            throw new DomainRejection(RejectionCode.CREDENTIALS_NOT_CONNECTED, "connect a BingX key first");
        }
    }

    private boolean answersStagedAttempt(String attempt) {
        return stagedAttemptId != null && stagedAttemptId.equals(attempt);
    }

    private boolean answersCurrentAttempt(String attempt) {
        return status != null
                && status != CredentialsStatus.DISCONNECTED
                && attempt != null
                && attempt.equals(attemptId)
                && !attempt.equals(resultAttemptId);
    }

    private static boolean isCiphertext(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CIPHERTEXT) {
            return false;
        }
        try {
            return java.util.Base64.getDecoder().decode(value).length >= 28; // nonce + tag at least
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @EventSourcingHandler
    void on(CredentialsConnected event) {
        lastConnectAttemptId = event.attemptId();
        if (event.isStaged()) {
            stagedAttemptId = event.attemptId(); // the verified key stays in use until this one is verified
            stagedMaskedApiKey = event.maskedApiKey();
            stagedExchange = event.exchange();
            return;
        }
        stagedAttemptId = null;
        stagedExchange = null;
        id = event.credentialsId();
        userId = event.userId();
        status = CredentialsStatus.PENDING;
        maskedApiKey = event.maskedApiKey();
        exchange = event.exchange();
        attemptId = event.attemptId();
        resultAttemptId = null;
        health = null;
        healthReason = null;
    }

    @EventSourcingHandler
    void on(CredentialsVerificationRequested event) {
        attemptId = event.attemptId();
    }

    @EventSourcingHandler
    void on(CredentialsVerified event) {
        if (event.isStaged()) {
            attemptId = event.attemptId(); // the staged key is now the key in use
            maskedApiKey = stagedMaskedApiKey;
            exchange = stagedExchange;
            stagedAttemptId = null;
            stagedMaskedApiKey = null;
            stagedExchange = null;
        }
        status = CredentialsStatus.VERIFIED;
        readOnly = event.isReadOnly();
        resultAttemptId = event.attemptId();
        health = CredentialsHealth.HEALTHY;
        healthReason = null;
    }

    @EventSourcingHandler
    void on(CredentialsVerificationFailed event) {
        if (event.isStaged()) {
            stagedAttemptId = null; // dropped; the verified key is untouched
            stagedExchange = null;
            return;
        }
        status = CredentialsStatus.FAILED;
        resultAttemptId = event.attemptId();
        health = null;
        healthReason = null;
    }

    @EventSourcingHandler
    void on(CredentialsHealthChanged event) {
        health = event.health();
        healthReason = event.reason();
    }

    @EventSourcingHandler
    void on(AccountBalanceObserved event) {
        observedEquity = event.equity();
        observedAvailable = event.availableBalance();
        observedAt = event.at();
    }

    @EventSourcingHandler
    void on(CredentialsDisconnected event) {
        status = CredentialsStatus.DISCONNECTED;
        stagedAttemptId = null;
        stagedExchange = null;
        attemptId = null;
        resultAttemptId = null;
        health = null;
        healthReason = null;
    }
}
