package dev.trenddesk.gateway.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This node's row in {@code cluster_nodes} (V97, docs/system.md): written when the context has started, again every
 * {@code trenddesk.cluster.heartbeat-interval} with the state of the event processors this node runs, and marked
 * stopped as the first step of a graceful shutdown. A node killed without a shutdown simply stops writing, and is
 * shown down once its row is older than {@code trenddesk.cluster.down-after}. Every heartbeat also deletes the rows
 * of nodes gone longer than {@code trenddesk.cluster.purge-after}. Times are the database's.
 */
@Component
class NodeRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ClusterProperties properties;
    private final ObjectMapper json = new ObjectMapper();
    private final String nodeId;
    private final String host;
    private final long pid;
    private final String roles;
    private final String version;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean warnedUnreachable;

    public NodeRegistry(
            JdbcTemplate jdbc,
            EventProcessingConfiguration processing,
            ClusterProperties properties,
            Environment environment) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.properties = properties;
        this.nodeId = NodeIdentity.of(environment);
        this.host = NodeIdentity.hostname();
        this.pid = ProcessHandle.current().pid();
        this.roles = String.join(
                ",",
                Arrays.stream(environment
                                .getProperty("trenddesk.roles", "command,query,saga,gateway")
                                .split(","))
                        .map(String::strip)
                        .filter(role -> !role.isEmpty())
                        .sorted()
                        .toList());
        String implementation = NodeRegistry.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "development" : implementation;
    }

    @Override
    public void start() {
        List<Map<String, Object>> other = jdbc.queryForList(
                "select host, pid from cluster_nodes where node_id = ? and stopped_at is null"
                        + " and last_seen > now() - make_interval(secs => ?) and (host <> ? or pid <> ?)",
                nodeId,
                seconds(properties.downAfter()),
                host,
                pid);
        if (!other.isEmpty()) {
            log.warn(
                    "Node id {} is also used by a running process ({} pid {}): every node needs its own"
                            + " trenddesk.node.id, or both will think they own the same event-processor segments",
                    nodeId,
                    other.get(0).get("host"),
                    other.get(0).get("pid"));
        }
        jdbc.update(
                "insert into cluster_nodes (node_id, host, pid, roles, version, started_at, last_seen, processors)"
                        + " values (?, ?, ?, ?, ?, now(), now(), ?::jsonb) on conflict (node_id) do update set"
                        + " host = excluded.host, pid = excluded.pid, roles = excluded.roles,"
                        + " version = excluded.version, started_at = excluded.started_at,"
                        + " last_seen = excluded.last_seen, stopped_at = null, processors = excluded.processors",
                nodeId,
                host,
                pid,
                roles,
                version,
                processorsJson());
        running.set(true);
        log.info("Node {} registered (roles {})", nodeId, roles);
    }

    @Scheduled(
            fixedDelayString = "${trenddesk.cluster.heartbeat-interval:5s}",
            initialDelayString = "${trenddesk.cluster.heartbeat-interval:5s}")
    public void heartbeat() {
        if (!running.get()) {
            return;
        }
        try {
            int updated = jdbc.update(
                    "update cluster_nodes set last_seen = now(), stopped_at = null, processors = ?::jsonb"
                            + " where node_id = ?",
                    processorsJson(),
                    nodeId);
            if (updated == 0 && running.get()) {
                // the row was purged while this node could not write (a long pause): register again
                start();
            }
            jdbc.update(
                    "delete from cluster_nodes where last_seen < now() - make_interval(secs => ?)",
                    seconds(properties.purgeAfter()));
            warnedUnreachable = false;
        } catch (DataAccessException e) {
            // the database is away: readiness shows it; the node is shown down until it can write again
            if (!warnedUnreachable) {
                log.warn("Node {} could not write its heartbeat: {}", nodeId, e.getMessage());
                warnedUnreachable = true;
            }
        }
    }

    @Override
    public void stop() {
        if (running.getAndSet(false)) {
            try {
                jdbc.update("update cluster_nodes set stopped_at = now(), last_seen = now() where node_id = ?", nodeId);
                log.info("Node {} marked stopped", nodeId);
            } catch (DataAccessException e) {
                log.warn("Node {} could not mark itself stopped: {}", nodeId, e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Starts after everything else (the node is registered once it can serve) and stops first (draining shows). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    String nodeId() {
        return nodeId;
    }

    private String processorsJson() {
        List<LocalProcessor> local = new ArrayList<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            List<LocalProcessor.Segment> segments = new ArrayList<>();
            boolean error = false;
            if (processor instanceof StreamingEventProcessor streaming) {
                error = streaming.isError();
                for (Map.Entry<Integer, EventTrackerStatus> entry :
                        streaming.processingStatus().entrySet()) {
                    EventTrackerStatus status = entry.getValue();
                    segments.add(new LocalProcessor.Segment(
                            entry.getKey(),
                            status.isReplaying(),
                            status.isCaughtUp(),
                            status.isErrorState() ? status.getError().getClass().getName() : null));
                }
                segments.sort(Comparator.comparingInt(LocalProcessor.Segment::segment));
            }
            local.add(new LocalProcessor(processor.getName(), processor.isRunning(), error, segments));
        }
        local.sort(Comparator.comparing(LocalProcessor::name));
        try {
            return json.writeValueAsString(local);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the processor states", e);
        }
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
