package dev.trenddesk.gateway.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.ConnectCredentials;
import dev.trenddesk.api.credentials.CredentialsFormat;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.api.credentials.SecretFields;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.config.ConditionalOnRole;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsStore;
import dev.trenddesk.vault.KeyVault;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Local mode: the demo traders get simulator keys, connected through the normal command path. A demo
 * trader whose verified key the built-in simulator still knows (it keeps its accounts under
 * {@code ./data} across restarts) keeps it, with their balance, positions and orders; otherwise they
 * get a fresh simulator account (10,000 USDT, hedge mode, leverage 5, read + trade) and its key. Runs
 * once the application is ready, after {@link BootstrapUsers} created the demo traders.
 */
@Component
@ConditionalOnRole("command")
public class DemoCredentials {

    private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final ObjectProvider<BingxSimulator> simulator;
    private final ObjectProvider<CredentialsStore> credentials;
    private final CommandGateway commands;
    private final KeyVault vault;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean demo;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public DemoCredentials(
            ObjectProvider<BingxSimulator> simulator,
            ObjectProvider<CredentialsStore> credentials,
            CommandGateway commands,
            KeyVault vault,
            JdbcTemplate jdbc,
            Clock clock,
            @Value("${trenddesk.demo.enabled:true}") boolean demo) {
        this.simulator = simulator;
        this.credentials = credentials;
        this.commands = commands;
        this.vault = vault;
        this.jdbc = jdbc;
        this.clock = clock;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void connectDemoTraders() {
        BingxSimulator sim = simulator.getIfAvailable();
        if (!demo || sim == null) {
            return;
        }
        for (String username :
                BootstrapUsers.DEMO_TRADERS.keySet().stream().sorted().toList()) {
            List<UUID> ids = jdbc.queryForList(
                    "select user_id from user_directory where lower(username) = lower(?) " + "and role = 'TRADER'",
                    UUID.class,
                    username);
            if (ids.isEmpty()) {
                continue;
            }
            UserId userId = new UserId(ids.getFirst());
            try {
                if (simulatorKnowsKeyOf(sim, userId)) {
                    log.info("Demo trader {} keeps their simulator key", username);
                    continue;
                }
                connect(sim, username, userId);
            } catch (RuntimeException | IOException e) {
                log.warn("Could not connect simulator keys for demo trader {}: {}", username, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** True when the trader's stored key (verified or still being verified) is an account the simulator has. */
    private boolean simulatorKnowsKeyOf(BingxSimulator sim, UserId userId) throws IOException, InterruptedException {
        CredentialsStore store = credentials.getIfAvailable();
        Optional<String> apiKey = store == null
                ? Optional.empty()
                : store.find(userId)
                        .filter(key -> key.status() != CredentialsStatus.DISCONNECTED)
                        .map(key -> vault.decryptText(userId.value(), SecretFields.API_KEY, key.apiKeyCiphertext()));
        if (apiKey.isEmpty()) {
            return false;
        }
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/accounts/"
                                + URLEncoder.encode(apiKey.get(), StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    private void connect(BingxSimulator sim, String username, UserId userId) throws IOException, InterruptedException {
        String apiKey = "demo" + randomText(60);
        String secretKey = randomText(64);
        String body = json.writeValueAsString(Map.of(
                "apiKey",
                apiKey,
                "secretKey",
                secretKey,
                "balance",
                "10000",
                "permissions",
                List.of("READ", "TRADE"),
                "positionMode",
                "HEDGE",
                "leverage",
                5));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/accounts"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("the simulator refused the demo account: HTTP " + response.statusCode());
        }
        ConnectCredentials command = new ConnectCredentials(
                CredentialsId.of(userId),
                userId,
                ExchangeName.BINGX,
                CredentialsFormat.mask(apiKey),
                vault.encryptText(userId.value(), SecretFields.API_KEY, apiKey),
                vault.encryptText(userId.value(), SecretFields.SECRET_KEY, secretKey),
                "demo-" + UUID.randomUUID(),
                clock.instant());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(
                        AxonConfiguration.ACTOR_ID, "system:demo",
                        AxonConfiguration.ACTOR_ROLE, "system",
                        AxonConfiguration.CLIENT_IP, "local",
                        AxonConfiguration.TRACE_ID, "demo-credentials"))));
        log.info("Demo trader {} connected simulator key {}", username, CredentialsFormat.mask(apiKey));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
