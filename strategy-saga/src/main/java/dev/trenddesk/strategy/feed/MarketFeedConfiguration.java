package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.strategy.exchange.Exchange;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The market feed's beans (saga role). Settings under {@code trenddesk.market} (config/market.yml):
 * {@code always-on} (comma-separated {@code SYMBOL@timeframe}, default {@code ETH-USDT@5m,BTC-USDT@5m};
 * empty for none), {@code warmup-candles} (300), {@code watch-interval} (2s), {@code retry-backoff} (1s).
 */
@Configuration(proxyBeanMethods = false)
public class MarketFeedConfiguration {

    @Bean
    FeedSettings marketFeedSettings(
            @Value("${trenddesk.market.always-on:ETH-USDT@5m,BTC-USDT@5m}") String alwaysOn,
            @Value("${trenddesk.market.warmup-candles:300}") int warmupCandles,
            @Value("${trenddesk.market.watch-interval:2s}") Duration watchInterval,
            @Value("${trenddesk.market.retry-backoff:1s}") Duration retryBackoff) {
        List<StreamKey> streams = Arrays.stream(alwaysOn.split(","))
                .map(String::trim)
                .filter(text -> !text.isEmpty())
                .map(StreamKey::parse)
                .distinct()
                .toList();
        return new FeedSettings(streams, warmupCandles, watchInterval, retryBackoff);
    }

    @Bean
    SubscriptionHolders subscriptionHolders(JdbcTemplate jdbc) {
        return new SubscriptionHolders(jdbc);
    }

    @Bean
    CandlePublisher candlePublisher(
            JdbcTemplate jdbc, TransactionManager transactions, EventBus eventBus, MarketClock market) {
        return new CandlePublisher(jdbc, transactions, eventBus, market);
    }

    @Bean
    MarketFeed marketFeed(
            SubscriptionHolders holders,
            CandlePublisher publisher,
            DataSource dataSource,
            Exchange exchange,
            FeedSettings settings,
            JdbcTemplate jdbc,
            EventGateway events) {
        return new MarketFeed(
                holders,
                new PublisherLocks(dataSource),
                publisher,
                exchange::marketData,
                settings,
                new MarketSilenceAlerts(jdbc, events));
    }

    @Bean
    MarketSubscriptions marketSubscriptions(SubscriptionHolders holders, MarketFeed feed) {
        return new DurableMarketSubscriptions(holders, feed);
    }
}
