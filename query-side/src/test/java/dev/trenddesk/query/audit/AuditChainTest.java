package dev.trenddesk.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.audit.AuditEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456789Z");

    private static AuditEntry row(String payload, String previousHash) {
        return new AuditEntry(
                7,
                "event-7",
                AT,
                "PositionClosed",
                "TradingSession",
                "session-1",
                3L,
                "user-1",
                "user-1",
                "trader",
                "10.0.0.1",
                "trace-1",
                payload,
                previousHash,
                null);
    }

    @Test
    void canonicalJsonSortsKeysAndKeepsDecimalsExact() {
        Map<String, Object> unordered = new LinkedHashMap<>();
        unordered.put("zeta", new BigDecimal("0.10"));
        unordered.put("alpha", Map.of("y", 1, "b", "x"));
        record Payload(BigDecimal price, String symbol) {}
        assertThat(AuditChain.canonicalJson(unordered)).isEqualTo("{\"alpha\":{\"b\":\"x\",\"y\":1},\"zeta\":0.10}");
        assertThat(AuditChain.canonicalJson(new Payload(new BigDecimal("1707.750"), "ETH-USDT")))
                .isEqualTo("{\"price\":1707.750,\"symbol\":\"ETH-USDT\"}");
    }

    @Test
    void theHashCoversThePreviousHashAndEveryColumn() {
        String payload = "{\"pnl\":19}";
        String hash = AuditChain.hash(row(payload, AuditChain.GENESIS));
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(AuditChain.hash(row(payload, AuditChain.GENESIS))).isEqualTo(hash);
        assertThat(AuditChain.hash(row("{\"pnl\":91}", AuditChain.GENESIS))).isNotEqualTo(hash);
        assertThat(AuditChain.hash(row(payload, "1".repeat(64)))).isNotEqualTo(hash);
        AuditEntry otherActor = new AuditEntry(
                7,
                "event-7",
                AT,
                "PositionClosed",
                "TradingSession",
                "session-1",
                3L,
                "user-1",
                "admin-1",
                "trader",
                "10.0.0.1",
                "trace-1",
                payload,
                AuditChain.GENESIS,
                null);
        assertThat(AuditChain.hash(otherActor)).isNotEqualTo(hash);
    }

    @Test
    void theHashUsesTimeAsStoredInMicroseconds() {
        AuditEntry stored = new AuditEntry(
                7,
                "event-7",
                AuditChain.stored(AT),
                "PositionClosed",
                "TradingSession",
                "session-1",
                3L,
                "user-1",
                "user-1",
                "trader",
                "10.0.0.1",
                "trace-1",
                "{}",
                AuditChain.GENESIS,
                null);
        assertThat(AuditChain.hash(stored)).isEqualTo(AuditChain.hash(row("{}", AuditChain.GENESIS)));
        assertThat(AuditChain.stored(AT)).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
    }

    @Test
    void theUserConcernedIsThePayloadsUserId() {
        assertThat(AuditProjection.userConcerned(AuditChain.canonicalTree(Map.of("userId", "u-1", "x", 1))))
                .isEqualTo("u-1");
        assertThat(AuditProjection.userConcerned(AuditChain.canonicalTree(Map.of("symbol", "ETH-USDT"))))
                .isNull();
        // only a text userId names the user, as before
        assertThat(AuditProjection.userConcerned(AuditChain.canonicalTree(Map.of("userId", Map.of("value", "u-1")))))
                .isNull();
        assertThat(AuditProjection.userConcerned(AuditChain.canonicalTree(List.of("userId"))))
                .isNull();
    }

    @Test
    void chainingLinksARowAfterThePreviousOne() {
        AuditEntry linked = AuditProjection.chain(row("{}", null), new AuditProjection.Link(41, "a".repeat(64)));
        assertThat(linked.seq()).isEqualTo(42);
        assertThat(linked.previousHash()).isEqualTo("a".repeat(64));
        assertThat(linked.hash()).isEqualTo(AuditChain.hash(linked)).isNotEqualTo(AuditChain.hash(row("{}", null)));
    }
}
