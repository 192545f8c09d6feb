package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.bingx.model.Candle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class CandleCloserTest {

    private static final long FIVE_MIN = 300_000;
    private static final long T0 = 1_761_327_300_000L;

    private final List<Instant[]> backfillCalls = new ArrayList<>();
    private List<Candle> restCandles = List.of();

    private final CandleCloser closer = new CandleCloser("5m", (from, to) -> {
        backfillCalls.add(new Instant[] {from, to});
        return Flux.fromIterable(restCandles);
    });

    @Test
    void parsesArrayAndObjectDataPayloads() {
        String array = "{\"code\":0,\"dataType\":\"BTC-USDT@kline_5m\",\"s\":\"BTC-USDT\",\"data\":["
                + "{\"o\":\"100.5\",\"h\":\"101\",\"l\":\"99\",\"c\":\"100.7\",\"v\":\"12.3\",\"T\":" + T0 + "}]}";
        String object = "{\"code\":0,\"dataType\":\"BTC-USDT@kline_5m\",\"data\":"
                + "{\"o\":100.5,\"h\":101,\"l\":99,\"c\":100.70,\"v\":12.3,\"T\":\"" + T0 + "\"}}";

        List<Candle> fromArray =
                BingxJson.list(BingxJson.readTree(array).get("data"), n -> BingxJson.wsCandle("BTC-USDT", "5m", n));
        List<Candle> fromObject =
                BingxJson.list(BingxJson.readTree(object).get("data"), n -> BingxJson.wsCandle("BTC-USDT", "5m", n));

        assertThat(fromArray).singleElement().satisfies(c -> {
            assertThat(c.openTime()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(c.open()).isEqualByComparingTo("100.5");
            assertThat(c.close()).isEqualByComparingTo("100.7");
            assertThat(c.volume()).isEqualByComparingTo("12.3");
        });
        assertThat(fromObject).singleElement().satisfies(c -> {
            assertThat(c.openTime()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(c.close()).isEqualByComparingTo("100.7");
        });
    }

    @Test
    void repeatedUpdatesOfTheSameCandleCloseNothing() {
        StepVerifier.create(Flux.just(update(candle(T0, "100")), update(candle(T0, "101")), update(candle(T0, "102")))
                        .concatMap(closer::onSignal))
                .verifyComplete();
    }

    @Test
    void aNewerCandleClosesThePreviousWithItsLastValues() {
        StepVerifier.create(Flux.just(
                                update(candle(T0, "100")),
                                update(candle(T0, "101")),
                                update(candle(T0 + FIVE_MIN, "102")),
                                update(candle(T0 + FIVE_MIN, "103")),
                                update(candle(T0 + 2 * FIVE_MIN, "104")))
                        .concatMap(closer::onSignal))
                .assertNext(c -> assertClosed(c, T0, "101"))
                .assertNext(c -> assertClosed(c, T0 + FIVE_MIN, "103"))
                .verifyComplete();
        assertThat(backfillCalls).isEmpty();
    }

    @Test
    void anArrayWithSeveralCandlesClosesAllButTheNewest() {
        StepVerifier.create(closer.onSignal(new CandleCloser.Signal.Update(
                        List.of(candle(T0 + FIVE_MIN, "2"), candle(T0, "1"), candle(T0 + 2 * FIVE_MIN, "3")))))
                .assertNext(c -> assertClosed(c, T0, "1"))
                .assertNext(c -> assertClosed(c, T0 + FIVE_MIN, "2"))
                .verifyComplete();
    }

    @Test
    void anOlderCandleArrivingLateIsIgnored() {
        StepVerifier.create(Flux.just(
                                update(candle(T0, "1")),
                                update(candle(T0 + FIVE_MIN, "2")),
                                update(candle(T0, "9")),
                                update(candle(T0 + 2 * FIVE_MIN, "3")))
                        .concatMap(closer::onSignal))
                .assertNext(c -> assertClosed(c, T0, "1"))
                .assertNext(c -> assertClosed(c, T0 + FIVE_MIN, "2"))
                .verifyComplete();
    }

    @Test
    void aReconnectBackfillsMissedCandlesFromRestWithoutDoublingAny() {
        restCandles = List.of(
                candle(T0, "0.5"),
                candle(T0 + FIVE_MIN, "1.9"),
                candle(T0 + 2 * FIVE_MIN, "2"),
                candle(T0 + 3 * FIVE_MIN, "3"));

        StepVerifier.create(Flux.just(
                                update(candle(T0, "0")),
                                update(candle(T0 + FIVE_MIN, "1.1")),
                                new CandleCloser.Signal.Reconnected(),
                                update(candle(T0 + 3 * FIVE_MIN, "3.3")),
                                update(candle(T0 + 4 * FIVE_MIN, "4")))
                        .concatMap(closer::onSignal))
                .assertNext(c -> assertClosed(c, T0, "0"))
                .assertNext(c -> assertClosed(c, T0 + FIVE_MIN, "1.9"))
                .assertNext(c -> assertClosed(c, T0 + 2 * FIVE_MIN, "2"))
                .assertNext(c -> assertClosed(c, T0 + 3 * FIVE_MIN, "3.3"))
                .verifyComplete();
        assertThat(backfillCalls).singleElement().satisfies(call -> {
            assertThat(call[0]).isEqualTo(Instant.ofEpochMilli(T0 + 1));
            assertThat(call[1]).isEqualTo(Instant.ofEpochMilli(T0 + 3 * FIVE_MIN - 1));
        });
    }

    @Test
    void aJumpOfSeveralPeriodsWithoutReconnectIsBackfilledToo() {
        restCandles = List.of(candle(T0, "0.9"), candle(T0 + FIVE_MIN, "1"));

        StepVerifier.create(Flux.just(update(candle(T0, "0")), update(candle(T0 + 2 * FIVE_MIN, "2")))
                        .concatMap(closer::onSignal))
                .assertNext(c -> assertClosed(c, T0, "0.9"))
                .assertNext(c -> assertClosed(c, T0 + FIVE_MIN, "1"))
                .verifyComplete();
    }

    @Test
    void whenRestFailsTheLastPushedVersionOfTheClosingCandleIsStillEmitted() {
        CandleCloser failing = new CandleCloser("5m", (from, to) -> Flux.error(new IllegalStateException("down")));

        StepVerifier.create(Flux.just(
                                update(candle(T0, "0")),
                                new CandleCloser.Signal.Reconnected(),
                                update(candle(T0 + FIVE_MIN, "1")))
                        .concatMap(failing::onSignal))
                .assertNext(c -> assertClosed(c, T0, "0"))
                .verifyComplete();
    }

    @Test
    void aReconnectWithinTheSameCandleNeedsNoBackfill() {
        StepVerifier.create(Flux.just(
                                update(candle(T0, "0")),
                                new CandleCloser.Signal.Reconnected(),
                                update(candle(T0, "0.1")),
                                update(candle(T0 + FIVE_MIN, "1")))
                        .concatMap(closer::onSignal))
                .assertNext(c -> assertClosed(c, T0, "0.1"))
                .verifyComplete();
        assertThat(backfillCalls).isEmpty();
    }

    private static CandleCloser.Signal update(Candle candle) {
        return new CandleCloser.Signal.Update(List.of(candle));
    }

    /** A candle whose close price identifies the version under test. */
    private static Candle candle(long openTime, String close) {
        BigDecimal price = new BigDecimal(close);
        return new Candle("BTC-USDT", "5m", Instant.ofEpochMilli(openTime), price, price, price, price, BigDecimal.ONE);
    }

    private static void assertClosed(Candle c, long openTime, String close) {
        assertThat(c.openTime()).isEqualTo(Instant.ofEpochMilli(openTime));
        assertThat(c.close()).isEqualByComparingTo(close);
    }
}
