package dev.trenddesk.gateway.bootstrap;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.credentials.CredentialsCommands.RequireTradingKey;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.BotStatusView;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.TradingCommands.StartTradingSession;
import dev.trenddesk.api.trading.TradingQueries.FindBotStatus;
import dev.trenddesk.api.trading.TradingQueries.ReadExchangeBalance;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.config.ConditionalOnRole;
import dev.trenddesk.simulator.BingxSimulator;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Local mode: a demo trader's bot starts by itself as soon as their simulator credentials are
 * VERIFIED (and no bot of theirs is running), so a newcomer sees bots trading within a minute. Only
 * with the built-in simulator, only for the demo traders of {@link BootstrapUsers}; never on replay.
 */
@Component
@ConditionalOnRole("command")
@ProcessingGroup("demo-bots")
public class DemoBots {

    private static final Logger log = LoggerFactory.getLogger(DemoBots.class);

    private final ObjectProvider<BingxSimulator> simulator;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final MarketClock clock;
    private final boolean enabled;
    private final Disposable.Composite starting = Disposables.composite();

    public DemoBots(
            ObjectProvider<BingxSimulator> simulator,
            CommandGateway commands,
            QueryGateway queries,
            MarketClock clock,
            @Value("${trenddesk.demo.enabled:true}") boolean demo,
            @Value("${trenddesk.demo.bots:true}") boolean bots) {
        this.simulator = simulator;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.enabled = demo && bots;
    }

    /**
     * Starts the demo trader's bot in the background (the processor is not held). It tries until the
     * bot runs: the users read model and the credentials store may show the trader a moment after the
     * verification, and on a loaded machine a query or the start command may time out, so every
     * failure is tried again, after 0.5 s doubling up to 10 s, until the application stops.
     */
    @EventHandler
    @DisallowReplay
    void on(CredentialsVerified event) {
        if (!enabled || simulator.getIfAvailable() == null || event.isReadOnly()) {
            return;
        }
        // subscribeOn before retryWhen: every attempt (re-subscription after the delay) runs on a thread
        // that may block, not on the delay's parallel thread
        starting.add(Mono.fromCallable(() -> startIfDemo(event))
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(retry -> {
                            if (!(retry.failure() instanceof NotYet)) {
                                log.info(
                                        "Demo bot of {} not started yet, trying again: {}",
                                        event.userId(),
                                        retry.failure().toString());
                            }
                        }))
                .subscribe(
                        started -> {
                            if (started) {
                                log.info("Demo bot of {} started", event.userId());
                            }
                        },
                        e -> log.warn("Demo bot of {} not started: {}", event.userId(), e.toString())));
    }

    /** Stops the starts still trying, with the application. */
    @PreDestroy
    void stop() {
        starting.dispose();
    }

    private static final MetaData DEMO = MetaData.from(Map.of(
            AxonConfiguration.ACTOR_ID, "system:demo",
            AxonConfiguration.ACTOR_ROLE, "system",
            AxonConfiguration.CLIENT_IP, "local",
            AxonConfiguration.TRACE_ID, "demo-bots"));

    /** True when it started the bot; false when there is nothing to do; {@link NotYet} to ask again. */
    private boolean startIfDemo(CredentialsVerified event) throws Exception {
        UserView user = queries.query(new FindUserById(event.userId()), ResponseTypes.instanceOf(UserView.class))
                .get(10, TimeUnit.SECONDS);
        if (user == null) {
            throw new NotYet();
        }
        if (!BootstrapUsers.DEMO_TRADERS.containsKey(user.username())) {
            return false;
        }
        if (!user.tradingEnabled()) {
            throw new NotYet();
        }
        BotStatusView bot = queries.query(
                        new FindBotStatus(event.userId()), ResponseTypes.instanceOf(BotStatusView.class))
                .get(10, TimeUnit.SECONDS);
        if (bot != null && bot.status().active()) {
            return false;
        }
        ExchangeBalance balance = queries.query(
                        new ReadExchangeBalance(event.userId()), ResponseTypes.instanceOf(ExchangeBalance.class))
                .get(20, TimeUnit.SECONDS);
        if (balance == null) {
            throw new NotYet();
        }
        // the session trades on the exchange of the verified key, as the credentials aggregate answers
        ExchangeName exchange = commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(new RequireTradingKey(CredentialsId.of(event.userId())))
                        .andMetaData(DEMO));
        // within the demo trader's plan (Free by default: one symbol, 3x), so the start is not refused
        dev.trenddesk.api.plan.TraderPlanView plan = queries.query(
                        new dev.trenddesk.api.plan.PlanQueries.FindTraderPlan(event.userId(), clock.instant()),
                        ResponseTypes.instanceOf(dev.trenddesk.api.plan.TraderPlanView.class))
                .get(10, TimeUnit.SECONDS);
        if (plan == null) {
            throw new NotYet();
        }
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new StartTradingSession(
                        TradingSessionId.random(),
                        event.userId(),
                        exchange,
                        plan.plan().limits().fit(user.settings()),
                        balance.equity(),
                        clock.instant()))
                .andMetaData(DEMO));
        return true;
    }

    /** The trader, their permission or their credentials are not visible yet. */
    private static final class NotYet extends Exception {
        NotYet() {
            super("not visible yet", null, false, false);
        }
    }
}
