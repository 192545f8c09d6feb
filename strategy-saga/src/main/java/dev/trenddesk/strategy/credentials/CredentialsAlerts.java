package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsHealth;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/**
 * Tells the user when the health of their BingX key changes: CREDENTIALS_UNHEALTHY (warning, with
 * the reason) or CREDENTIALS_HEALTHY again (info). The alert id is derived from the event, so a
 * redelivered event never raises a second alert; never replayed.
 */
@Component
@ProcessingGroup(CredentialsAlerts.GROUP)
@DisallowReplay
public class CredentialsAlerts {

    public static final String GROUP = "credentials-alerts";

    private final EventGateway events;

    public CredentialsAlerts(EventGateway events) {
        this.events = events;
    }

    /**
     * A new key that was to replace a verified one was refused: CREDENTIALS_UPDATE_FAILED (warning).
     * The verified key stays in use, so a running bot goes on trading with it.
     */
    @EventHandler
    void on(CredentialsVerificationFailed event, @SequenceNumber Long sequence) {
        if (!event.isStaged()) {
            return;
        }
        events.publish(new AlertRaised(
                "credentials-update:" + event.credentialsId() + ":" + sequence,
                event.userId(),
                AlertRaised.Severity.WARNING,
                "CREDENTIALS_UPDATE_FAILED",
                "Your new BingX key was not accepted: " + event.reason().message()
                        + ". Your previous key stays active, and your bot (if running) keeps trading with it.",
                event.at()));
    }

    @EventHandler
    void on(CredentialsHealthChanged event, @SequenceNumber Long sequence) {
        boolean healthy = event.health() == CredentialsHealth.HEALTHY;
        String message = healthy
                ? "Your BingX key works again."
                : "Your BingX key failed its health check: " + event.reason().message();
        events.publish(new AlertRaised(
                "credentials-health:" + event.credentialsId() + ":" + sequence,
                event.userId(),
                healthy ? AlertRaised.Severity.INFO : AlertRaised.Severity.WARNING,
                healthy ? "CREDENTIALS_HEALTHY" : "CREDENTIALS_UNHEALTHY",
                message,
                event.at()));
    }
}
