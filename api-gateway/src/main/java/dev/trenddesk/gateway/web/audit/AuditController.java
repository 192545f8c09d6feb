package dev.trenddesk.gateway.web.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.audit.AuditCategory;
import dev.trenddesk.api.audit.AuditCheckpoint;
import dev.trenddesk.api.audit.AuditCheckpoints;
import dev.trenddesk.api.audit.AuditEntry;
import dev.trenddesk.api.audit.AuditFilter;
import dev.trenddesk.api.audit.AuditPage;
import dev.trenddesk.api.audit.AuditQueries.FindAggregateHistory;
import dev.trenddesk.api.audit.AuditQueries.FindAuditCheckpoints;
import dev.trenddesk.api.audit.AuditQueries.FindAuditEntries;
import dev.trenddesk.api.audit.AuditQueries.ReplayStep;
import dev.trenddesk.api.audit.AuditQueries.ReplayUserStates;
import dev.trenddesk.api.audit.AuditQueries.SignAuditCheckpoint;
import dev.trenddesk.api.audit.AuditQueries.StreamAuditEntries;
import dev.trenddesk.api.audit.AuditQueries.VerifyAuditChain;
import dev.trenddesk.api.audit.AuditVerification;
import dev.trenddesk.api.audit.UserReplayStates;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.api.user.UserQueries.FindUserByUsername;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.readside.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The audit log for auditors and admins: search with filters and cursor pagination, streamed
 * export (NDJSON or CSV), hash-chain verification, time travel on any aggregate, and the replay of one
 * trader's history step by step.
 */
@RestController
@Tag(name = "audit", description = "Audit log search, export, chain verification and time travel (auditors, admins)")
class AuditController {

    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");

