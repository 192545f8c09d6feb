package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.feed.FeedHub;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.Node;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.query.readside.AlertsProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Live streams across nodes (ADR 0017): two nodes on one database, where only node A runs the query
 * role, so every update is made by A's projections. A client on node B receives them live; a client
 * that got updates from A resumes on B with {@code Last-Event-ID} and receives exactly what it missed,
 * in order, then live, with no gap and no duplicate; an id older than the table keeps gets a snapshot;
 * a node that shuts down ends its streams at once with a {@code reconnect} event instead of holding
 * its graceful shutdown.
 */
class CrossNodeStreamTest {

    @Test
    void updatesMadeOnOneNodeReachAndResumeOnTheOther() throws Exception {
        String dataDir =
                "trenddesk.database.embedded.data-dir=" + System.getProperty("trenddesk.test.build-dir", "target")
                        + "/test-postgres/cross-node-stream-" + System.nanoTime();
        try (Node a = Node.start(dataDir);
                Node b = Node.start(
                        "spring.datasource.url=" + a.jdbcUrl(),
                        "spring.datasource.username="
                                + a.bean(DatabaseEndpoint.class).username(),
                        "spring.datasource.password="
                                + a.bean(DatabaseEndpoint.class).password(),
                        "trenddesk.roles=gateway",
                        // were open streams to hold the graceful shutdown, closing B would take a minute
                        "spring.lifecycle.timeout-per-shutdown-phase=60s")) {
            assertThatThrownBy(() -> b.bean(AlertsProjection.class))
                    .as("node B runs no projection")
                    .isInstanceOf(NoSuchBeanDefinitionException.class);
            Projector projector = new Projector(a.bean(PlatformTransactionManager.class), a.bean(EventStore.class));
            AlertsProjection alerts = a.bean(AlertsProjection.class);
            People people = new People(a.port());
            Person trader = people.create("trader");
            Person other = people.create("trader");
            Api onA = trader.login();
            Api onB = onA.sameSessionAt(b.port());
            FeedHub hubB = b.bean(FeedHub.class);
            String run = UUID.randomUUID().toString();

            // live: an update made by A's projection reaches a client of B, with the same id as on A
            String snapshotId;
            String seenLast;
            try (SseClient first = SseClient.open(a.port(), onA, "/api/me/stream", null)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !first.named("snapshot").isEmpty());
                snapshotId = first.named("snapshot").get(0).id();
                try (SseClient viaB = SseClient.open(b.port(), onB, "/api/me/stream", snapshotId)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> hubB.connectedClients() == 1);
                    alert(projector, alerts, other, "not-for-trader-" + run);
                    alert(projector, alerts, trader, "live-" + run);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> viaB.anyDataContains("live-" + run) && first.anyDataContains("live-" + run));
                    assertThat(viaB.named("alert")).hasSize(1);
                    assertThat(viaB.named("alert").get(0).id())
                            .isEqualTo(first.named("alert").get(0).id());
                    assertThat(viaB.named("snapshot"))
                            .as("resumed from A's snapshot id")
                            .isEmpty();
                    assertThat(viaB.anyDataContains("not-for-trader-" + run)).isFalse();
                }
                alert(projector, alerts, trader, "seen-" + run);
                await().atMost(Duration.ofSeconds(10)).until(() -> first.anyDataContains("seen-" + run));
                seenLast = first.named("alert").getLast().id();
            }

            // the client's node is gone; meanwhile A's projection makes three more updates (and another user's)
            for (int i = 0; i < 3; i++) {
                alert(projector, alerts, trader, "missed-" + i + "-" + run);
                alert(projector, alerts, other, "others-" + i + "-" + run);
            }
            try (SseClient resumed = SseClient.open(b.port(), onB, "/api/me/stream", seenLast)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> resumed.named("alert").size() == 3);
                alert(projector, alerts, trader, "after-" + run);
                await().atMost(Duration.ofSeconds(10)).until(() -> resumed.anyDataContains("after-" + run));
                // a moment for anything doubled to arrive
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
                List<SseClient.Event> got = resumed.named("alert");
                assertThat(got).as(resumed.toString()).hasSize(4);
                assertThat(got.stream().map(SseClient.Event::data).toList())
                        .satisfiesExactly(
                                data -> assertThat(data).contains("missed-0-" + run),
                                data -> assertThat(data).contains("missed-1-" + run),
                                data -> assertThat(data).contains("missed-2-" + run),
                                data -> assertThat(data).contains("after-" + run));
                List<Long> ids = got.stream().map(e -> Long.parseLong(e.id())).toList();
                assertThat(ids).isSorted().doesNotHaveDuplicates();
                assertThat(ids.getFirst()).isGreaterThan(Long.parseLong(seenLast));
                assertThat(resumed.named("snapshot")).isEmpty();
                assertThat(resumed.anyDataContains("others-")).isFalse();
                assertThat(resumed.anyDataContains("seen-" + run)).isFalse();
            }

            // a stream open on B when B shuts down is ended at once and told to reconnect
            String newest = Long.toString(hubB.newestId());
            SseClient open = SseClient.open(b.port(), onB, "/api/me/stream", newest);
            await().atMost(Duration.ofSeconds(10)).until(() -> hubB.connectedClients() == 1);
            long closing = System.nanoTime();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(b::close);
            await().atMost(Duration.ofSeconds(10)).until(open::ended);
            assertThat(open.named("reconnect")).hasSize(1);
            assertThat(open.named("reconnect").get(0).data()).contains("NODE_STOPPING");
            closed.get(40, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - closing))
                    .as("B's graceful shutdown was not held by the open stream")
                    .isLessThan(Duration.ofSeconds(40));

            // an id older than what the table keeps: a fresh snapshot, not a partial resume
            assertThat(a.bean(FeedHub.class).purgeOlderThan(Instant.now().plusSeconds(1)))
                    .isPositive();
            try (SseClient tooOld = SseClient.open(a.port(), onA, "/api/me/stream?follow=false", seenLast)) {
                await().atMost(Duration.ofSeconds(10)).until(tooOld::ended);
                assertThat(tooOld.named("snapshot")).as(tooOld.toString()).hasSize(1);
                assertThat(tooOld.named("alert")).isEmpty();
            }
        }
    }

    private static void alert(Projector projector, AlertsProjection alerts, Person person, String message) {
        projector.project(
                alerts,
                new AlertRaised(
                        "test-" + UUID.randomUUID(),
                        UserId.of(person.id()),
                        AlertRaised.Severity.WARNING,
                        "TEST",
                        message,
                        Instant.now()));
    }
}
