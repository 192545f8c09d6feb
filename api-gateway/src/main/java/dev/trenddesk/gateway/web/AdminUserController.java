package dev.trenddesk.gateway.web;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserCommands.ChangeRole;
import dev.trenddesk.api.user.UserCommands.DeactivateUser;
import dev.trenddesk.api.user.UserCommands.EraseUser;
import dev.trenddesk.api.user.UserCommands.GrantTradingPermission;
import dev.trenddesk.api.user.UserCommands.GrantViewerAccess;
import dev.trenddesk.api.user.UserCommands.ReactivateUser;
import dev.trenddesk.api.user.UserCommands.RegisterUser;
import dev.trenddesk.api.user.UserCommands.ResetPassword;
import dev.trenddesk.api.user.UserCommands.RevokeTradingPermission;
import dev.trenddesk.api.user.UserCommands.RevokeViewerAccess;
import dev.trenddesk.api.user.UserCommands.UnlockUser;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.gateway.security.AccessEnd;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.security.WebSessionStore;
import dev.trenddesk.gateway.web.Dtos.CreateUserRequest;
import dev.trenddesk.gateway.web.Dtos.CreatedResponse;
import dev.trenddesk.gateway.web.Dtos.ResetPasswordRequest;
import dev.trenddesk.gateway.web.Dtos.UpdateUserRequest;
import dev.trenddesk.gateway.web.Dtos.UserResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/admin/users")
@Tag(
        name = "admin-users",
        description =
                "Admins manage people: create, role, activation, trading permission, unlock, password reset, viewer grants")
class AdminUserController {

    private final CommandSender commands;
    private final UserReader users;
    private final WebSessionStore sessions;
    private final Clock clock;

