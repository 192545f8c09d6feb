package dev.trenddesk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The simulator-only admin API under {@code /sim}: accounts, clock, faults, reset. JSON in and out,
 * no signature; errors are {@code {"error":"..."}}.
 */
final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PERMISSIONS = Account.PERMISSION_NUMBERS.keySet();

    private final Exchange exchange;
    private final WsHub hub;
    private final Faults faults;
    private final RateLimiter limiter;

    AdminApi(Exchange exchange, WsHub hub, Faults faults, RateLimiter limiter) {
        this.exchange = exchange;
        this.hub = hub;
        this.faults = faults;
        this.limiter = limiter;
    }

    Mono<Reply> handle(String method, String path, String body) {
        try {
            String route = method + " " + path;
            if (route.equals("POST /sim/accounts")) {
                return Mono.just(createAccount(read(body)));
            }
            if (method.equals("GET") && path.startsWith("/sim/accounts/")) {
                String apiKey = path.substring("/sim/accounts/".length());
                return Mono.just(exchange.account(apiKey)
                        .map(account -> Reply.json(200, exchange.adminView(account)))
                        .orElseGet(() -> error(404, "no account " + apiKey)));
            }
            return switch (route) {
                case "GET /sim/accounts" -> Mono.just(Reply.json(200, Map.of("accounts", exchange.adminViews())));
                case "GET /sim/clock" -> Mono.just(Reply.json(200, exchange.clock()));
                case "POST /sim/clock/step" -> step(read(body));
                case "POST /sim/faults" -> Mono.just(addFault(read(body)));
                case "DELETE /sim/faults" -> {
                    faults.clear();
                    yield Mono.just(Reply.json(200, Map.of("faults", "cleared")));
                }
                case "POST /sim/reset" -> {
                    exchange.reset();
                    faults.clear();
                    limiter.reset();
                    hub.reset();
                    exchange.saveNow();
                    yield Mono.just(Reply.json(200, Map.of("reset", true)));
                }
                default -> Mono.just(error(404, "no such admin endpoint: " + route));
            };
        } catch (IllegalArgumentException e) {
            return Mono.just(error(400, e.getMessage()));
        }
    }

    private Reply createAccount(JsonNode json) {
        String apiKey = text(json, "apiKey");
        String secretKey = text(json, "secretKey");
        BigDecimal balance = new BigDecimal(json.path("balance").asText("10000"));
        if (balance.signum() < 0) {
            throw new IllegalArgumentException("balance must not be negative");
        }
        Set<String> permissions = new LinkedHashSet<>();
        if (json.has("permissions")) {
            json.get("permissions").forEach(p -> permissions.add(p.asText().toUpperCase()));
        } else {
            permissions.addAll(Set.of("READ", "TRADE"));
        }
        if (!PERMISSIONS.containsAll(permissions)) {
            throw new IllegalArgumentException("permissions must be among READ, TRADE, TRANSFER and WITHDRAW");
        }
        List<String> ipWhitelist = new ArrayList<>();
        json.path("ipWhitelist").forEach(ip -> ipWhitelist.add(ip.asText()));
        if (ipWhitelist.stream().anyMatch(ip -> !ip.matches("[0-9A-Fa-f:./]{2,64}"))) {
            throw new IllegalArgumentException("ipWhitelist holds IPv4/IPv6 addresses or CIDR ranges");
        }
        String mode = json.path("positionMode").asText("HEDGE");
        if (!mode.equals("HEDGE") && !mode.equals("ONE_WAY")) {
            throw new IllegalArgumentException("positionMode must be HEDGE or ONE_WAY");
        }
        int leverage = json.path("leverage").asInt(5);
        if (leverage < 1 || leverage > Contract.MAX_LEVERAGE) {
            throw new IllegalArgumentException("leverage must be between 1 and " + Contract.MAX_LEVERAGE);
        }
        PlaceAnswer placeAnswer = null;
        if (json.hasNonNull("placeAnswer")) {
            try {
                placeAnswer =
                        PlaceAnswer.valueOf(json.get("placeAnswer").asText().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("placeAnswer must be ACKNOWLEDGED or FILLED");
            }
        }
        PlaceAnswer answer = placeAnswer;
        return exchange.createAccount(
                        apiKey, secretKey, balance, permissions, ipWhitelist, mode.equals("HEDGE"), leverage)
                .map(account -> {
                    if (answer != null) {
                        exchange.placeAnswer(account, answer);
                    }
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("apiKey", account.apiKey);
                    view.put("balance", Views.decimal(account.balance));
                    view.put("permissions", permissions);
                    view.put("ipWhitelist", ipWhitelist);
                    view.put("positionMode", mode);
                    view.put("leverage", leverage);
                    view.put("placeAnswer", exchange.placeAnswer(account).name());
                    return Reply.json(201, view);
                })
                .orElseGet(() -> error(409, "apiKey already exists: " + apiKey));
    }

    private Mono<Reply> step(JsonNode json) {
        int candles = json.path("candles").asInt(1);
        if (candles < 1) {
            throw new IllegalArgumentException("candles must be at least 1");
        }
        return Mono.fromCallable(() -> {
                    try {
                        return Reply.json(200, Map.of("marketTime", exchange.step(candles)));
                    } catch (IllegalStateException e) {
                        return error(409, e.getMessage());
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Reply addFault(JsonNode json) {
        Faults.Fault fault = Faults.parse(json);
        int count = json.path("count").asInt(1);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (fault.type() == Faults.Type.WS_DROP) {
            hub.dropAll();
        } else {
            faults.add(fault, count);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", fault.type().name());
        view.put("count", count);
        view.put("path", fault.path());
        return Reply.json(201, view);
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
    }

    private static String text(JsonNode json, String field) {
        String value = json.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, Map.of("error", message));
    }
}
