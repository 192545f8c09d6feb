package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.FeedUpdate;
import dev.trenddesk.gateway.feed.FeedHub;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.query.readside.AlertsProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import reactor.core.Disposable;

/**
 * Live SSE streams end to end: each trader's stream carries only their own updates, whatever
 * Last-Event-ID they send; a reconnect gets what it missed; heartbeats flow; a client that leaves
 * is unsubscribed; a slow client is cut off without holding up the others.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamTest {

    @LocalServerPort
    int port;

    @Autowired
    AlertsProjection alerts;

    @Autowired
    FeedHub hub;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EventStore eventStore;

    private Projector projector;
    private People people;
    private Person traderA;
    private Person traderB;

    @BeforeAll
    void people() {
        projector = new Projector(transactions, eventStore);
        people = new People(port);
        traderA = people.create("trader");
        traderB = people.create("trader");
    }

    private long alert(Person person, String message) {
        long position = projector.nextPosition();
        projector.project(
                alerts,
                new AlertRaised(
                        "test-" + UUID.randomUUID(),
                        UserId.of(person.id()),
                        AlertRaised.Severity.WARNING,
                        "TEST",
                        message,
                        Instant.now()),
                position);
        return position;
    }

    @Test
    void eachStreamCarriesOnlyItsOwnUsersDataWhateverLastEventIdItSends() {
        Api a = traderA.login();
        Api b = traderB.login();
        String secret = "for-a-only-" + UUID.randomUUID();
        try (SseClient streamA = SseClient.open(port, a, "/api/me/stream", null);
                SseClient streamB = SseClient.open(port, b, "/api/me/stream", null);
                SseClient adminOnA =
                        SseClient.open(port, people.admin(), "/api/users/" + traderA.id() + "/stream", null);
                SseClient overview = SseClient.open(port, people.admin(), "/api/admin/overview/stream", null)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (SseClient stream : List.of(streamA, streamB, adminOnA, overview)) {
                    assertThat(stream.named("snapshot")).as(stream.toString()).isNotEmpty();
                }
            });
            assertThat(streamA.named("snapshot").get(0).data())
                    .contains(traderA.id())
                    .doesNotContain(traderB.id());
            alert(traderA, secret);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> streamA.anyDataContains(secret)
                            && adminOnA.anyDataContains(secret)
                            && overview.anyDataContains(secret));
            SseClient.Event received = streamA.named("alert").stream()
                    .filter(e -> e.data().contains(secret))
                    .findFirst()
                    .orElseThrow();
            // the id is the update's place in the feed (seq), after the snapshot the stream started from
            long seq = Long.parseLong(received.id());
            assertThat(seq)
                    .isGreaterThan(
                            Long.parseLong(streamA.named("snapshot").get(0).id()));

            // B guesses A's ids: the update's own id, the one before it, zero, a future one
            for (String guess : List.of(
                    Long.toString(seq - 1), Long.toString(seq), "0", Long.toString(seq + 1_000_000), "not-a-number")) {
                try (SseClient probe = SseClient.open(port, b, "/api/me/stream?follow=false", guess)) {
                    await().atMost(Duration.ofSeconds(10)).until(probe::ended);
                    assertThat(probe.status()).isEqualTo(200);
                    assertThat(probe.anyDataContains(secret))
                            .as("B resuming from " + guess)
                            .isFalse();
                    assertThat(probe.anyDataContains(traderA.id()))
                            .as("B resuming from " + guess)
                            .isFalse();
                }
            }
            assertThat(streamB.anyDataContains(secret)).isFalse();
            assertThat(streamB.anyDataContains(traderA.id())).isFalse();
            try (SseClient stolen = SseClient.open(
                    port, b, "/api/users/" + traderA.id() + "/stream?follow=false", Long.toString(seq - 1))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> stolen.status() != 0);
                assertThat(stolen.status()).isEqualTo(404);
            }
            // the admin's look at A's stream is in the audit log
            await().atMost(Duration.ofSeconds(20)).until(() -> people.admin()
                    .get("/api/audit/events?type=AdminViewedUserData&user=" + traderA.id())
                    .body()
                    .contains("GET /api/users/" + traderA.id() + "/stream"));
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsWhatItMissedInsteadOfASnapshot() {
        Api a = traderA.login();
        String before = "before-the-gap-" + UUID.randomUUID();
        String lastSeen;
        try (SseClient first = SseClient.open(port, a, "/api/me/stream", null)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !first.named("snapshot").isEmpty());
            alert(traderA, before);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.anyDataContains(before));
            lastSeen = first.named("alert").stream()
                    .filter(e -> e.data().contains(before))
                    .findFirst()
                    .orElseThrow()
                    .id();
        }
        String missed = "missed-" + UUID.randomUUID();
        alert(traderA, missed);
        try (SseClient resumed = SseClient.open(port, a, "/api/me/stream?follow=false", lastSeen)) {
            await().atMost(Duration.ofSeconds(10)).until(resumed::ended);
            assertThat(resumed.anyDataContains(missed)).as(resumed.toString()).isTrue();
            assertThat(resumed.named("snapshot")).isEmpty();
            assertThat(resumed.anyDataContains(before)).isFalse();
        }
    }

    @Test
    void heartbeatsFlowAndAClientThatLeavesIsUnsubscribed() {
        int before = hub.connectedClients();
        SseClient stream = SseClient.open(port, traderA.login(), "/api/me/stream", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.connectedClients() == before + 1);
        await().atMost(Duration.ofSeconds(35))
                .until(() -> !stream.named("heartbeat").isEmpty());
        stream.close();
        await().atMost(Duration.ofSeconds(35)).until(() -> hub.connectedClients() == before);
    }

    @Test
    void aClientsUpdatesReachItInOrderOnADeliveryThreadNotOnTheHubsListener() {
        // the listener only queues: a broadcast to a thousand streams must not hold up the next update
        FeedHub.Client client = hub.connect(UserId.of(traderA.id()));
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        String batch = "order-" + UUID.randomUUID();
        Disposable reading = client.updates()
                .filter(update -> update.data().contains(batch))
                .subscribe(update -> {
                    threads.add(Thread.currentThread().getName());
                    received.add(update.data());
                });
        try {
            for (int i = 0; i < 20; i++) {
                alert(traderA, batch + " #" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 20);
            for (int i = 0; i < 20; i++) {
                assertThat(received.get(i)).contains(batch + " #" + i + "\"");
            }
            assertThat(threads).allMatch(name -> name.startsWith("feed-delivery-"), "a delivery thread");
        } finally {
            reading.dispose();
            hub.disconnect(client);
        }
    }

    @Test
    void aSlowClientIsCutOffWhileOthersGetEverything() {
        Api a = traderA.login();
        String batch = "batch-" + UUID.randomUUID();
        int count = 300;
        try (SseClient fast = SseClient.open(port, a, "/api/me/stream", null)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !fast.named("snapshot").isEmpty());
            FeedHub.Client slow = hub.connect(UserId.of(traderA.id()));
            for (int i = 0; i < count; i++) {
                alert(traderA, batch + " #" + i);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fast.named("alert").stream()
                                    .filter(e -> e.data().contains(batch))
                                    .count()
                            == count);
            List<FeedUpdate> drained = new CopyOnWriteArrayList<>();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Disposable reading = slow.updates().subscribe(drained::add, ended::set);
            await().atMost(Duration.ofSeconds(10)).until(() -> ended.get() != null);
            reading.dispose();
            assertThat(ended.get()).isInstanceOf(FeedHub.SlowClientException.class);
            assertThat(drained.size()).isLessThan(count);
        }
    }
}
