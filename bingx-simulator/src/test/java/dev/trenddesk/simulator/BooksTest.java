package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exchange's lock discipline: its books change only while the exchange's monitor is held. */
class BooksTest {

    private final Object lock = new Object();
    private final Books books = new Books(
            new Market(
                    SimulatorConfig.builder()
                            .clockMode(ClockMode.STEPPED)
                            .historyCandles(2)
                            .candles("ETH-USDT", TestMarket.ETH)
                            .build(),
                    System::currentTimeMillis),
            System::currentTimeMillis,
            new Exchange.Events() {
                @Override
                public void userEvent(String apiKey, java.util.Map<String, Object> event) {}

                @Override
                public void kline(SymbolReplay replay, Candle candle, boolean closed) {}
            },
            lock);

    @Test
    void aChangeOutsideTheLockFails() {
        assertThatThrownBy(books::changed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("only under its lock");
        assertThat(books.isChanged()).isFalse();
    }

    @Test
    void aChangeUnderTheLockIsMarkedUntilWritten() {
        synchronized (lock) {
            books.changed();
        }
        assertThat(books.isChanged()).isTrue();
        books.clearChanged();
        assertThat(books.isChanged()).isFalse();
        assertThat(books.takeEvents()).isEqualTo(List.of());
    }
}
