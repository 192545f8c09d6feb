package dev.trenddesk.gateway.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.gateway.metrics.ExchangeActivity;
import dev.trenddesk.gateway.metrics.ExchangeBuckets;
import dev.trenddesk.gateway.system.SystemView.ClusterNode;
import dev.trenddesk.gateway.system.SystemView.ClusterProcessor;
import dev.trenddesk.gateway.system.SystemView.DeadLetterGroup;
import dev.trenddesk.gateway.system.SystemView.ExchangeHealth;
import dev.trenddesk.gateway.system.SystemView.NodeStatus;
import dev.trenddesk.gateway.system.SystemView.ProcessorSegment;
import dev.trenddesk.gateway.system.SystemView.RateLimitLevel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link SystemView} from what every node shares: the node registry ({@code cluster_nodes}), Axon's
 * token claims ({@code token_entry}), its dead-letter queue ({@code dead_letter_entry}, counted with plain SQL rather
 * than through the queue's paging) and the event store's head. Any node gives the same answer.
 */
@Component
public class SystemStatus {

    private static final TypeReference<List<LocalProcessor>> LOCAL_PROCESSORS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final ClusterProperties properties;
    private final NodeRegistry registry;
    private final ObjectProvider<ExchangeBuckets> buckets;
    private final ObjectProvider<ExchangeActivity> activity;
    private final MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();

    public SystemStatus(
            JdbcTemplate jdbc,
            EventStore eventStore,
            Serializer serializer,
            ClusterProperties properties,
            NodeRegistry registry,
            ObjectProvider<ExchangeBuckets> buckets,
            ObjectProvider<ExchangeActivity> activity,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.properties = properties;
        this.registry = registry;
        this.buckets = buckets;
        this.activity = activity;
        this.meters = meters;
    }

    private record NodeRow(ClusterNode node, List<LocalProcessor> processors) {}

    private record TokenRow(String processor, int segment, String owner, TrackingToken token) {}

    /** The cluster now; blocking (JDBC), so callers on an event loop run it elsewhere. */
    public SystemView snapshot() {
        Instant now = jdbc.queryForObject("select now()", Timestamp.class).toInstant();
        long head = head();
        List<NodeRow> nodes = nodes();
        Set<String> up = nodes.stream()
                .filter(row -> row.node().status() == NodeStatus.UP)
                .map(row -> row.node().id())
                .collect(Collectors.toSet());
        Map<String, Map<String, LocalProcessor>> reported = new HashMap<>();
        for (NodeRow row : nodes) {
            if (row.node().status() == NodeStatus.UP) {
                reported.put(
                        row.node().id(),
                        row.processors().stream().collect(Collectors.toMap(LocalProcessor::name, p -> p, (a, b) -> a)));
            }
        }
        return new SystemView(
                registry.nodeId(),
                now,
                head,
                nodes.stream().map(NodeRow::node).toList(),
                processors(head, up, reported),
                deadLetters(),
                exchange(),
                rateLimits());
    }

    /** The processors' lag and dead letters only, for the gauges. */
    Map<String, Long> lagByProcessor() {
        long head = head();
        return processors(head, Set.of(), Map.of()).stream()
                .collect(Collectors.toMap(
                        ClusterProcessor::name, ClusterProcessor::lag, (a, b) -> a, LinkedHashMap::new));
    }

    List<DeadLetterGroup> deadLetters() {
        return jdbc.query(
                "select processing_group, count(distinct sequence_identifier) as sequences, count(*) as letters,"
                        + " min(enqueued_at) as oldest from dead_letter_entry group by processing_group"
                        + " order by processing_group",
                (rs, i) -> new DeadLetterGroup(
                        rs.getString("processing_group"),
                        rs.getLong("sequences"),
                        rs.getLong("letters"),
                        instant(rs.getString("oldest"))));
    }

    private List<RateLimitLevel> rateLimits() {
        ExchangeBuckets levels = buckets.getIfAvailable();
        if (levels == null) {
            return List.of();
        }
        List<RateLimitLevel> out = new ArrayList<>();
        new TreeMap<>(levels.levels())
                .forEach((group, level) -> out.add(new RateLimitLevel(group, level.permits(), level.available())));
        return out;
    }

    /** From the exchange client's listener (ExchangeActivity) and its meters, by their names. */
    private ExchangeHealth exchange() {
        ExchangeActivity seen = activity.getIfAvailable();
        long requests = 0;
        double totalMillis = 0;
        double maxMillis = 0;
        for (Timer timer : meters.find("trenddesk.exchange.request").timers()) {
            requests += timer.count();
            totalMillis += timer.totalTime(TimeUnit.MILLISECONDS);
            maxMillis = Math.max(maxMillis, timer.max(TimeUnit.MILLISECONDS));
        }
        double limited = meters.find("trenddesk.exchange.rate.limited").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
        return new ExchangeHealth(
                seen == null ? null : seen.lastRequest().orElse(null),
                seen == null ? null : seen.lastAnswer().orElse(null),
                seen == null ? null : seen.unreachableSince().orElse(null),
                requests,
                requests == 0 ? 0 : totalMillis / requests,
                maxMillis,
                (long) limited);
    }

    private long head() {
        return position(eventStore.createHeadToken());
    }

    private List<NodeRow> nodes() {
        return jdbc.query(
                "select node_id, host, pid, roles, version, started_at, last_seen, stopped_at, processors::text,"
                        + " extract(epoch from now() - last_seen) as since from cluster_nodes order by node_id",
                (rs, i) -> {
                    double since = rs.getDouble("since");
                    Timestamp stopped = rs.getTimestamp("stopped_at");
                    NodeStatus status = stopped != null
                            ? NodeStatus.STOPPED
                            : since * 1000 > properties.downAfter().toMillis() ? NodeStatus.DOWN : NodeStatus.UP;
                    List<LocalProcessor> processors = processors(rs.getString("processors"));
                    ClusterNode node = new ClusterNode(
                            rs.getString("node_id"),
                            status,
                            rs.getString("host"),
                            rs.getLong("pid"),
                            Arrays.stream(rs.getString("roles").split(","))
                                    .filter(r -> !r.isBlank())
                                    .toList(),
                            rs.getString("version"),
                            rs.getTimestamp("started_at").toInstant(),
                            rs.getTimestamp("last_seen").toInstant(),
                            stopped == null ? null : stopped.toInstant(),
                            (long) Math.floor(Math.max(0, since)),
                            status == NodeStatus.UP
                                    ? processors.stream()
                                            .filter(p -> p.error()
                                                    || p.segments().stream().anyMatch(s -> s.error() != null))
                                            .map(LocalProcessor::name)
                                            .toList()
                                    : List.of());
                    return new NodeRow(node, processors);
                });
    }

    private List<ClusterProcessor> processors(
            long head, Set<String> up, Map<String, Map<String, LocalProcessor>> reported) {
        Map<String, List<TokenRow>> byProcessor = new LinkedHashMap<>();
        jdbc.query(
                "select processor_name, segment, owner, token, token_type from token_entry"
                        + " where processor_name not like '\\_\\_%' order by processor_name, segment",
                (ResultSet rs) -> {
                    TokenRow row = new TokenRow(
                            rs.getString("processor_name"),
                            rs.getInt("segment"),
                            rs.getString("owner"),
                            token(rs.getBytes("token"), rs.getString("token_type")));
                    byProcessor
                            .computeIfAbsent(row.processor(), k -> new ArrayList<>())
                            .add(row);
                });
        List<ClusterProcessor> processors = new ArrayList<>();
        byProcessor.forEach((name, rows) -> {
            List<ProcessorSegment> segments = new ArrayList<>();
            for (TokenRow row : rows) {
                LocalProcessor.Segment local = row.owner() == null
                        ? null
                        : reported.getOrDefault(row.owner(), Map.of()).values().stream()
                                .filter(p -> p.name().equals(name))
                                .flatMap(p -> p.segments().stream())
                                .filter(s -> s.segment() == row.segment())
                                .findFirst()
                                .orElse(null);
                segments.add(new ProcessorSegment(
                        row.segment(),
                        row.owner(),
                        row.owner() != null && up.contains(row.owner()),
                        position(row.token()),
                        row.token() instanceof ReplayToken || (local != null && local.replaying()),
                        local != null && local.caughtUp(),
                        local == null ? null : local.error()));
            }
            long slowest = segments.stream()
                    .mapToLong(ProcessorSegment::position)
                    .min()
                    .orElse(-1);
            boolean error = segments.stream().anyMatch(s -> s.error() != null)
                    || rows.stream()
                            .map(TokenRow::owner)
                            .filter(owner -> owner != null)
                            .distinct()
                            .map(owner -> reported.getOrDefault(owner, Map.of()).get(name))
                            .anyMatch(p -> p != null && p.error());
            processors.add(new ClusterProcessor(
                    name,
                    segments.size(),
                    (int) segments.stream().filter(s -> s.owner() != null).count(),
                    slowest,
                    Math.max(0, head - slowest),
                    segments.stream().anyMatch(ProcessorSegment::replaying),
                    error,
                    List.copyOf(segments)));
        });
        return processors;
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, new SimpleSerializedType(type, null)));
    }

    private List<LocalProcessor> processors(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, LOCAL_PROCESSORS);
        } catch (JsonProcessingException e) {
            // a row written by another version of TrendDesk: its processor details are not shown
            return List.of();
        }
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
