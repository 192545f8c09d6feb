package dev.trenddesk.gateway.web.credentials;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.ConnectionView;
import dev.trenddesk.api.credentials.CredentialsCommands.ConnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.DisconnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.TestCredentials;
import dev.trenddesk.api.credentials.CredentialsFormat;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.api.credentials.SecretFields;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.credentials.ConnectionDtos.ConnectRequest;
import dev.trenddesk.gateway.web.credentials.ConnectionDtos.ConnectionResponse;
import dev.trenddesk.vault.KeyVault;
import dev.trenddesk.vault.KeyVaultException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A trader's own BingX connection: connect (or replace) a key, see its status, test it, remove it.
 * Key and secret are encrypted by the key vault here, at the edge, before any command or event
 * exists; they are never returned or logged, and the key is shown only masked.
 */
@RestController
@RequestMapping("/api/me/bingx")
@Tag(name = "bingx-connection", description = "Your BingX API key (traders only): connect, status, test, disconnect")
class CredentialsController {

    private final CommandSender commands;
    private final ConnectionReader connections;
    private final KeyVault vault;
    private final Clock clock;
    private final Duration patience;
    private final List<String> egressIps;

    public CredentialsController(
            CommandSender commands,
            ConnectionReader connections,
            KeyVault vault,
            Clock clock,
            @Value("${trenddesk.credentials.api.await-verification:20s}") Duration patience,
            @Value("${trenddesk.exchange.egress-ips:}") String egressIps) {
        this.commands = commands;
        this.connections = connections;
        this.vault = vault;
        this.clock = clock;
        this.patience = patience;
        this.egressIps = Arrays.stream(egressIps.split(","))
                .map(String::trim)
                .filter(ip -> !ip.isEmpty())
                .toList();
    }

    @Operation(
            summary = "Your BingX connection: status PENDING, VERIFIED, FAILED or DISCONNECTED, the key masked, "
                    + "account facts, health, whether the key is read-only, a new key pending or refused beside the one in use, "
                    + "and the server's egress IPs to whitelist on the key")
    @GetMapping
    public Mono<ConnectionResponse> status(@AuthenticationPrincipal SessionUser me) {
        return connections
                .find(me.id())
                .map(ConnectionResponse::of)
                .defaultIfEmpty(ConnectionResponse.none(me.id().toString(), me.username()))
                .map(response -> response.withEgressIps(egressIps));
    }

    @Operation(
            summary = "Connect (or replace) your BingX API key and verify it against BingX. Answers 200 with the "
                    + "verification result (VERIFIED or FAILED with a reason), or 202 with PENDING if BingX is slow; 422 when "
                    + "a value is malformed (nothing is stored). A key with withdraw or transfer rights fails (FUNDS_PERMISSION); "
                    + "one without futures trading is VERIFIED read-only. Replacing a VERIFIED key: the new key is verified "
                    + "first (pendingKey) and the verified key stays in use until then; a refused new key leaves it in use. "
                    + "exchange names the key's exchange (BINGX when absent; an unknown one: 422 naming exchange)")
    @PostMapping
    public Mono<ResponseEntity<ConnectionResponse>> connect(
            @AuthenticationPrincipal SessionUser me, @RequestBody ConnectRequest body, ServerWebExchange exchange) {
        CredentialsFormat.check(body.apiKey(), body.secretKey());
        ExchangeName exchangeName = body.exchangeName();
        String attempt = "c-" + UUID.randomUUID();
        UserId user = me.id();
        Mono<ConnectCredentials> command = Mono.fromCallable(() -> new ConnectCredentials(
                        CredentialsId.of(user),
                        user,
                        exchangeName,
                        CredentialsFormat.mask(body.apiKey()),
                        vault.encryptText(user.value(), SecretFields.API_KEY, body.apiKey()),
                        vault.encryptText(user.value(), SecretFields.SECRET_KEY, body.secretKey()),
                        attempt,
                        clock.instant()))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(
                        KeyVaultException.class,
                        e -> new DomainRejection(RejectionCode.USER_ERASED, "this account was erased"));
        return awaitResult(user, command.flatMap(c -> commands.send(c, me, exchange)), attempt, exchangeName);
    }

    @Operation(summary = "Test your stored key against BingX again; 409 when no key is connected")
    @PostMapping("/test")
    public Mono<ResponseEntity<ConnectionResponse>> test(
            @AuthenticationPrincipal SessionUser me, ServerWebExchange exchange) {
        String attempt = "t-" + UUID.randomUUID();
        return connections
                .find(me.id())
                .filter(view -> view.status() != CredentialsStatus.DISCONNECTED)
                .switchIfEmpty(Mono.error(
                        new DomainRejection(RejectionCode.CREDENTIALS_NOT_CONNECTED, "connect a BingX key first")))
                .flatMap(view -> awaitResult(
                        me.id(),
                        commands.send(
                                new TestCredentials(CredentialsId.of(me.id()), attempt, clock.instant()), me, exchange),
                        attempt,
                        view.exchange()));
    }

    /**
     * Removes your key. The single place a disconnect is decided is the ExchangeCredentials
     * aggregate, which asks every DisconnectGuard first (409 "stop your bot first" while a bot runs).
     */
    @Operation(summary = "Remove your BingX key; 409 while your bot runs (stop it first)")
    @DeleteMapping
    public Mono<ResponseEntity<Void>> disconnect(@AuthenticationPrincipal SessionUser me, ServerWebExchange exchange) {
        return connections
                .find(me.id())
                .filter(view -> view.status() != CredentialsStatus.DISCONNECTED)
                .flatMap(view -> connections.writeThenAwait(
                        me.id(),
                        commands.send(
                                new DisconnectCredentials(CredentialsId.of(me.id()), clock.instant()), me, exchange),
                        current -> current.status() == CredentialsStatus.DISCONNECTED,
                        patience))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<ResponseEntity<ConnectionResponse>> awaitResult(
            UserId user, Mono<?> write, String attempt, ExchangeName keyExchange) {
        Predicate<ConnectionView> answered = view -> attempt.equals(view.resultAttemptId())
                || (view.pending() != null
                        && attempt.equals(view.pending().attemptId())
                        && view.pending().status() == CredentialsStatus.FAILED);
        return connections
                .writeThenAwait(user, write, answered, patience)
                .map(view -> ResponseEntity.status(answered.test(view) ? HttpStatus.OK : HttpStatus.ACCEPTED)
                        .body(ConnectionResponse.of(view).withEgressIps(egressIps)))
                .switchIfEmpty(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(pending(user, keyExchange).withEgressIps(egressIps))));
    }

    private static ConnectionResponse pending(UserId user, ExchangeName exchange) {
        return new ConnectionResponse(
                user.toString(),
                null,
                CredentialsStatus.PENDING,
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
                exchange);
    }
}
