package dev.trenddesk.strategy.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.ExchangeName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adapters by the names credentials and sessions record; an unknown name fails, never another exchange. */
class ExchangesTest {

    private static Exchange adapter(String name) {
        Exchange exchange = mock(Exchange.class);
        when(exchange.name()).thenReturn(name);
        return exchange;
    }

    @Test
    void anAdapterIsFoundByTheNameItAnswersTo() {
        Exchange bingx = adapter("BINGX");
        Exchanges exchanges = new Exchanges(List.of(bingx));
        assertThat(exchanges.get(ExchangeName.BINGX)).isSameAs(bingx);
        assertThat(exchanges.names()).containsExactly(ExchangeName.BINGX);
    }

    @Test
    void aRecordedNameWithoutAnAdapterIsAClearFailure() {
        Exchanges none = new Exchanges(List.of());
        assertThatThrownBy(() -> none.get(ExchangeName.BINGX))
                .isInstanceOf(Exchanges.UnknownExchangeException.class)
                .hasMessage("no exchange adapter is named BINGX in this process (the adapters here: [])");
        assertThatThrownBy(() -> Exchanges.of(adapter("BINGX")).get(null))
                .isInstanceOf(Exchanges.UnknownExchangeException.class)
                .hasMessageStartingWith("no exchange is recorded");
    }

    @Test
    void anAdapterMustAnswerToAnExchangeNameAndOnlyOneAdapterToEach() {
        assertThatThrownBy(() -> Exchanges.of(adapter("KRAKEN")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is named 'KRAKEN', which is no ExchangeName (BINGX)");
        assertThatThrownBy(() -> Exchanges.of(adapter("BINGX"), adapter("BINGX")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("two exchange adapters are named BINGX");
    }
}
