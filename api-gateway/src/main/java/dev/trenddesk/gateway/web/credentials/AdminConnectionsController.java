package dev.trenddesk.gateway.web.credentials;

import dev.trenddesk.api.credentials.CredentialsCommands.RotateMasterKey;
import dev.trenddesk.api.credentials.MasterKeyRotated;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.credentials.ConnectionDtos.ConnectionResponse;
import dev.trenddesk.gateway.web.credentials.ConnectionDtos.RotationResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Admins: every user's BingX connection status, and master-key rotation of the key vault. */
@RestController
@Tag(
        name = "admin-connections",
        description = "Admins: every user's BingX connection status; key-vault master-key rotation")
class AdminConnectionsController {

    private final CommandSender commands;
    private final ConnectionReader connections;
    private final Clock clock;

    public AdminConnectionsController(CommandSender commands, ConnectionReader connections, Clock clock) {
        this.commands = commands;
        this.connections = connections;
        this.clock = clock;
    }

    @Operation(summary = "Every user's BingX connection: status, masked key, account facts, health (never a secret)")
    @GetMapping("/api/admin/connections")
    public Mono<List<ConnectionResponse>> connections() {
        return connections
                .all()
                .map(all -> all.stream().map(ConnectionResponse::of).toList());
    }

    @Operation(
            summary = "Re-wrap every user's data key under the current master key (TRENDDESK_MASTER_KEY), online; "
                    + "events are not touched. Recorded as a MasterKeyRotated event with the admin")
    @PostMapping("/api/admin/key-vault/rotate")
    public Mono<RotationResponse> rotate(@AuthenticationPrincipal SessionUser admin, ServerWebExchange exchange) {
        return commands.<MasterKeyRotated>send(
                        new RotateMasterKey("rotation-" + UUID.randomUUID(), clock.instant()), admin, exchange)
                .map(RotationResponse::of);
    }
}
