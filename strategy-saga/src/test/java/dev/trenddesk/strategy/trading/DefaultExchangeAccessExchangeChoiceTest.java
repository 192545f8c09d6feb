package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import dev.trenddesk.strategy.exchange.Exchange;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.Exchanges;
import dev.trenddesk.strategy.exchange.TradingConnection;
import dev.trenddesk.strategy.trading.ExchangeAccess.ExchangeUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A trader's calls go to the adapter of the exchange their verified key is recorded with, chosen by that name
 * among the adapters of the process; a name no adapter answers to fails naming it and nothing is asked of
 * another exchange (not even the market-data one).
 */
class DefaultExchangeAccessExchangeChoiceTest {

    private final UserId user = new UserId(UUID.randomUUID());
    private final ExchangeKey key = new ExchangeKey("api-key-0123456789", "secret-0123456789");

    private static Exchange adapter(String name, String displayName) {
        Exchange exchange = mock(Exchange.class);
        when(exchange.name()).thenReturn(name);
        when(exchange.displayName()).thenReturn(displayName);
        return exchange;
    }

    @Test
    void theConnectionIsMadeByTheAdapterOfTheRecordedExchange() {
        Exchange market = adapter("BINGX", "Market");
        Exchange recorded = adapter("BINGX", "BingX");
        TradingConnection connection = mock(TradingConnection.class);
        when(recorded.connect(key)).thenReturn(connection);
        DefaultExchangeAccess access = new DefaultExchangeAccess(
                market,
                Exchanges.of(recorded),
                id -> Mono.just(new VerifiedKey(ExchangeName.BINGX, key)),
                Duration.ofSeconds(1),
                Clock.systemUTC());

        assertThat(access.client(user)).isSameAs(connection);
        verify(recorded).connect(key);
        verify(market, never()).connect(any());
    }

    @Test
    void aKeyRecordedWithAnExchangeWithoutAdapterFailsNamingItAndAsksNoOtherExchange() {
        Exchange market = adapter("BINGX", "BingX");
        DefaultExchangeAccess access = new DefaultExchangeAccess(
                market,
                new Exchanges(java.util.List.of()),
                id -> Mono.just(new VerifiedKey(ExchangeName.BINGX, key)),
                Duration.ofSeconds(1),
                Clock.systemUTC());

        assertThatThrownBy(() -> access.client(user))
                .isInstanceOf(ExchangeUnavailable.class)
                .hasMessage(
                        "the verified key is recorded with BingX: no exchange adapter is named BINGX in this process "
                                + "(the adapters here: [])")
                .hasCauseInstanceOf(Exchanges.UnknownExchangeException.class);
        verify(market, never()).connect(any());
    }

    @Test
    void withoutAVerifiedKeyNothingIsConnected() {
        Exchange bingx = adapter("BINGX", "BingX");
        DefaultExchangeAccess access = new DefaultExchangeAccess(bingx, id -> Mono.empty(), Duration.ofSeconds(1));

        assertThatThrownBy(() -> access.client(user))
                .isInstanceOf(ExchangeUnavailable.class)
                .hasMessage("no verified BingX credentials")
                .satisfies(e ->
                        assertThat(((ExchangeUnavailable) e).isNoCredentials()).isTrue());
        verify(bingx, never()).connect(any());
    }
}