    private static final String CSV_HEADER = "seq,eventId,at,eventType,aggregateType,aggregateId,aggregateSequence,"
            + "userId,actorId,actorRole,clientIp,traceId,payload,previousHash,hash\n";

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** As UserAccount accepts them on registration. */
    private static final Pattern USERNAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]{2,31}$");

    private static final Pattern SEQ = Pattern.compile("^[0-9]{1,18}$");

    private final QueryGateway queries;
    private final ObjectMapper json;
    private final Clock clock;
    private final int replayMaxEvents;

    public AuditController(
            QueryGateway queries,
            ObjectMapper json,
            Clock clock,
            @Value("${trenddesk.audit.replay.max-events:200000}") int replayMaxEvents) {
        this.queries = queries;
        this.json = json;
        this.clock = clock;
        this.replayMaxEvents = replayMaxEvents;
    }

    /** One page of audit rows as the web shows them: the payload as JSON, not as a string. */
    public record AuditPageResponse(List<JsonNode> entries, String nextCursor) {}

    @Operation(
            summary = "Audit rows, newest first (order=newest, the default) or in chain order (order=oldest); "
                    + "filters: user (user id or username), actor (actor id or username), aggregate, type, "
                    + "category (comma-separated: account, trading, credentials, security, market, system; "
                    + "default all but market; 'all' for every row), from, to (ISO instants), text; "
                    + "cursor from the previous page; limit 1-500 (default 100). Rows name the usernames of "
                    + "their user (username) and actor (actorUsername) when they are users")
    @GetMapping("/api/audit/events")
    public Mono<AuditPageResponse> events(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        AuditFilter filter = filter(user, actor, aggregate, type, from, to, text, category);
        boolean newestFirst = newestFirst(order);
        Long at = Params.cursor(cursor);
        int max = Params.limit(limit, 100, 500);
        return Mono.fromFuture(() -> queries.query(
                        new FindAuditEntries(filter, at, max, newestFirst), ResponseTypes.instanceOf(AuditPage.class)))
                .map(page -> new AuditPageResponse(
                        page.entries().stream()
                                .map(row -> named(tree(row), row, page.usernames()))
                                .toList(),
                        page.nextCursor() == null ? null : page.nextCursor().toString()));
    }

    @Operation(
            summary =
                    "Streamed export of the matching rows in chain order: format=ndjson (one JSON row a line) or csv; "
                            + "filters as for /api/audit/events, but every category unless category is given")
    @GetMapping("/api/audit/export")
    public ResponseEntity<Flux<DataBuffer>> export(
            @RequestParam(defaultValue = "ndjson") String format,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String category) {
        boolean csv =
                switch (format) {
                    case "csv" -> true;
                    case "ndjson" -> false;
                    default -> throw Params.bad("format", "must be ndjson or csv");
                };
        AuditFilter filter = filter(user, actor, aggregate, type, from, to, text, category == null ? "all" : category);
        Flux<AuditEntry> rows = Flux.from(queries.streamingQuery(new StreamAuditEntries(filter), AuditEntry.class));
        Flux<String> lines = csv
                ? Flux.concat(Flux.just(CSV_HEADER), rows.map(AuditController::csvLine))
                : rows.map(row -> tree(row).toString() + "\n");
        Flux<DataBuffer> body =
                lines.map(line -> DefaultDataBufferFactory.sharedInstance.wrap(line.getBytes(StandardCharsets.UTF_8)));
        String name = "audit-" + clock.instant().toString().replace(":", "") + (csv ? ".csv" : ".ndjson");
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.APPLICATION_NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }

    @Operation(
            summary = "A case file for e-discovery: a zip with the matching rows in chain order as events.ndjson and"
                    + " events.csv, and manifest.json (who asked and when, the filter, the row count, the hash chain at"
                    + " both ends of the rows, the SHA-256 and size of each file); filters as for /api/audit/export")
    @GetMapping(value = "/api/audit/case", produces = "application/zip")
    public Mono<ResponseEntity<Flux<DataBuffer>>> caseFile(
            @AuthenticationPrincipal SessionUser me,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String category) {
        AuditFilter filter = filter(user, actor, aggregate, type, from, to, text, category == null ? "all" : category);
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("user", user);
        asked.put("actor", actor);
        asked.put("aggregate", aggregate);
        asked.put("type", type);
        asked.put("from", from);
        asked.put("to", to);
        asked.put("text", text);
        asked.put("category", category == null ? "all" : category);
        Instant at = clock.instant();
        Flux<AuditEntry> rows = Flux.from(queries.streamingQuery(new StreamAuditEntries(filter), AuditEntry.class));
        return Mono.using(
                        () -> new CaseExport(row -> tree(row).toString() + "\n", CSV_HEADER),
                        file -> rows.publishOn(Schedulers.boundedElastic())
                                .doOnNext(file::add)
                                .then(Mono.fromCallable(() -> file.finish(json, me.username(), at, asked))),
                        CaseExport::close)
                .subscribeOn(Schedulers.boundedElastic())
                .map(zip -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("application/zip"))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"audit-case-"
                                        + at.toString().replace(":", "") + ".zip\"")
                        .body(DataBufferUtils.read(zip, DefaultDataBufferFactory.sharedInstance, 16_384)
                                .doFinally(signal -> {
                                    try {
                                        Files.deleteIfExists(zip);
                                    } catch (IOException ignored) {
                                        // a temporary file; the OS clears it in the end
                                    }
                                })));
    }

    @Operation(
            summary = "Walk the hash chain and check it against the signed checkpoints, and against the one you hold "
                    + "(seq and hash, both or neither); names the first broken link or the rows cut off the end")
    @GetMapping("/api/audit/verify")
    public Mono<AuditVerification> verify(
            @RequestParam(required = false) String seq, @RequestParam(required = false) String hash) {
        Long heldSeq = Params.given("seq", seq) ? Params.cursor(seq) : null;
        String heldHash = Params.given("hash", hash) ? hash.trim().toLowerCase(java.util.Locale.ROOT) : null;
        if ((heldSeq == null) != (heldHash == null)) {
            throw Params.bad(heldSeq == null ? "seq" : "hash", "give the checkpoint's seq and hash together");
        }
        if (heldSeq != null && heldSeq < 1) {
            throw Params.bad("seq", "is a row number, 1 or more");
        }
        if (heldHash != null && !HASH.matcher(heldHash).matches()) {
            throw Params.bad("hash", "is 64 hexadecimal characters (a SHA-256)");
        }
        return Mono.fromFuture(() -> queries.query(
                new VerifyAuditChain(heldSeq, heldHash), ResponseTypes.instanceOf(AuditVerification.class)));
    }

    @Operation(summary = "The newest signed checkpoints of the chain's head (limit 1-200, default 20) and the key")
    @GetMapping("/api/audit/checkpoints")
    public Mono<AuditCheckpoints> checkpoints(@RequestParam(required = false) Integer limit) {
        int max = Params.limit(limit, 20, 200);
        return Mono.fromFuture(
                () -> queries.query(new FindAuditCheckpoints(max), ResponseTypes.instanceOf(AuditCheckpoints.class)));
    }

    @Operation(summary = "Sign a checkpoint of the chain's head now (answers the newest if nothing came since)")
    @PostMapping("/api/audit/checkpoints")
    public Mono<ResponseEntity<AuditCheckpoint>> signCheckpoint() {
        return Mono.fromFuture(
                        () -> queries.query(new SignAuditCheckpoint(), ResponseTypes.instanceOf(AuditCheckpoint.class)))
                .map(ResponseEntity::ok)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(
                        HttpStatus.CONFLICT, "the audit log is empty: nothing to sign yet")));
    }

    @Operation(
            summary =
                    "Time travel: an aggregate's state as of 'at' (default now), rebuilt from its events up to then, with those events")
    @GetMapping("/api/audit/aggregates/{id}")
    public Mono<JsonNode> aggregate(@PathVariable String id, @RequestParam(required = false) String at) {
        String aggregateId = Params.text("id", id, 160);
        Instant asOf = at == null ? clock.instant() : Params.instant("at", at);
        return Mono.fromFuture(() -> queries.query(
                        new FindAggregateHistory(aggregateId, asOf), ResponseTypes.instanceOf(AggregateHistory.class)))
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such aggregate")))
                .map(this::history);
    }

    @Operation(
            summary = "Replay of a trader's history (id: user id or username): the user's events in chain order "
                    + "(every event naming the user: the account, their trading sessions, their credentials), "
                    + "limit 1-200 (default 50) a page, after (the previous page's last seq) or before (the next "
                    + "page's first seq), within from/to (ISO instants). 'initial' is the state of each of the "
                    + "user's aggregates just before the first step; each step carries the state of the aggregate "
                    + "its event changed, rebuilt by replaying that aggregate's events up to it (time travel). "
                    + "At most trenddesk.audit.replay.max-events events are replayed for a page, or 422")
    @GetMapping("/api/audit/users/{id}/replay")
    public Mono<JsonNode> replay(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String before,
            @RequestParam(required = false) Integer limit) {
        String who = userParam("id", id);
        if (who == null) {
            throw Params.bad("id", "must be a user id or a username");
        }
        Instant since = Params.instant("from", from);
        Instant until = Params.instant("to", to);
        Params.range(since, until);
        Long afterSeq = seq("after", after);
        Long beforeSeq = seq("before", before);
        if (afterSeq != null && beforeSeq != null) {
            throw Params.bad("before", "give after or before, not both");
        }
        int max = Params.limit(limit, 50, 200);
        String capField = afterSeq != null ? "after" : beforeSeq != null ? "before" : "from";
        return replayedUser(who).flatMap(user -> {
            if (user.role() != Role.TRADER) {
                return Mono.error(Params.unprocessable(
                        "id", "is not a trader (role " + user.role().code() + "); replays show traders"));
            }
            String userId = user.id().toString();
            AuditFilter filter = new AuditFilter(userId, null, null, null, since, until, null, null);
            boolean backwards = beforeSeq != null;
            return page(filter, backwards ? beforeSeq : afterSeq, max, backwards)
                    .flatMap(page -> {
                        List<AuditEntry> rows = new ArrayList<>(page.entries());
                        if (backwards) {
                            Collections.reverse(rows);
                        }
                        boolean further = page.nextCursor() != null;
                        // whether any step lies on the other side of this page
                        Long otherSide = rows.isEmpty()
                                ? (backwards ? Long.valueOf(beforeSeq - 1) : afterSeq == null ? null : afterSeq + 1)
                                : Long.valueOf(
                                        backwards
                                                ? rows.getLast().seq()
                                                : rows.getFirst().seq());
                        Mono<Boolean> other = otherSide == null
                                ? Mono.just(false)
                                : page(filter, otherSide, 1, !backwards)
                                        .map(p -> !p.entries().isEmpty());
                        Mono<UserReplayStates> states = rows.isEmpty()
                                ? Mono.just(new UserReplayStates(List.of(), List.of(), 0, false))
                                : Mono.fromFuture(() -> queries.query(
                                                new ReplayUserStates(
                                                        userId,
                                                        rows.getFirst().seq(),
                                                        rows.stream()
                                                                .map(row -> new ReplayStep(
                                                                        row.aggregateId(), row.aggregateSequence()))
                                                                .toList(),
                                                        replayMaxEvents),
                                                ResponseTypes.instanceOf(UserReplayStates.class)))
                                        .subscribeOn(Schedulers.boundedElastic());
                        return Mono.zip(other, states).map(both -> {
                            if (both.getT2().capped()) {
                                throw Params.unprocessable(
                                        capField,
                                        "replaying this page needs more than " + replayMaxEvents
                                                + " of the user's events (the replay's cap); page from a point"
                                                + " with a shorter history before it");
                            }
                            boolean earlier = backwards ? further : both.getT1();
                            boolean later = backwards ? both.getT1() : further;
                            return replayAnswer(
                                    user, since, until, rows, page.usernames(), both.getT2(), earlier, later);
                        });
                    });
        });
    }

    /** The user a replay is of, by id or username; 404 naming 'id' when there is none. */
    private Mono<UserView> replayedUser(String who) {
        Mono<UserView> found = UUID_TEXT.matcher(who).matches()
                ? Mono.fromFuture(
                        () -> queries.query(new FindUserById(UserId.of(who)), ResponseTypes.instanceOf(UserView.class)))
                : Mono.fromFuture(
                        () -> queries.query(new FindUserByUsername(who), ResponseTypes.instanceOf(UserView.class)));
        return found.switchIfEmpty(Mono.error(() -> Params.notFound("id", "no user has this id or username")));
    }

    private Mono<AuditPage> page(AuditFilter filter, Long cursor, int limit, boolean newestFirst) {
        return Mono.fromFuture(() -> queries.query(
                new FindAuditEntries(filter, cursor, limit, newestFirst), ResponseTypes.instanceOf(AuditPage.class)));
    }

    private JsonNode replayAnswer(
            UserView user,
            Instant from,
            Instant to,
            List<AuditEntry> rows,
            Map<String, String> usernames,
            UserReplayStates states,
            boolean earlier,
            boolean later) {
        ObjectNode node = json.createObjectNode();
        ObjectNode who = node.putObject("user");
        who.put("id", user.id().toString());
        who.put("username", user.username());
        who.put("role", user.role().code());
        node.put("from", from == null ? null : from.toString());
        node.put("to", to == null ? null : to.toString());
        var initial = node.putArray("initial");
        states.initial().forEach(state -> initial.add(aggregateState(state)));
        var steps = node.putArray("steps");
        for (int i = 0; i < rows.size(); i++) {
            AuditEntry row = rows.get(i);
            ObjectNode step = (ObjectNode) named(tree(row), row, usernames);
            UserReplayStates.AggregateState state =
                    i < states.steps().size() ? states.steps().get(i) : null;
            step.set("state", state == null ? json.nullNode() : aggregateState(state));
            steps.add(step);
        }
        node.put("earlier", earlier);
        node.put("later", later);
        node.put("replayedEvents", states.replayed());
        node.put("maxEvents", replayMaxEvents);
        return node;
    }

    private ObjectNode aggregateState(UserReplayStates.AggregateState state) {
        ObjectNode node = json.createObjectNode();
        node.put("aggregateId", state.aggregateId());
        node.put("aggregateType", state.aggregateType());
        node.put("version", state.version());
        node.set("state", parse(state.state()));
        return node;
    }

    /** An audit seq given as a page boundary; 400 naming the parameter when it is not one. */
    private static Long seq(String name, String value) {
        if (!Params.given(name, value)) {
            return null;
        }
        if (!SEQ.matcher(value.trim()).matches() || Long.parseLong(value.trim()) < 1) {
            throw Params.bad(name, "must be the seq of an audit row (a whole number, 1 or more)");
        }
        return Long.parseLong(value.trim());
    }

    private JsonNode history(AggregateHistory history) {
        ObjectNode node = json.createObjectNode();
        node.put("aggregateId", history.aggregateId());
        node.put("aggregateType", history.aggregateType());
        node.put("asOf", history.asOf().toString());
        node.put("version", history.version());
        node.set("state", parse(history.state()));
        var events = node.putArray("events");
        for (AggregateHistory.HistoricEvent event : history.events()) {
            ObjectNode e = events.addObject();
            e.put("sequence", event.sequence());
            e.put("eventId", event.eventId());
            e.put("at", event.at().toString());
            e.put("eventType", event.eventType());
            e.put("actorId", event.actorId());
            e.put("actorRole", event.actorRole());
            e.set("payload", parse(event.payload()));
        }
        return node;
    }

    private static AuditFilter filter(
            String user,
            String actor,
            String aggregate,
            String type,
            String from,
            String to,
            String text,
            String category) {
        Instant since = Params.instant("from", from);
        Instant until = Params.instant("to", to);
        Params.range(since, until);
        return new AuditFilter(
                user(user),
                Params.text("actor", actor, 160),
                Params.text("aggregate", aggregate, 160),
                Params.text("type", type, 160),
                since,
                until,
                Params.text("text", text, 200),
                categories(category));
    }

    /** A user id (UUID) or a username as users may have them; anything else is a 400 naming 'user'. */
    private static String user(String value) {
        return userParam("user", value);
    }

    /** A user id (UUID) or a username as users may have them; anything else is a 400 naming the parameter. */
    private static String userParam(String name, String value) {
        String user = Params.text(name, value, 64);
        if (user == null) {
            return null;
        }
        if (UUID_TEXT.matcher(user).matches() || USERNAME.matcher(user).matches()) {
            return user;
        }
        throw Params.bad(name, "must be a user id or a username (3-32 letters, digits, '.', '_' or '-')");
    }

    /** The categories asked for: absent is every one but market data; 'all' is every one (null). */
    static Set<AuditCategory> categories(String value) {
        if (!Params.given("category", value)) {
            return AuditCategory.byDefault();
        }
        Set<AuditCategory> categories = EnumSet.noneOf(AuditCategory.class);
        for (String key : value.split(",", -1)) {
            if (key.trim().equalsIgnoreCase("all")) {
                return null;
            }
            AuditCategory category = AuditCategory.fromKey(key.trim());
            if (category == null) {
                throw Params.bad(
                        "category",
                        "must be 'all' or a comma-separated list of "
                                + Stream.of(AuditCategory.values())
                                        .map(AuditCategory::key)
                                        .collect(Collectors.joining(", ")));
            }
            categories.add(category);
        }
        return categories;
    }

    private static boolean newestFirst(String order) {
        if (!Params.given("order", order)) {
            return true;
        }
        return switch (order.trim()) {
            case "newest" -> true;
            case "oldest" -> false;
            default -> throw Params.bad("order", "must be newest or oldest");
        };
    }

    /** The row with its category and the usernames of its user and actor, when they are known users. */
    private static JsonNode named(JsonNode tree, AuditEntry row, Map<String, String> usernames) {
        ObjectNode node = (ObjectNode) tree;
        node.put("category", AuditCategory.ofType(row.eventType()).key());
        node.put("username", row.userId() == null ? null : usernames.get(row.userId()));
        node.put("actorUsername", row.actorId() == null ? null : usernames.get(row.actorId()));
        return node;
    }

    private JsonNode tree(AuditEntry row) {
        ObjectNode node = json.createObjectNode();
        node.put("seq", row.seq());
        node.put("eventId", row.eventId());
        node.put("at", row.at().toString());
        node.put("eventType", row.eventType());
        node.put("aggregateType", row.aggregateType());
        node.put("aggregateId", row.aggregateId());
        if (row.aggregateSequence() == null) {
            node.putNull("aggregateSequence");
        } else {
            node.put("aggregateSequence", row.aggregateSequence());
        }
        node.put("userId", row.userId());
        node.put("actorId", row.actorId());
        node.put("actorRole", row.actorRole());
        node.put("clientIp", row.clientIp());
        node.put("traceId", row.traceId());
        node.set("payload", parse(row.payload()));
        node.put("previousHash", row.previousHash());
        node.put("hash", row.hash());
        return node;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    static String csvLine(AuditEntry row) {
        return Stream.of(
                                String.valueOf(row.seq()),
                                row.eventId(),
                                row.at().toString(),
                                row.eventType(),
                                row.aggregateType(),
                                row.aggregateId(),
                                row.aggregateSequence() == null
                                        ? null
                                        : row.aggregateSequence().toString(),
                                row.userId(),
                                row.actorId(),
                                row.actorRole(),
                                row.clientIp(),
                                row.traceId(),
                                row.payload(),
                                row.previousHash(),
                                row.hash())
                        .map(AuditController::csvField)
                        .collect(Collectors.joining(","))
                + "\n";
    }

    /** RFC 4180 quoting; a leading formula character is prefixed so spreadsheets do not run it. */
    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
