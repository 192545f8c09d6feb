package dev.trenddesk.command.credentials;

import dev.trenddesk.api.credentials.CredentialsCommands.RotateMasterKey;
import dev.trenddesk.api.credentials.MasterKeyRotated;
import dev.trenddesk.vault.KeyVault;
import dev.trenddesk.vault.RotationResult;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/**
 * Master-key rotation as a command, so that it is audited like every other change: the key vault
 * re-wraps every data key under the current master key (events are not touched) and a
 * {@link MasterKeyRotated} event, carrying the admin in its metadata, records it. Both happen in
 * the command's transaction.
 */
@Component
public class MasterKeyRotationHandler {

    private final KeyVault vault;
    private final EventGateway events;

    public MasterKeyRotationHandler(KeyVault vault, EventGateway events) {
        this.vault = vault;
        this.events = events;
    }

    @CommandHandler
    public MasterKeyRotated handle(RotateMasterKey command) {
        RotationResult result = vault.rotate();
        MasterKeyRotated rotated = new MasterKeyRotated(
                command.rotationId(), result.masterKeyId(), result.rewrapped(), result.unreadable(), command.at());
        events.publish(rotated);
        return rotated;
    }
}