    public AdminUserController(CommandSender commands, UserReader users, WebSessionStore sessions, Clock clock) {
        this.commands = commands;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Operation(summary = "Every user")
    @GetMapping
    public Mono<List<UserResponse>> list() {
        return users.all().map(all -> all.stream()
                .map(view -> UserResponse.of(view, clock.instant()))
                .toList());
    }

    @Operation(summary = "Create a user with role admin, trader, viewer or auditor; answers 201 with the new id")
    @PostMapping
    public Mono<ResponseEntity<CreatedResponse>> create(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody CreateUserRequest body,
            ServerWebExchange exchange) {
        UserId id = UserId.random();
        RegisterUser command = new RegisterUser(
                id,
                body.username().trim(),
                body.email().trim(),
                body.role(),
                new Password(body.password()),
                clock.instant());
        return users.writeThenRead(id, commands.send(command, admin, exchange), view -> true)
                .map(view -> ResponseEntity.created(URI.create("/api/admin/users/" + id))
                        .body(new CreatedResponse(id.toString())));
    }

    @Operation(summary = "One user")
    @GetMapping("/{id}")
    public Mono<UserResponse> get(@PathVariable UserId id) {
        return users.require(id).map(view -> UserResponse.of(view, clock.instant()));
    }

    @Operation(summary = "Change role, activation and/or trading permission (any of role, active, tradingEnabled)")
    @PatchMapping("/{id}")
    public Mono<UserResponse> update(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId id,
            @Valid @RequestBody UpdateUserRequest body,
            ServerWebExchange exchange) {
        if (body.role() == null && body.active() == null && body.tradingEnabled() == null) {
            throw new InvalidInputException("body", "give at least one of role, active, tradingEnabled");
        }
        // "at least one active admin" is enforced by the command side, under concurrency too (ADR 0012):
        // an admin may step down while another active admin remains; the last one is refused with 409
        return users.require(id)
                .flatMap(current -> {
                    Role role = body.role() == null ? current.role() : body.role();
                    if (Boolean.TRUE.equals(body.tradingEnabled()) && role != Role.TRADER) {
                        return Mono.error(new InvalidInputException(
                                "tradingEnabled", "only traders can be given trading permission"));
                    }
                    List<Object> changes = new ArrayList<>();
                    if (body.role() != null && body.role() != current.role()) {
                        changes.add(new ChangeRole(id, body.role(), clock.instant()));
                    }
                    if (body.active() != null && body.active() != current.active()) {
                        changes.add(
                                body.active()
                                        ? new ReactivateUser(id, clock.instant())
                                        : new DeactivateUser(id, clock.instant()));
                    }
                    if (body.tradingEnabled() != null
                            && (body.tradingEnabled() != current.tradingEnabled() || body.role() != null)) {
                        changes.add(
                                body.tradingEnabled()
                                        ? new GrantTradingPermission(id, clock.instant())
                                        : new RevokeTradingPermission(id, clock.instant()));
                    }
                    Mono<Void> write = Flux.fromIterable(changes)
                            .concatMap(c -> commands.send(c, admin, exchange))
                            .then(
                                    Boolean.FALSE.equals(body.active())
                                            ? sessions.endAllOf(id, AccessEnd.DEACTIVATED)
                                            : Mono.empty());
                    return users.writeThenRead(id, write, view -> matches(view, body));
                })
                .map(view -> UserResponse.of(view, clock.instant()));
    }

    @Operation(summary = "Lift a login lockout")
    @PostMapping("/{id}/unlock")
    public Mono<UserResponse> unlock(
            @AuthenticationPrincipal SessionUser admin, @PathVariable UserId id, ServerWebExchange exchange) {
        return users.require(id)
                .flatMap(current -> users.writeThenRead(
                        id,
                        commands.send(new UnlockUser(id, clock.instant()), admin, exchange),
                        view -> !view.lockedAt(clock.instant())))
                .map(view -> UserResponse.of(view, clock.instant()));
    }

    @Operation(summary = "Set a new password for a user; ends their sessions")
    @PutMapping("/{id}/password")
    public Mono<ResponseEntity<Void>> resetPassword(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId id,
            @Valid @RequestBody ResetPasswordRequest body,
            ServerWebExchange exchange) {
        return users.require(id)
                .then(commands.send(
                        new ResetPassword(id, new Password(body.password()), clock.instant()), admin, exchange))
                .then(sessions.endAllOf(id, AccessEnd.PASSWORD_RESET))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(
            summary = "Erase a user (right to erasure): deactivates the account, forgets the password hash and "
                    + "destroys the user's data key, so every BingX secret of theirs in old events becomes unreadable")
    @PostMapping("/{id}/erase")
    public Mono<ResponseEntity<Void>> erase(
            @AuthenticationPrincipal SessionUser admin, @PathVariable UserId id, ServerWebExchange exchange) {
        if (admin.id().equals(id)) {
            throw new IllegalStateException("admins cannot erase themselves");
        }
        return users.require(id)
                .then(commands.send(new EraseUser(id, clock.instant()), admin, exchange))
                .then(sessions.endAllOf(id, AccessEnd.DEACTIVATED))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Let a viewer read a trader's data")
    @PutMapping("/{viewerId}/grants/{traderId}")
    public Mono<UserResponse> grant(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId viewerId,
            @PathVariable UserId traderId,
            ServerWebExchange exchange) {
        return users.require(viewerId)
                .flatMap(viewer -> users.writeThenRead(
                        viewerId,
                        commands.send(new GrantViewerAccess(viewerId, traderId, clock.instant()), admin, exchange),
                        view -> view.grantedTraders().contains(traderId)))
                .map(view -> UserResponse.of(view, clock.instant()));
    }

    @Operation(summary = "Take back a viewer's access to a trader's data")
    @DeleteMapping("/{viewerId}/grants/{traderId}")
    public Mono<UserResponse> revoke(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId viewerId,
            @PathVariable UserId traderId,
            ServerWebExchange exchange) {
        return users.require(viewerId)
                .flatMap(viewer -> users.writeThenRead(
                        viewerId,
                        commands.send(new RevokeViewerAccess(viewerId, traderId, clock.instant()), admin, exchange),
                        view -> !view.grantedTraders().contains(traderId)))
                .map(view -> UserResponse.of(view, clock.instant()));
    }

    private static boolean matches(UserView view, UpdateUserRequest body) {
        return (body.role() == null || view.role() == body.role())
                && (body.active() == null || view.active() == body.active())
                && (body.tradingEnabled() == null || view.tradingEnabled() == body.tradingEnabled());
    }
}
