package dev.trenddesk.gateway.web;

import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.user.UserCommands.ChangeEmail;
import dev.trenddesk.api.user.UserCommands.ChangePassword;
import dev.trenddesk.api.user.UserCommands.UpdateTradingSettings;
import dev.trenddesk.gateway.security.SessionCookies;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.security.WebSessionStore;
import dev.trenddesk.gateway.web.Dtos.ChangeEmailRequest;
import dev.trenddesk.gateway.web.Dtos.ChangePasswordRequest;
import dev.trenddesk.gateway.web.Dtos.SettingsBody;
import dev.trenddesk.gateway.web.Dtos.UserResponse;
import dev.trenddesk.gateway.web.trading.BotCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/me")
@Tag(name = "me", description = "The logged-in person's own profile, e-mail address, password and trading settings")
class MeController {

    private final CommandSender commands;
    private final UserReader users;
    private final WebSessionStore sessions;
    private final SessionCookies cookies;
    private final BotCommands bots;
    private final Clock clock;

    public MeController(
            CommandSender commands,
            UserReader users,
            WebSessionStore sessions,
            SessionCookies cookies,
            BotCommands bots,
            Clock clock) {
        this.bots = bots;
        this.commands = commands;
        this.users = users;
        this.sessions = sessions;
        this.cookies = cookies;
        this.clock = clock;
    }

    @Operation(summary = "Your own profile")
    @GetMapping
    public Mono<UserResponse> me(@AuthenticationPrincipal SessionUser me) {
        return users.require(me.id()).map(view -> UserResponse.of(view, clock.instant()));
    }

    /** Also ends every other session of this person (and their open streams); the current one stays. */
    @Operation(summary = "Change your own password; the current one is required")
    @PutMapping("/password")
    public Mono<ResponseEntity<Void>> changePassword(
            @AuthenticationPrincipal SessionUser me,
            @Valid @RequestBody ChangePasswordRequest body,
            ServerWebExchange exchange) {
        return commands.send(
                        new ChangePassword(
                                me.id(),
                                new Password(body.currentPassword()),
                                new Password(body.newPassword()),
                                clock.instant()),
                        me,
                        exchange)
                .then(sessions.endOthersOf(me.id(), cookies.read(exchange)))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /**
     * Answers the profile once it shows the new address. 422 naming {@code email} for a malformed
     * address, one another account has, or the present one; naming {@code currentPassword} for a wrong
     * password (checked before whether the address is taken).
     */
    @Operation(
            summary = "Change your own e-mail address; the current password is required. Answers your profile "
                    + "with the new address (stored in lower case)")
    @PutMapping("/email")
    public Mono<UserResponse> changeEmail(
            @AuthenticationPrincipal SessionUser me,
            @Valid @RequestBody ChangeEmailRequest body,
            ServerWebExchange exchange) {
        String email = body.email().trim();
        ChangeEmail command = new ChangeEmail(me.id(), email, new Password(body.currentPassword()), clock.instant());
        return users.writeThenRead(
                        me.id(), commands.send(command, me, exchange), view -> email.equalsIgnoreCase(view.email()))
                .map(view -> UserResponse.of(view, clock.instant()));
    }

    @Operation(summary = "Your trading settings (traders only)")
    @GetMapping("/settings")
    public Mono<SettingsBody> settings(@AuthenticationPrincipal SessionUser me) {
        return users.require(me.id()).map(view -> SettingsBody.of(view.settings()));
    }

    /**
     * A running or paused bot gets the new settings first (used from its next candle); when it refuses
     * them (409: leverage or position mode while positions are open, removing a symbol that holds a
     * position) nothing is saved.
     */
    @Operation(
            summary = "Replace your trading settings (traders only); every field is validated against its range. "
                    + "A running bot uses them from its next candle; 409 when it cannot (leverage or position mode with "
                    + "positions open, removing a symbol that holds a position), and then nothing is saved")
    @PutMapping("/settings")
    public Mono<SettingsBody> updateSettings(
            @AuthenticationPrincipal SessionUser me,
            @Valid @RequestBody SettingsBody body,
            ServerWebExchange exchange) {
        TradingSettings settings = body.toSettings().validated();
        return bots.changeSettings(me.id(), settings, me, exchange)
                .then(Mono.defer(() -> users.writeThenRead(
                        me.id(),
                        commands.send(new UpdateTradingSettings(me.id(), settings, clock.instant()), me, exchange),
                        view -> view.settings().sameAs(settings))))
                .map(view -> SettingsBody.of(view.settings()));
    }
}
