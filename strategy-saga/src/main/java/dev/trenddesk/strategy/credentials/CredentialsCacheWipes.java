package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.MasterKeyRotated;
import dev.trenddesk.api.user.UserEvent.UserErased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Drops decrypted keys the {@link VaultCredentialsProvider} remembers as soon as this process records a change of
 * them: a key connected, verified or failed, disconnected, its user erased (that user's key), the master key rotated
 * (every key). A subscribing processor (config/credentials.yml): it runs in the process that recorded the event,
 * with nothing to replay. Other nodes drop the key at their next read, which finds the row changed, or after the
 * cache's time to live.
 */
@Component
@ProcessingGroup(CredentialsCacheWipes.GROUP)
public class CredentialsCacheWipes {

    public static final String GROUP = "credentials-cache";

    private final VaultCredentialsProvider provider;

    public CredentialsCacheWipes(VaultCredentialsProvider provider) {
        this.provider = provider;
    }

    @EventHandler
    void on(CredentialsConnected event) {
        provider.forget(event.userId());
    }

    @EventHandler
    void on(CredentialsVerified event) {
        provider.forget(event.userId());
    }

    @EventHandler
    void on(CredentialsVerificationFailed event) {
        provider.forget(event.userId());
    }

    @EventHandler
    void on(CredentialsDisconnected event) {
        provider.forget(event.userId());
    }

    @EventHandler
    void on(UserErased event) {
        provider.forget(event.userId());
    }

    @EventHandler
    void on(MasterKeyRotated event) {
        provider.forgetAll();
    }
}
