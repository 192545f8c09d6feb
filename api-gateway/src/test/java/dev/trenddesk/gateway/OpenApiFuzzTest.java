package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Names;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Fuzzes every operation of the live OpenAPI document ({@code /v3/api-docs}) with a corpus of
 * malformed parameters and bodies, as a caller that may call it (admin for /api/admin, an auditor for
 * /api/audit, a trader for /api/me and their own /api/users/{id}). Every answer must be below 500 and
 * every 4xx an RFC 7807 problem+json; for the operations that write, every refused request must have
 * written nothing (checked after each request and again at the end).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiFuzzTest {

    /**
     * Operations that are not fuzzed, and why. Each must exist in the OpenAPI document, so that this
     * list cannot hide an operation that was renamed or removed.
     */
    private static final Map<String, String> EXCLUDED = Map.of(
            // takes no parameter and no body, so there is nothing to malform; every call re-wraps every
            // user's data key under the master key (ShreddingAndRotationTest covers it)
            "POST /api/admin/key-vault/rotate", "no input; each call rotates the key vault",
            // a download streaming the whole audit log; its filters go through the same Params as
            // GET /api/audit/events (fuzzed), and its own 'format' is checked in AuditLogTest
            "GET /api/audit/export", "download of the whole audit log");

    /**
     * Whole-body inputs that are JSON after all, which Jackson may accept: RFC 8259 lets a parser
     * ignore a byte order mark, and Jackson detects UTF-16 (RFC 7159 allowed it). Every other
     * "body ..." input is malformed and must be refused.
     */
    private static final Set<String> WELL_FORMED_BODIES = Set.of("body byte order mark", "body as JSON in UTF-16");

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String JSON = "application/json";

    /** Values for one path, query or header parameter, already percent-encoded where they go into the URL. */
    private static final List<String[]> PARAMETER_VALUES = List.of(
            new String[] {"empty", ""},
            new String[] {"blank", "%20%20"},
            new String[] {"negative", "-1"},
            new String[] {"zero", "0"},
            new String[] {"fraction", "1.5"},
            new String[] {"overflow", "99999999999999999999"},
            new String[] {"huge exponent", "1e999999999"},
            new String[] {"NaN", "NaN"},
            new String[] {"Infinity", "Infinity"},
            new String[] {"null", "null"},
            new String[] {"JSON", "%7B%22a%22%3A%5B%5D%7D"},
            new String[] {"NUL", "%00"},
            new String[] {"lone surrogate (CESU-8)", "%ED%A0%80"},
            new String[] {"invalid UTF-8", "%FF%FE"},
            new String[] {"unicode", "%C3%BC%F0%9F%98%80%E2%80%AE"},
            new String[] {"2000 characters", "a".repeat(2000)},
            new String[] {"path traversal", "..%2F..%2Fetc%2Fpasswd"},
            new String[] {"SQL", "%27%20OR%201%3D1--"},
            new String[] {"bad date", "2026-13-45T99%3A00%3A00Z"},
            new String[] {"CRLF", "%0D%0ASet-Cookie%3A%20x%3D1"});

    /** Values for a header parameter (sent as they are; HTTP allows no control characters there). */
    private static final List<String[]> HEADER_VALUES = List.of(
            new String[] {"empty", ""},
            new String[] {"negative", "-1"},
            new String[] {"overflow", "99999999999999999999"},
            new String[] {"text", "not-an-id"},
            new String[] {"2000 characters", "9".repeat(2000)},
            new String[] {"JSON", "{\"a\":1}"});

    /** Raw JSON values put in place of one field of a body (wrong types among them for every field type). */
    private static final List<String[]> FIELD_VALUES = List.of(
            new String[] {"null", "null"},
            new String[] {"empty string", "\"\""},
            new String[] {"NaN", "NaN"},
            new String[] {"Infinity", "Infinity"},
            new String[] {"-Infinity", "-Infinity"},
            new String[] {"string NaN", "\"NaN\""},
            new String[] {"huge number", "1e999999999"},
            new String[] {"huge negative number", "-1e999999999"},
            new String[] {"tiny number", "1e-999999999"},
            new String[] {"overflow", "99999999999999999999"},
            new String[] {"negative", "-1"},
            new String[] {"negative fraction", "-0.5"},
            new String[] {"lone surrogate", "\"x\\ud800\""},
            new String[] {"unicode", "\"\u00fc\ud83d\ude00\\u202e\\u0000\\u001b[31m\""},
            new String[] {"50 000 characters", "\"" + "a".repeat(50_000) + "\""},
            new String[] {"empty array", "[]"},
            new String[] {"empty object", "{}"},
            new String[] {"nested junk", "[{\"a\":[null,{}]}]"});

    @LocalServerPort
    int port;

    private People people;
    private Api admin;
    private Api anonymous;
    private Api auditor;
    private Person trader;
    private Api traderApi;
    private Person subject;
    private Person viewerGranted;
    private Person viewerNotGranted;
    private JsonNode document;
    private final UUID nobody = UUID.randomUUID();

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> accepted = new TreeMap<>();
    private int requests;

    @BeforeAll
    void world() {
        people = new People(port);
        admin = people.admin();
        anonymous = Api.at(port);
        auditor = people.create("auditor").login();
        trader = people.create("trader");
        traderApi = trader.login();
        subject = people.create("trader");
        viewerGranted = people.create("viewer");
        viewerNotGranted = people.create("viewer");
        assertThat(admin.put("/api/admin/users/" + viewerGranted.id() + "/grants/" + subject.id(), Map.of())
                        .status())
                .isEqualTo(200);
        Api.Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        document = docs.json();
    }

    record Operation(String method, String path, JsonNode spec) {

        String key() {
            return method + " " + path;
        }
    }

    record Input(String label, String pathAndQuery, byte[] body, String contentType, Map<String, String> headers) {}

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue()
                .fields()
                .forEachRemaining(
                        op -> operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()))));
        return operations;
    }

    @Test
    void theExclusionListNamesOnlyOperationsThatExist() {
        Set<String> keys = operations().stream().map(Operation::key).collect(Collectors.toSet());
        assertThat(keys).as("operations in /v3/api-docs").containsAll(EXCLUDED.keySet());
        assertThat(keys).as("the document lists the API").hasSizeGreaterThan(40);
    }

    @Test
    void noOperationAnswersMalformedInputWithA5xxOrAnythingButProblemJson() {
        long started = System.nanoTime();
        Map<String, Object> before = state();
        int operationsFuzzed = 0;
        int inputs = 0;
        for (Operation operation : operations()) {
            if (EXCLUDED.containsKey(operation.key())) {
                continue;
            }
            operationsFuzzed++;
            List<Input> corpus = corpus(operation);
            inputs += corpus.size();
            Supplier<Object> written = writeProbe(operation);
            Object was = written == null ? null : written.get();
            for (Input input : corpus) {
                Api.Response response = send(operation, input);
                if (response == null) {
                    continue;
                }
                check(operation, input, response);
                if (written != null) {
                    Object now = written.get();
                    if (!now.equals(was)) {
                        failures.add(operation.key() + " [" + input.label() + "] → " + response.status()
                                + " changed what it writes:\n  before " + abbreviate(String.valueOf(was))
                                + "\n  after  " + abbreviate(String.valueOf(now)));
                        was = now;
                    }
                }
            }
        }
        Map<String, Object> after = state();
        if (!after.equals(before)) {
            failures.add(
                    "users, settings, BingX connection or grants changed:\n  before " + before + "\n  after  " + after);
        }
        if (Api.at(port).login(trader.username(), trader.password()).status() != 200) {
            failures.add("the trader's password changed");
        }
        if (Api.at(port).login(subject.username(), subject.password()).status() != 200) {
            failures.add("the admin-managed user's password changed");
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf(
                "OpenApiFuzzTest: %d operations fuzzed (%d excluded), %d inputs, %d requests in %d s;"
                        + " statuses %s; accepted (2xx) by %s%n",
                operationsFuzzed, EXCLUDED.size(), inputs, requests, seconds, statuses, accepted);
        failures.forEach(failure -> System.out.println("FUZZ FAILURE " + failure));
        assertThat(failures)
                .as("malformed requests answered wrongly (" + failures.size() + " of " + requests + ")")
                .isEmpty();
    }

    // ---------------------------------------------------------------- corpus

    private List<Input> corpus(Operation operation) {
        List<Input> corpus = new ArrayList<>();
        Map<String, String> path = validPathParameters(operation);
        String fixedQuery = operation.path().endsWith("/stream") ? "follow=false" : "";
        for (JsonNode parameter : operation.spec().path("parameters")) {
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> {
                    for (String[] value : PARAMETER_VALUES) {
                        Map<String, String> changed = new LinkedHashMap<>(path);
                        changed.put(name, value[1]);
                        corpus.add(new Input(
                                name + "=" + value[0], url(operation, changed, fixedQuery), null, null, Map.of()));
                    }
                }
                case "query" -> {
                    String others = name.equals("follow") ? "" : fixedQuery;
                    for (String[] value : PARAMETER_VALUES) {
                        corpus.add(new Input(
                                name + "=" + value[0],
                                url(operation, path, join(others, name + "=" + value[1])),
                                null,
                                null,
                                Map.of()));
                    }
                    corpus.add(new Input(
                            name + " twice",
                            url(operation, path, join(others, name + "=1&" + name + "=x")),
                            null,
                            null,
                            Map.of()));
                    corpus.add(new Input(
                            name + " without =", url(operation, path, join(others, name)), null, null, Map.of()));
                }
                case "header" -> {
                    for (String[] value : HEADER_VALUES) {
                        corpus.add(new Input(
                                name + ": " + value[0],
                                url(operation, path, fixedQuery),
                                null,
                                null,
                                Map.of(name, value[1])));
                    }
                }
                default ->
                    throw new AssertionError("unexpected parameter location in " + operation.key() + ": " + parameter);
            }
        }
        String plain = url(operation, path, fixedQuery);
        corpus.add(new Input(
                "unknown query parameter",
                url(operation, path, join(fixedQuery, "zz%ED%A0%80=%FF")),
                null,
                null,
                Map.of()));
        JsonNode bodySchema =
                operation.spec().path("requestBody").path("content").path(JSON).path("schema");
        if (bodySchema.isMissingNode()) {
            if (!operation.method().equals("GET")) {
                corpus.add(new Input("a body where none is read", plain, bytes("{\"zz\": NaN"), JSON, Map.of()));
            }
            return corpus;
        }
        ObjectNode base = base(operation, bodySchema);
        String baseText = base.toString();
        for (String[] whole : List.of(
                new String[] {"empty body", ""},
                new String[] {"null", "null"},
                new String[] {"array", "[]"},
                new String[] {"string", "\"x\""},
                new String[] {"number", "12"},
                new String[] {"NaN", "NaN"},
                new String[] {"truncated", "{"},
                new String[] {"missing value", "{\"a\":}"},
                new String[] {"trailing garbage", baseText + " x"},
                new String[] {"two documents", baseText + baseText},
                new String[] {"comment", "/* c */" + baseText},
                new String[] {"single quotes", baseText.replace('"', '\'')},
                new String[] {"byte order mark", "\uFEFF" + baseText},
                new String[] {"3000 levels deep", "[".repeat(3000) + "]".repeat(3000)},
                new String[] {"over 64 KiB", "{\"x\": \"" + "a".repeat(70 * 1024) + "\"}"},
                new String[] {"unknown field", baseText.replaceFirst("\\{", "{\"__proto__\": {\"admin\": true}, ")})) {
            corpus.add(new Input("body " + whole[0], plain, bytes(whole[1]), JSON, Map.of()));
        }
        byte[] invalidUtf8 = bytes(baseText.replaceFirst("\\{", "{\"zz\": \"\u0001\", "));
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 1) {
                invalidUtf8[i] = (byte) 0xC3;
            }
        }
        corpus.add(new Input("body with invalid UTF-8", plain, invalidUtf8, JSON, Map.of()));
        corpus.add(new Input("body as text/plain", plain, bytes(baseText), "text/plain", Map.of()));
        corpus.add(new Input("body without content type", plain, bytes(baseText), null, Map.of()));
        corpus.add(new Input("body as a form", plain, bytes("a=b"), "application/x-www-form-urlencoded", Map.of()));
        corpus.add(
                new Input("body as JSON in UTF-16", plain, baseText.getBytes(StandardCharsets.UTF_16), JSON, Map.of()));
        fieldMutations(operation, plain, base, base, "", bodySchema, corpus, 0);
        return corpus;
    }

    /** For each field (and each field of an object field): every value of the corpus, left out, and given twice. */
    private void fieldMutations(
            Operation operation,
            String url,
            ObjectNode root,
            ObjectNode object,
            String prefix,
            JsonNode schema,
            List<Input> corpus,
            int depth) {
        JsonNode resolved = resolve(schema);
        Iterator<Map.Entry<String, JsonNode>> fields =
                resolved.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String label = prefix + name;
            JsonNode original = object.get(name);
            String marker = "\"@@" + UUID.randomUUID() + "@@\"";
            object.put(name, marker.substring(1, marker.length() - 1));
            String template = root.toString();
            List<String[]> values = new ArrayList<>(FIELD_VALUES);
            // a wrong type for every field: a boolean where none is, a number or a string where one is
            values.add(
                    resolve(field.getValue()).path("type").asText().equals("boolean")
                            ? new String[] {"number for a boolean", "1"}
                            : new String[] {"boolean", "true"});
            values.add(new String[] {"string for a boolean", "\"false\""});
            for (String[] value : values) {
                corpus.add(new Input(
                        label + " = " + value[0], url, bytes(template.replace(marker, value[1])), JSON, Map.of()));
            }
            String duplicate = original == null ? "null" : original.toString();
            corpus.add(new Input(
                    label + " given twice",
                    url,
                    bytes(template.replace(marker, duplicate + ", \"" + name + "\": " + duplicate)),
                    JSON,
                    Map.of()));
            object.remove(name);
            corpus.add(new Input(label + " left out", url, bytes(root.toString()), JSON, Map.of()));
            if (original != null) {
                object.set(name, original);
            }
            JsonNode fieldSchema = resolve(field.getValue());
            if (depth == 0 && original instanceof ObjectNode nested && fieldSchema.has("properties")) {
                fieldMutations(operation, url, root, nested, label + ".", fieldSchema, corpus, depth + 1);
            }
        }
        // keep the fields in their original order for the next operation's template
    }

    /** A body that is right in shape, and harmless where the operation writes (see {@link #writeProbe}). */
    private ObjectNode base(Operation operation, JsonNode schema) {
        JsonNode settings = traderApi.get("/api/me/settings").json();
        ObjectNode base =
                switch (operation.key()) {
                    case "POST /api/auth/login" ->
                        object(Map.of("username", Names.unique("nobody"), "password", "not a password"));
                    case "PUT /api/me/password" ->
                        object(Map.of(
                                "currentPassword",
                                "not the password",
                                "newPassword",
                                "a new password that is never set"));
                    // never the trader's password, so the address is never changed
                    case "PUT /api/me/email" ->
                        object(Map.of("email", "fuzzed@example.org", "currentPassword", "not the password"));
                    case "PUT /api/me/settings" -> settings.deepCopy();
                    // a valid e-mail and password would create the user if the username survived: the e-mail is never
                    // valid
                    case "POST /api/admin/users" ->
                        object(Map.of(
                                "username",
                                Names.unique("fuzz"),
                                "email",
                                "not an e-mail",
                                "password",
                                "short",
                                "role",
                                "viewer"));
                    // the subject's own values: accepting this body changes nothing
                    case "PATCH /api/admin/users/{id}" -> {
                        JsonNode now =
                                admin.get("/api/admin/users/" + subject.id()).json();
                        yield object(Map.of(
                                "role",
                                now.path("role").asText(),
                                "active",
                                now.path("active").asBoolean(),
                                "tradingEnabled",
                                now.path("tradingEnabled").asBoolean()));
                    }
                    // the subject's own password: accepting it changes nothing
                    case "PUT /api/admin/users/{id}/password" -> object(Map.of("password", subject.password()));
                    // no channel valid (e-mail cannot be switched on without an SMTP server), so nothing is stored;
                    // the fuzz trader has no channel to lose
                    case "PUT /api/me/notifications" -> {
                        ObjectNode body = object(Map.of());
                        body.set("webhook", object(Map.of("url", "ftp://receiver.invalid/x", "enabled", true)));
                        body.set("telegram", object(Map.of("chatId", "not a chat", "enabled", false)));
                        body.set("email", object(Map.of("enabled", true, "events", List.of("DAILY_SUMMARY"))));
                        yield body;
                    }
                    // too short to be stored
                    case "POST /api/me/bingx" -> object(Map.of("apiKey", "short", "secretKey", "short"));
                    // no bot runs, so stopping is refused as a conflict
                    case "POST /api/me/bot/stop", "POST /api/admin/users/{id}/bot/stop" ->
                        object(Map.of("flatten", false));
                    // both fields wrong (a blank reason, no flatten choice) and each input changes one field at most:
                    // the kill switch is never engaged by this test
                    case "POST /api/admin/platform/halt" -> {
                        ObjectNode body = object(Map.of("reason", ""));
                        body.putNull("flatten");
                        yield body;
                    }
                    // the kill switch is not engaged, so a release is refused as a conflict
                    case "POST /api/admin/platform/release" -> object(Map.of("reason", ""));
                    // the platform's settings: two fields wrong in every base, so no single change is accepted (the
                    // defaults' only accepted change, null, restates the built-in defaults)
                    case "PUT /api/admin/platform/settings/defaults" -> {
                        ObjectNode defaults = settings.deepCopy();
                        defaults.put("maxPositions", 0);
                        defaults.put("leverage", 0);
                        ObjectNode body = object(Map.of("reason", ""));
                        body.set("defaults", defaults);
                        yield body;
                    }
                    case "PUT /api/admin/platform/settings/markets" -> {
                        ObjectNode body = object(Map.of("symbols", List.of("not a symbol"), "reason", ""));
                        body.putNull("timeframes");
                        yield body;
                    }
                    case "PUT /api/admin/platform/settings/maintenance" -> {
                        ObjectNode body = object(Map.of("reason", "bell\u0007"));
                        body.putNull("on");
                        yield body;
                    }
                    // a bad host and port in every base, so no single change is accepted (and no server is ever set)
                    case "PUT /api/admin/platform/settings/mail" -> {
                        ObjectNode server = object(Map.of("host", "smtp://bad", "port", 0, "password", "x"));
                        ObjectNode body = object(Map.of("reason", ""));
                        body.set("mailServer", server);
                        yield body;
                    }
                    // the brand: a bad colour and a bad support address, so no single change makes it valid
                    case "PUT /api/admin/platform/settings/branding" -> {
                        ObjectNode brand = object(Map.of(
                                "productName", "Fuzzed", "primaryColor", "not a colour", "supportEmail", "no address"));
                        ObjectNode body = object(Map.of("reason", ""));
                        body.set("branding", brand);
                        yield body;
                    }
                    // a logo that is no image and a reason with a control character
                    case "PUT /api/admin/platform/settings/logo" ->
                        object(Map.of("logo", "PHN2Zz48L3N2Zz4=", "reason", "bell\u0007"));
                    // a trader's fee terms: both fields wrong (a rate of 2, a blank reason), so no single change
                    // is accepted and the subject's terms never change
                    case "PUT /api/admin/fees/{id}" -> object(Map.of("rate", 2, "reason", ""));
                    // nothing is stored by a backtest; two posted candles run in no time
                    case "POST /api/me/backtest" -> {
                        ObjectNode body = object(Map.of(
                                "candles",
                                "time,open,high,low,close,volume\n"
                                        + "2024-01-01T00:00:00Z,100,101,99,100,1\n2024-01-01T00:05:00Z,100,102,99,101,1\n",
                                "symbol",
                                "ETH-USDT",
                                "equity",
                                1000));
                        body.set("settings", settings.deepCopy());
                        body.set(
                                "contract",
                                object(Map.of(
                                        "pricePrecision",
                                        2,
                                        "quantityStep",
                                        0.01,
                                        "minQuantity",
                                        0.01,
                                        "minNotional",
                                        0)));
                        yield body;
                    }
                    // plans: two or more fields wrong in every base, or a plan that does not exist, so nothing is
                    // created, changed, assigned or paid
                    case "POST /api/admin/plans" -> {
                        ObjectNode body =
                                object(Map.of("planId", "Not An Id!", "name", "", "monthlyPrice", -1, "reason", ""));
                        body.set("limits", planLimits());
                        yield body;
                    }
                    case "PUT /api/admin/plans/{planId}" -> {
                        ObjectNode body = object(Map.of("name", "", "monthlyPrice", -1, "reason", ""));
                        body.set("limits", planLimits());
                        yield body;
                    }
                    case "POST /api/admin/plans/{planId}/retire", "POST /api/admin/users/{id}/plan/cancel" ->
                        object(Map.of("reason", ""));
                    case "PUT /api/admin/plans/default", "PUT /api/admin/users/{id}/plan" ->
                        object(Map.of("planId", "no-such-plan", "reason", ""));
                    case "POST /api/admin/users/{id}/plan/payments" -> object(Map.of("amount", 0, "reference", ""));
                    default ->
                        throw new AssertionError(operation.key() + " has a body (" + schema + ") but no base body here;"
                                + " add one that is harmless if accepted");
                };
        return base;
    }

    /** What an operation that writes would change, read back; null for operations that write nothing to check. */
    private Supplier<Object> writeProbe(Operation operation) {
        return switch (operation.key()) {
            case "PUT /api/me/settings" ->
                () -> traderApi.get("/api/me/settings").json();
            case "POST /api/admin/users" -> () -> usernames();
            case "PATCH /api/admin/users/{id}",
                    "PUT /api/admin/users/{id}/password",
                    "POST /api/admin/users/{id}/unlock",
                    "POST /api/admin/users/{id}/erase",
                    "PUT /api/admin/users/{viewerId}/grants/{traderId}",
                    "DELETE /api/admin/users/{viewerId}/grants/{traderId}" -> () -> subjectAndViewers();
            case "POST /api/me/bingx", "DELETE /api/me/bingx" ->
                () -> traderApi.get("/api/me/bingx").json();
            case "POST /api/admin/platform/halt", "POST /api/admin/platform/release" ->
                () -> admin.get("/api/platform/status").json();
            case "PUT /api/admin/platform/settings/defaults",
                    "PUT /api/admin/platform/settings/markets",
                    "PUT /api/admin/platform/settings/maintenance" ->
                () -> admin.get("/api/admin/platform/settings").json();
            case "PUT /api/admin/platform/settings/branding", "PUT /api/admin/platform/settings/logo" ->
                () -> admin.get("/api/branding").json();
            case "PUT /api/admin/fees/{id}" ->
                () -> admin.get("/api/admin/fees").json();
            default -> null;
        };
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new TreeMap<>();
        state.put("usernames", usernames());
        state.put("settings", traderApi.get("/api/me/settings").json());
        state.put("bingx", traderApi.get("/api/me/bingx").json());
        state.put("subject and viewers", subjectAndViewers());
        return state;
    }

    private Set<String> usernames() {
        Set<String> names = new TreeSet<>();
        admin.get("/api/admin/users")
                .json()
                .forEach(user -> names.add(user.path("username").asText()));
        return names;
    }

    private List<JsonNode> subjectAndViewers() {
        List<JsonNode> views = new ArrayList<>();
        for (Person person : List.of(subject, viewerGranted, viewerNotGranted)) {
            ObjectNode view =
                    (ObjectNode) admin.get("/api/admin/users/" + person.id()).json();
            view.remove(List.of("lastLoginAt", "lastLoginIp"));
            views.add(view);
        }
        return views;
    }

    /** Path parameters that exist and are safe to use: never erase a real user, never change what is checked. */
    private Map<String, String> validPathParameters(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            if (!parameter.path("in").asText().equals("path")) {
                continue;
            }
            String name = parameter.path("name").asText();
            String value;
            if (operation.path().startsWith("/api/users/") || operation.path().startsWith("/api/audit/")) {
                value = trader.id();
            } else if (operation.path().endsWith("/erase")) {
                value = nobody.toString();
            } else if (name.equals("viewerId")) {
                // granting what is granted and revoking what is not change nothing
                value = operation.method().equals("PUT") ? viewerGranted.id() : viewerNotGranted.id();
            } else if (name.equals("traderId") || name.equals("id")) {
                value = subject.id();
            } else if (name.equals("name")) {
                value = "no-such-projection";
            } else if (name.equals("planId")) {
                // no such plan: a change or retirement is refused as not found
                value = "no-such-plan";
            } else if (name.equals("channel")) {
                // the fuzz trader has no webhook: a test is refused as a conflict and sends nothing
                value = "webhook";
            } else {
                throw new AssertionError("no value for path parameter " + name + " of " + operation.key());
            }
            values.put(name, value);
        }
        return values;
    }

    // ---------------------------------------------------------------- sending and checking

    private Api caller(Operation operation) {
        String path = operation.path();
        if (path.equals("/api/auth/logout")) {
            return viewerGranted.login();
        }
        if (path.startsWith("/api/admin/")) {
            return admin;
        }
        if (path.startsWith("/api/audit/")) {
            return auditor;
        }
        if (path.startsWith("/api/me") || path.startsWith("/api/users/") || path.startsWith("/api/platform/")) {
            return traderApi;
        }
        if (path.startsWith("/api/auth/") || path.startsWith("/v3/") || path.startsWith("/api/branding")) {
            return anonymous;
        }
        throw new AssertionError("no caller for " + operation.key() + "; add its role here");
    }

    private Api.Response send(Operation operation, Input input) {
        requests++;
        try {
            return caller(operation)
                    .exchange(
                            operation.method(),
                            input.pathAndQuery(),
                            input.body(),
                            input.contentType(),
                            input.headers(),
                            TIMEOUT);
        } catch (RuntimeException e) {
            failures.add(operation.key() + " [" + input.label() + "] → no answer: " + e);
            return null;
        }
    }

    private void check(Operation operation, Input input, Api.Response response) {
        int status = response.status();
        statuses.merge(String.valueOf(status), 1, Integer::sum);
        String what = operation.key() + " [" + input.label() + "] → " + abbreviate(response.toString());
        if (status >= 500) {
            failures.add(what);
        } else if (status >= 400) {
            String type = String.valueOf(response.header("Content-Type"));
            if (!type.contains("application/problem+json")) {
                failures.add(what + " (Content-Type " + type + ", not problem+json)");
            } else if (status == 400 || status == 422) {
                JsonNode problem = response.json();
                boolean names = problem.path("errors").findValuesAsText("field").stream()
                        .anyMatch(f -> !f.isBlank());
                if (!names) {
                    failures.add(what + " (names no field or parameter)");
                }
            }
        } else {
            accepted.merge(operation.key(), 1, Integer::sum);
            if (input.label().startsWith("body ") && !WELL_FORMED_BODIES.contains(input.label())) {
                failures.add(what + " (a malformed body was accepted)");
            }
            if (!operation.method().equals("GET")) {
                System.out.println(
                        "OpenApiFuzzTest accepted: " + operation.key() + " [" + input.label() + "] → " + status);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        if (ref == null) {
            return schema;
        }
        return document.at(ref.substring(1));
    }

    /** Valid plan limits (Free's). */
    private static ObjectNode planLimits() {
        return object(Map.of(
                "symbols",
                List.of("BTC-USDT"),
                "maxSymbolsPerBot",
                1,
                "timeframes",
                List.of(),
                "strategies",
                List.of(),
                "liveFunds",
                false,
                "maxLeverage",
                3,
                "backtestsPerDay",
                3,
                "notificationChannels",
                List.of("EMAIL")));
    }

    private static ObjectNode object(Map<String, Object> fields) {
        return Api.JSON.valueToTree(new TreeMap<>(fields));
    }

    private static String url(Operation operation, Map<String, String> pathValues, String query) {
        String path = operation.path();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "&" + b;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
