package dev.trenddesk.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one simulator instance. Build with {@link #builder()}; every setting has a default.
 *
 * @param host               interface to bind (default {@code 127.0.0.1})
 * @param port               TCP port; 0 picks a free one
 * @param clockMode          how market time moves
 * @param speed              market-time multiplier in {@link ClockMode#ACCELERATED}
 * @param rateLimitsEnabled  whether BingX's rate limits are enforced (switch off for benchmarks)
 * @param klinePayloadShape  shape of the {@code data} member of kline pushes
 * @param signaturePayload   which form of the parameter string signatures must cover
 * @param pingInterval       how often the WebSocket server sends {@code Ping}
 * @param pongTimeout        a WebSocket connection that sends no {@code Pong} for this long is closed
 * @param listenKeyValidity  lifetime of a listen key after creation or its last extension
 * @param tickInterval       wall-clock period of the market ticker in REALTIME / ACCELERATED mode
 * @param historyCandles     closed candles laid in the past at start (served as history)
 * @param marketStart        market time at start (epoch ms), or null for the wall clock; a restarted
 *                           accelerated demo continues after the candles it already served. Ignored
 *                           when {@code dataDirectory} holds a saved state (the saved clock wins)
 * @param candleOverrides    per symbol, candles replacing the recorded data (tests use hand-made
 *                           prices); open times are reassigned by the replay
 * @param dataDirectory      where the exchange's state is kept across restarts, or null to keep
 *                           everything in memory only (see docs/simulator.md, "Persistence")
 * @param intervals          the kline intervals served on REST and WebSocket (default: all of 1m, 3m,
 *                           5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d); any other is refused with 80014
 * @param placeAnswer        what the place-order endpoint answers: an acknowledgement as BingX gives
 *                           (default) or the order already filled (the simulator's former answer)
 * @param fillDelay          with {@link PlaceAnswer#ACKNOWLEDGED}, how long after its acknowledgement a
 *                           MARKET order fills (wall clock; default 5 ms)
 */
public record SimulatorConfig(
        String host,
        int port,
        ClockMode clockMode,
        int speed,
        boolean rateLimitsEnabled,
        KlinePayloadShape klinePayloadShape,
        SignaturePayload signaturePayload,
        Duration pingInterval,
        Duration pongTimeout,
        Duration listenKeyValidity,
        Duration tickInterval,
        int historyCandles,
        Long marketStart,
        Map<String, List<Candle>> candleOverrides,
        Path dataDirectory,
        Set<String> intervals,
        PlaceAnswer placeAnswer,
        Duration fillDelay) {

    /** Validates the settings and freezes the overrides. */
    public SimulatorConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(clockMode);
        Objects.requireNonNull(klinePayloadShape);
        Objects.requireNonNull(signaturePayload);
        Objects.requireNonNull(placeAnswer);
        Objects.requireNonNull(fillDelay);
        if (fillDelay.isNegative()) {
            throw new IllegalArgumentException("fillDelay must not be negative: " + fillDelay);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (speed < 1) {
            throw new IllegalArgumentException("speed must be at least 1: " + speed);
        }
        if (historyCandles < 0) {
            throw new IllegalArgumentException("historyCandles must not be negative");
        }
        candleOverrides = Map.copyOf(candleOverrides);
        for (String interval : intervals) {
            if (!KlineInterval.CODES.contains(interval)) {
                throw new IllegalArgumentException(
                        "unknown kline interval " + interval + "; known: " + KlineInterval.CODES);
            }
        }
        intervals = Collections.unmodifiableSet(new LinkedHashSet<>(intervals));
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Fluent builder of {@link SimulatorConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private ClockMode clockMode = ClockMode.REALTIME;
        private int speed = 60;
        private boolean rateLimitsEnabled = true;
        private KlinePayloadShape klinePayloadShape = KlinePayloadShape.ALTERNATE;
        private SignaturePayload signaturePayload = SignaturePayload.DECODED;
        private Duration pingInterval = Duration.ofSeconds(5);
        private Duration pongTimeout = Duration.ofSeconds(30);
        private Duration listenKeyValidity = Duration.ofMinutes(60);
        private Duration tickInterval = Duration.ofMillis(200);
        private int historyCandles = 300;
        private Long marketStart;
        private final Map<String, List<Candle>> candleOverrides = new LinkedHashMap<>();
        private Path dataDirectory;
        private Set<String> intervals = new LinkedHashSet<>(KlineInterval.CODES);
        private PlaceAnswer placeAnswer = PlaceAnswer.ACKNOWLEDGED;
        private Duration fillDelay = Duration.ofMillis(5);

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder clockMode(ClockMode clockMode) {
            this.clockMode = clockMode;
            return this;
        }

        public Builder speed(int speed) {
            this.speed = speed;
            return this;
        }

        public Builder rateLimitsEnabled(boolean rateLimitsEnabled) {
            this.rateLimitsEnabled = rateLimitsEnabled;
            return this;
        }

        public Builder klinePayloadShape(KlinePayloadShape klinePayloadShape) {
            this.klinePayloadShape = klinePayloadShape;
            return this;
        }

        public Builder signaturePayload(SignaturePayload signaturePayload) {
            this.signaturePayload = signaturePayload;
            return this;
        }

        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
            return this;
        }

        public Builder pongTimeout(Duration pongTimeout) {
            this.pongTimeout = pongTimeout;
            return this;
        }

        public Builder listenKeyValidity(Duration listenKeyValidity) {
            this.listenKeyValidity = listenKeyValidity;
            return this;
        }

        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = tickInterval;
            return this;
        }

        /** Market time at start (epoch ms) instead of the wall clock. */
        public Builder marketStart(long marketStartMillis) {
            this.marketStart = marketStartMillis;
            return this;
        }

        public Builder historyCandles(int historyCandles) {
            this.historyCandles = historyCandles;
            return this;
        }

        /** Replaces the recorded data of {@code symbol} (BTC-USDT or ETH-USDT) by these candles. */
        public Builder candles(String symbol, List<Candle> candles) {
            if (candles.isEmpty()) {
                throw new IllegalArgumentException("at least one candle is needed");
            }
            this.candleOverrides.put(symbol, List.copyOf(candles));
            return this;
        }

        /**
         * Keeps the state (accounts, orders, positions, incomes, id counters, listen keys, market clock)
         * in {@code directory}, restoring it at start; null (the default) keeps everything in memory.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * Serves only these kline intervals (e.g. {@code "5m"}), refusing the others with 80014 as BingX
         * refuses an unknown one: a test can meet an exchange that does not serve a timeframe.
         */
        public Builder intervals(String... intervals) {
            this.intervals = new LinkedHashSet<>(List.of(intervals));
            return this;
        }

        /** What the place-order endpoint answers (default {@link PlaceAnswer#ACKNOWLEDGED}, as BingX). */
        public Builder placeAnswer(PlaceAnswer placeAnswer) {
            this.placeAnswer = placeAnswer;
            return this;
        }

        /** How long after its acknowledgement a MARKET order fills (default 5 ms; ignored with FILLED answers). */
        public Builder fillDelay(Duration fillDelay) {
            this.fillDelay = fillDelay;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(
                    host,
                    port,
                    clockMode,
                    speed,
                    rateLimitsEnabled,
                    klinePayloadShape,
                    signaturePayload,
                    pingInterval,
                    pongTimeout,
                    listenKeyValidity,
                    tickInterval,
                    historyCandles,
                    marketStart,
                    candleOverrides,
                    dataDirectory,
                    intervals,
                    placeAnswer,
                    fillDelay);
        }
    }
}
