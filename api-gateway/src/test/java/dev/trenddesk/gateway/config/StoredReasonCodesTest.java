package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalSkipped;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A skipped candle's reason code was a free string in stored SignalSkipped events and is the core-api
 * {@link ReasonCode} now: every code the platform ever wrote reads back as that enum through the
 * storage serializer, and the enum is written as the same string.
 */
class StoredReasonCodesTest {

    private static final ObjectMapper STORAGE = AxonConfiguration.storageObjectMapper();

    /** Every reason code string a SignalSkipped event was ever stored with (strategy and saga codes). */
    static List<String> storedCodes() {
        return List.of(
                "SIGNAL",
                "POSITION_KEPT",
                "TREND_FADED",
                "DI_CROSS",
                "MAX_DRAWDOWN",
                "INDICATORS_NOT_READY",
                "NO_TREND",
                "NO_DIRECTION",
                "LOW_CONFIDENCE",
                "ALREADY_IN_POSITION",
                "MAX_POSITIONS",
                "DAILY_LOSS_LIMIT",
                "INVALID_STOP",
                "BELOW_MIN_QUANTITY",
                "INSUFFICIENT_MARGIN",
                "BELOW_MIN_NOTIONAL",
                "ORDER_PENDING",
                "PAUSED",
                "EXCHANGE_UNAVAILABLE",
                "ACCOUNT_NOT_PREPARED",
                "EXTERNAL_POSITION",
                "REJECTED_REPEATEDLY",
                "REJECTION_BACKOFF");
    }

    @ParameterizedTest
    @MethodSource("storedCodes")
    void aStoredSkipReadsBackWithItsCodeAndIsWrittenTheSameWay(String code) throws Exception {
        String stored = """
                {"sessionId":"7c4f4bb6-6a8e-4a4b-9a55-2f1a3c0d9e11","userId":"0b6e3d9a-1f2c-4e5d-8a7b-6c5d4e3f2a1b",\
                "symbol":"ETH-USDT","candleTime":"2026-03-01T10:05:00Z","signal":"LONG","reasonCode":"%s",\
                "reason":"why, with numbers","at":"2026-03-01T10:10:00.250Z"}""".formatted(code);

        SignalSkipped event = STORAGE.readValue(stored, SignalSkipped.class);

        assertThat(event.reasonCode()).isEqualTo(ReasonCode.valueOf(code));
        assertThat(event.reasonCode().name()).isEqualTo(code);
        assertThat(STORAGE.readTree(STORAGE.writeValueAsString(event))).isEqualTo(STORAGE.readTree(stored));
    }
}
