package dev.trenddesk.gateway.cli;

import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.BingxPublicClient;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.ApiPermission;
import dev.trenddesk.bingx.model.ApiPermissions;
import dev.trenddesk.bingx.model.Balance;
import dev.trenddesk.bingx.model.Candle;
import dev.trenddesk.bingx.model.Contract;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.Leverage;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.Position;
import dev.trenddesk.bingx.model.PositionMode;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.UserDataEvent;
import dev.trenddesk.strategy.credentials.CredentialsVerifier;
import dev.trenddesk.strategy.credentials.CredentialsVerifier.PermissionVerdict;
import dev.trenddesk.strategy.credentials.FailureClassifier;
import dev.trenddesk.strategy.exchange.bingx.BingxConnection;
import dev.trenddesk.strategy.exchange.bingx.BingxErrors;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code java -jar trenddesk.jar bingx-smoke}: a short check of a BingX account with the platform's own
 * BingX client (the same {@code BingxClient}, {@code BingxPublicClient} and user-data stream the bots
 * use), meant for BingX VST (demo funds) with a user's demo key before a deployment is switched to a
 * real exchange. Read-only by default; {@code --trade} adds a small order round trip (a MARKET open of
 * the contract's minimum quantity and its MARKET close, a far-from-price LIMIT placed and cancelled).
 *
 * <p>Key and secret come from the environment variables {@value #KEY_VARIABLE} and
 * {@value #SECRET_VARIABLE}, never from the command line; neither is printed (every printed line is
 * scrubbed of both; the key appears masked to its last 4 characters). Each step prints one line:
 * step, OK or FAIL, duration, what was seen. Exit code 0 when every step passed, 1 when one failed,
 * 2 when the command refused to start (usage, missing key, {@code --trade} on live without
 * {@value #LIVE_CONFIRMATION}). See docs/bingx-vst.md.
 */
public final class BingxSmokeCli {

    static final String KEY_VARIABLE = "BINGX_API_KEY";
    static final String SECRET_VARIABLE = "BINGX_SECRET_KEY";
    static final String LIVE_CONFIRMATION = "--i-know-this-is-live";

    private static final Duration POLL = Duration.ofMillis(250);

    private final Options options;
    private final ApiCredentials credentials;
    private final PrintStream out;
    private final List<String> failed = new ArrayList<>();
    private int steps;
    private boolean keyRefused;

    private BingxSmokeCli(Options options, ApiCredentials credentials, PrintStream out) {
        this.options = options;
        this.credentials = credentials;
        this.out = out;
    }

    /** The command's options, parsed. */
    record Options(
            String environmentName,
            BingxEnvironment environment,
            String baseUrl,
            String wsUrl,
            boolean trade,
            boolean liveConfirmed,
            String symbol,
            List<String> intervals,
            String wsInterval,
            Duration timeout,
            Duration fillWait,
            BigDecimal limitBelowPercent) {}

    /** Runs with the process environment; what {@code TrendDeskApplication.main} calls. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        quietLogging();
        return run(args, System.getenv(), out, err);
    }

    /** Runs with the given environment variables (tests). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            if (e.getMessage() == null) {
                usage(out);
                return 0;
            }
            err.println("bingx-smoke: " + e.getMessage());
            usage(err);
            return 2;
        }
        if (options.trade() && options.environment() == BingxEnvironment.LIVE && !options.liveConfirmed()) {
            err.println("bingx-smoke: --trade against live BingX places real orders with real money; refused "
                    + "without " + LIVE_CONFIRMATION + " (nothing was sent)");
            return 2;
        }
        String key = env.get(KEY_VARIABLE);
        String secret = env.get(SECRET_VARIABLE);
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            err.println("bingx-smoke: set " + KEY_VARIABLE + " and " + SECRET_VARIABLE
                    + " (the key and secret are read from the environment only, never from the command line)");
            return 2;
        }
        return new BingxSmokeCli(options, new ApiCredentials(key.trim(), secret.trim()), out).run();
    }

    /** The client and Reactor Netty log at DEBUG without a configuration: keep the command's output to its steps. */
    static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static Options parse(String[] args) throws UsageException {
        String environment = "vst";
        String baseUrl = null;
        String wsUrl = null;
        boolean trade = false;
        boolean liveConfirmed = false;
        String symbol = "BTC-USDT";
        List<String> intervals = List.of("5m", "1h");
        String wsInterval = "1m";
        Duration timeout = Duration.ofSeconds(30);
        Duration wait = Duration.ofSeconds(30);
        BigDecimal limitBelow = BigDecimal.TEN;
        for (int i = Math.min(1, args.length); i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--help", "-h" -> throw new UsageException(null);
                case "--trade" -> trade = true;
                case LIVE_CONFIRMATION -> liveConfirmed = true;
                case "--api-key", "--key", "--secret", "--secret-key", "--apiKey", "--secretKey" ->
                    throw new UsageException("the key and secret are never given on the command line (it is "
                            + "kept in shell histories and process lists): set " + KEY_VARIABLE + " and "
                            + SECRET_VARIABLE);
                case "--environment",
                        "--base-url",
                        "--ws-url",
                        "--symbol",
                        "--intervals",
                        "--ws-interval",
                        "--timeout",
                        "--wait",
                        "--limit-below" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--environment" -> environment = value.trim().toLowerCase(Locale.ROOT);
                        case "--base-url" -> baseUrl = value.trim();
                        case "--ws-url" -> wsUrl = value.trim();
                        case "--symbol" -> symbol = value.trim().toUpperCase(Locale.ROOT);
                        case "--intervals" -> intervals = List.of(value.trim().split("\\s*,\\s*"));
                        case "--ws-interval" -> wsInterval = value.trim();
                        case "--timeout" -> timeout = duration(name, value);
                        case "--wait" -> wait = duration(name, value);
                        default -> limitBelow = percent(value);
                    }
                }
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        BingxEnvironment env =
                switch (environment) {
                    case "vst" -> BingxEnvironment.VST;
                    case "live" -> BingxEnvironment.LIVE;
                    case "sim" -> BingxEnvironment.SIM;
                    default ->
                        throw new UsageException("--environment must be vst, live or sim, not '" + environment + "'");
                };
        if (env == BingxEnvironment.SIM && (baseUrl == null || wsUrl == null)) {
            throw new UsageException("--environment sim needs --base-url and --ws-url");
        }
        for (String interval : intervals) {
            if (intervalLength(interval).isEmpty()) {
                throw new UsageException(
                        "--intervals: '" + interval + "' is not a BingX kline interval (1m, 5m, 1h, 1d, ...)");
            }
        }
        if (intervalLength(wsInterval).isEmpty()) {
            throw new UsageException("--ws-interval: '" + wsInterval + "' is not a BingX kline interval");
        }
        if (!symbol.matches("[A-Z0-9]{1,20}-[A-Z]{2,10}")) {
            throw new UsageException("--symbol: '" + symbol + "' is not a BingX perpetual symbol such as BTC-USDT");
        }
        return new Options(
                environment,
                env,
                baseUrl != null ? baseUrl : env.defaultBaseUrl(),
                wsUrl != null ? wsUrl : env.defaultWsUrl(),
                trade,
                liveConfirmed,
                symbol,
                intervals,
                wsInterval,
                timeout,
                wait,
                limitBelow);
    }

    private static Duration duration(String name, String value) throws UsageException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.matches("\\d+s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.matches("\\d+ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.matches("\\d+m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.parse(value.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException(name + ": '" + value + "' is not a duration (30s, 2m, 500ms)");
        }
    }

    private static BigDecimal percent(String value) throws UsageException {
        try {
            BigDecimal p = new BigDecimal(value.trim());
            if (p.compareTo(BigDecimal.ONE) < 0 || p.compareTo(new BigDecimal("50")) > 0) {
                throw new UsageException("--limit-below must be between 1 and 50 (percent under the last price)");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("--limit-below: '" + value + "' is not a number");
        }
    }

    static Optional<Duration> intervalLength(String interval) {
        if (interval == null || !interval.matches("\\d{1,2}[mhdwM]")) {
            return Optional.empty();
        }
        long n = Long.parseLong(interval.substring(0, interval.length() - 1));
        return Optional.of(
                switch (interval.charAt(interval.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    case 'w' -> Duration.ofDays(7 * n);
                    default -> Duration.ofDays(30 * n);
                });
    }

    static void usage(PrintStream out) {
        out.println("""
                usage: java -jar trenddesk.jar bingx-smoke [--environment vst|live|sim] [--base-url URL --ws-url URL]
                                                          [--symbol BTC-USDT] [--trade [--i-know-this-is-live]]
                                                          [--intervals 5m,1h] [--ws-interval 1m] [--timeout 30s]
                                                          [--wait 30s] [--limit-below 10]
                  Checks a BingX account with TrendDesk's own BingX client and exits: 0 when every step passed.
                  The key and secret are read from BINGX_API_KEY and BINGX_SECRET_KEY (never from arguments).
                  --environment  vst (default, BingX demo funds), live, or sim (needs --base-url and --ws-url)
                  --trade        also a small order round trip: MARKET open and close of the minimum quantity,
                                 a LIMIT --limit-below percent under the price placed and cancelled
                  --wait         how long to wait for a fill, a position change or the income lines
                  See docs/bingx-vst.md.""");
    }

    // ------------------------------------------------------------------------------------------------

    private int run() {
        out.println(scrub("bingx-smoke: environment " + options.environmentName() + ", " + options.baseUrl() + ", "
                + options.wsUrl() + ", key " + credentials.maskedApiKey() + ", symbol " + options.symbol() + ", "
                + (options.trade() ? "read-only steps and an order round trip" : "read-only")));
        BingxClientConfig config = BingxClientConfig.builder()
                .environment(options.environment())
                .baseUrl(options.baseUrl())
                .wsUrl(options.wsUrl())
                .responseTimeout(options.timeout())
                .build();
        Disposable[] subscriptions = new Disposable[2]; // user data, market: disposed before the factory closes
        try (BingxClientFactory factory = BingxClientFactory.create(config)) {
            try {
                return runSteps(factory, subscriptions);
            } finally {
                for (Disposable subscription : subscriptions) {
                    if (subscription != null) {
                        subscription.dispose();
                    }
                }
            }
        }
    }

    private int runSteps(BingxClientFactory factory, Disposable[] subscriptions) {
        BingxPublicClient market = factory.publicClient();
        BingxClient client = factory.client(credentials);

        step("server-time", () -> {
            long before = System.currentTimeMillis();
            Instant server = block(market.serverTime());
            long after = System.currentTimeMillis();
            long offset = server.toEpochMilli() - (before + after) / 2;
            return "server " + server + ", clock offset " + signed(offset) + " ms (round trip " + (after - before)
                    + " ms; the client corrects signed requests by it)";
        });
        Optional<Contract> contract = value(
                "contract",
                () -> block(market.contracts()).stream()
                        .filter(c -> c.symbol().equals(options.symbol()))
                        .findFirst()
                        .orElseThrow(() -> new StepFailure("no contract " + options.symbol() + " at this exchange")),
                c -> {
                    if (!c.online()) {
                        throw new StepFailure(c.symbol() + " is not trading (status " + c.status() + ")");
                    }
                    return c.symbol() + " online, price precision " + c.pricePrecision() + ", quantity precision "
                            + c.quantityPrecision() + ", min quantity " + plain(c.tradeMinQuantity())
                            + ", min notional " + plain(c.tradeMinUSDT()) + " USDT, taker fee "
                            + plain(c.takerFeeRate()) + ", maker fee " + plain(c.makerFeeRate());
                });
        BigDecimal lastPrice = null;
        for (String interval : options.intervals()) {
            Optional<List<Candle>> candles = value(
                    "klines " + interval,
                    () -> block(market.klines(options.symbol(), interval, null, null, 10)),
                    list -> describeKlines(interval, list));
            if (lastPrice == null && candles.isPresent()) {
                lastPrice = candles.get().getLast().close();
            }
        }
        // the market stream is subscribed now and looked at later: a closed candle takes up to one interval
        long marketSubscribed = System.nanoTime();
        CompletableFuture<Candle> firstClosed = new CompletableFuture<>();
        subscriptions[1] = market.closedCandles(options.symbol(), options.wsInterval())
                .next()
                .subscribe(firstClosed::complete, firstClosed::completeExceptionally);

        Optional<Balance> balance = value(
                "balance",
                () -> block(client.balance()),
                b -> b.asset() + " balance " + plain(b.balance()) + ", equity " + plain(b.equity())
                        + ", available margin " + plain(b.availableMargin()) + ", used margin "
                        + plain(b.usedMargin()));
        if (keyRefused) {
            return finish();
        }
        value("permissions", () -> block(client.apiPermissions()), this::describePermissions);
        Optional<List<Position>> positions = value(
                "positions",
                () -> block(client.positions(null)),
                list -> list.isEmpty()
                        ? "no open position"
                        : list.size() + " open: "
                                + list.stream()
                                        .map(BingxSmokeCli::describePosition)
                                        .collect(Collectors.joining("; ")));
        Optional<PositionMode> mode = value(
                "position-mode",
                () -> block(client.positionMode()),
                m -> m == PositionMode.HEDGE
                        ? "HEDGE (dual side: LONG and SHORT positions apart)"
                        : "ONE_WAY (one BOTH position per symbol)");
        Optional<Leverage> leverage = value(
                "leverage",
                () -> block(client.leverage(options.symbol())),
                l -> options.symbol() + " long " + l.longLeverage() + "x, short " + l.shortLeverage() + "x (max "
                        + l.maxLongLeverage() + "x / " + l.maxShortLeverage() + "x)");
        value(
                "open-orders",
                () -> block(client.openOrders(options.symbol())),
                list -> list.isEmpty()
                        ? "none on " + options.symbol()
                        : list.size() + " on " + options.symbol() + ": "
                                + list.stream()
                                        .map(o -> o.type() + " " + o.side() + " " + plain(o.origQty()) + " @ "
                                                + plain(o.price()) + " " + o.status())
                                        .collect(Collectors.joining("; ")));
        Optional<String> listenKey = value(
                "listen-key",
                () -> {
                    String key = block(client.createListenKey());
                    done(client.extendListenKey(key));
                    return key;
                },
                key -> "created " + ApiCredentials.mask(key) + " and extended (valid 60 min)");

        Sinks.Many<UserDataEvent.OrderUpdate> orderUpdates =
                Sinks.many().replay().all();
        CompletableFuture<UserDataEvent.StreamConnected> connected = new CompletableFuture<>();
        long userDataSubscribed = System.nanoTime();
        subscriptions[0] = client.userDataStream()
                .subscribe(
                        event -> {
                            if (event instanceof UserDataEvent.StreamConnected c) {
                                connected.complete(c);
                            } else if (event instanceof UserDataEvent.OrderUpdate update) {
                                orderUpdates.tryEmitNext(update);
                            }
                        },
                        connected::completeExceptionally);
        boolean streamUp = step("user-data-ws", () -> {
                    await(connected, options.timeout());
                    return "connected with a listen key of its own after " + millisSince(userDataSubscribed)
                            + " ms (order and account updates arrive here)";
                })
                .isPresent();
        Duration candleWait = intervalLength(options.wsInterval()).orElseThrow().plus(Duration.ofSeconds(60));
        step("market-ws", () -> {
            Candle c = await(firstClosed, candleWait.minusNanos(System.nanoTime() - marketSubscribed));
            return options.symbol() + "@kline_" + options.wsInterval() + " pushed; first closed candle opened "
                    + c.openTime() + " o " + plain(c.open()) + " h " + plain(c.high()) + " l " + plain(c.low())
                    + " c " + plain(c.close()) + ", " + millisSince(marketSubscribed) + " ms after subscribing";
        });

        if (options.trade()) {
            if (!failed.isEmpty()) {
                out.println("trade steps skipped: a read-only step failed (" + String.join(", ", failed) + ")");
            } else {
                new RoundTrip(
                                client,
                                contract.orElseThrow(),
                                mode.orElseThrow(),
                                lastPrice,
                                balance.orElseThrow(),
                                leverage.orElseThrow(),
                                positions.orElseThrow(),
                                orderUpdates,
                                streamUp,
                                factory.serverClockOffsetMillis())
                        .run();
            }
        }
        listenKey.ifPresent(key -> step("listen-key-delete", () -> {
            done(client.closeListenKey(key));
            return "deleted " + ApiCredentials.mask(key);
        }));
        return finish();
    }

    private int finish() {
        if (keyRefused) {
            out.println("bingx-smoke: stopped after BingX refused the key; no further signed request was sent");
        }
        if (failed.isEmpty()) {
            out.println("bingx-smoke: all " + steps + " steps OK");
            return 0;
        }
        out.println("bingx-smoke: " + failed.size() + " of " + steps + " steps FAILED: " + String.join(", ", failed));
        return 1;
    }

    /** The --trade part: one MARKET open/close round trip and one LIMIT placed and cancelled. */
    private final class RoundTrip {

        private final BingxClient client;
        private final Contract contract;
        private final boolean hedge;
        private final BigDecimal price;
        private final Balance balance;
        private final Leverage leverage;
        private final List<Position> positionsBefore;
        private final Sinks.Many<UserDataEvent.OrderUpdate> updates;
        private final boolean streamUp;
        private final long clockOffsetMillis;
        private final String prefix = "tdsmoke" + Long.toString(System.currentTimeMillis(), 36);
        private final PositionSide side;
        private boolean opened;
        private boolean flat;
        private String limitId;
        private boolean limitGone;

        RoundTrip(
                BingxClient client,
                Contract contract,
                PositionMode mode,
                BigDecimal price,
                Balance balance,
                Leverage leverage,
                List<Position> positionsBefore,
                Sinks.Many<UserDataEvent.OrderUpdate> updates,
                boolean streamUp,
                long clockOffsetMillis) {
            this.client = client;
            this.contract = contract;
            this.hedge = mode == PositionMode.HEDGE;
            this.price = price;
            this.balance = balance;
            this.leverage = leverage;
            this.positionsBefore = positionsBefore;
            this.updates = updates;
            this.streamUp = streamUp;
            this.clockOffsetMillis = clockOffsetMillis;
            this.side = hedge ? PositionSide.LONG : PositionSide.BOTH;
        }

        void run() {
            try {
                trade();
            } finally {
                cleanUp();
            }
        }

        private void trade() {
            String symbol = contract.symbol();
            Optional<BigDecimal> quantity = value(
                    "trade-precheck",
                    () -> {
                        if (price == null) {
                            throw new StepFailure("no last price: no kline was read");
                        }
                        Optional<Position> held = held(positionsBefore);
                        if (held.isPresent()) {
                            throw new StepFailure("the account holds " + describePosition(held.get())
                                    + ": close it first or use another --symbol (the round trip must start flat)");
                        }
                        BigDecimal q = minimumQuantity(price);
                        BigDecimal margin = q.multiply(price)
                                .divide(BigDecimal.valueOf(Math.max(leverage.longLeverage(), 1)), 8, RoundingMode.UP);
                        if (balance.availableMargin() != null && margin.compareTo(balance.availableMargin()) > 0) {
                            throw new StepFailure("needs " + plain(margin) + " USDT margin, available "
                                    + plain(balance.availableMargin()));
                        }
                        return q;
                    },
                    q -> "flat on " + symbol + " " + side + "; quantity " + plain(q) + " (notional ~"
                            + plain(q.multiply(price).setScale(2, RoundingMode.HALF_UP)) + " USDT at " + plain(price)
                            + "): the smallest the contract takes, its min "
                            + "quantity " + plain(contract.tradeMinQuantity()) + " and 5 % over its min notional "
                            + plain(contract.tradeMinUSDT()) + " USDT");
            if (quantity.isEmpty()) {
                return;
            }
            BigDecimal qty = quantity.get();
            // income lines are stamped by the exchange's clock
            Instant startedAt = Instant.now().plusMillis(clockOffsetMillis).minusSeconds(5);

            // open: BingX acknowledges; the fill comes later by the user-data stream or a query
            String openId = prefix + "o";
            opened = true; // from here on a position may exist: cleanUp checks
            Optional<Order> openAck = value(
                    "market-open",
                    () -> block(client.placeOrder(OrderRequest.market(symbol, OrderSide.BUY, side, qty)
                            .withClientOrderId(openId))),
                    o -> "accepted: orderId " + o.orderId() + ", clientOrderId " + o.clientOrderId()
                            + ", answer status " + answerStatus(o));
            if (openAck.isEmpty() || !fillStep("open-fill", openId, qty)) {
                return;
            }
            if (value(
                            "open-query",
                            () -> block(client.queryOrderByClientOrderId(symbol, openId)),
                            o -> checkFilled(o, qty))
                    .isEmpty()) {
                return;
            }
            // the fill may have been seen by a query first: the stream must still carry the order's update
            if (step("open-stream", () -> {
                        UserDataEvent.OrderUpdate u = updates.asFlux()
                                .filter(x -> openId.equalsIgnoreCase(x.clientOrderId()))
                                .next()
                                .timeout(
                                        options.fillWait(),
                                        Mono.error(() -> new StepFailure("no ORDER_TRADE_UPDATE for "
                                                + openId + " on the user-data stream within "
                                                + options.fillWait().toSeconds()
                                                + " s: the stream connects but does not deliver (check --ws-url); bots would then "
                                                + "learn of fills only by polling")))
                                .block();
                        return "ORDER_TRADE_UPDATE " + u.executionType() + " " + u.status() + " for "
                                + u.clientOrderId() + " (orderId " + u.orderId() + ") on the user-data stream";
                    })
                    .isEmpty()) {
                return;
            }
            if (step("position-open", () -> {
                        Position p = poll(
                                        () -> client.positions(symbol).map(list -> held(list)),
                                        found -> found.isPresent()
                                                && found.get()
                                                                .positionAmt()
                                                                .abs()
                                                                .compareTo(qty)
                                                        == 0)
                                .orElseThrow();
                        return describePosition(p);
                    })
                    .isEmpty()) {
                return;
            }

            String closeId = prefix + "c";
            OrderRequest close =
                    OrderRequest.market(symbol, OrderSide.SELL, side, qty).withClientOrderId(closeId);
            OrderRequest closeOrder = hedge ? close : close.withReduceOnly(true);
            if (value(
                                    "market-close",
                                    () -> block(client.placeOrder(closeOrder)),
                                    o -> "accepted: orderId " + o.orderId() + ", clientOrderId " + o.clientOrderId()
                                            + (hedge ? " (SELL LONG closes the long)" : " (SELL BOTH, reduceOnly)")
                                            + ", answer status " + answerStatus(o))
                            .isEmpty()
                    || !fillStep("close-fill", closeId, qty)) {
                return;
            }
            if (step("position-flat", () -> {
                        poll(() -> client.positions(symbol).map(list -> held(list)), Optional::isEmpty);
                        flat = true;
                        return "no " + side + " position on " + symbol + " any more";
                    })
                    .isEmpty()) {
                return;
            }
            step("income", () -> {
                List<Income> lines = poll(
                        () -> client.income(symbol, null, startedAt, null),
                        list -> list.stream().anyMatch(i -> i.incomeType().equals("REALIZED_PNL"))
                                && list.stream().anyMatch(i -> i.incomeType().equals("TRADING_FEE")));
                return lines.stream()
                        .map(i -> i.incomeType() + " " + plain(i.income()) + " " + i.asset()
                                + (i.tradeId() == null || i.tradeId().isBlank() ? "" : " (trade " + i.tradeId() + ")"))
                        .collect(Collectors.joining("; "));
            });

            // a LIMIT far under the price: it rests, and is cancelled by its clientOrderId
            BigDecimal limitPrice = contract.roundPrice(price.multiply(
                    BigDecimal.ONE.subtract(options.limitBelowPercent().movePointLeft(2))));
            BigDecimal limitQty = minimumQuantity(limitPrice);
            limitId = prefix + "l";
            if (value(
                            "limit-place",
                            () -> block(client.placeOrder(
                                    OrderRequest.limit(symbol, OrderSide.BUY, side, limitQty, limitPrice)
                                            .withClientOrderId(limitId))),
                            o -> "accepted: BUY " + plain(limitQty) + " @ " + plain(limitPrice) + " ("
                                    + plain(options.limitBelowPercent()) + " % under " + plain(price) + "), orderId "
                                    + o.orderId()
                                    + ", answer status " + answerStatus(o))
                    .isEmpty()) {
                return;
            }
            if (step("limit-open", () -> {
                        Order o = poll(
                                () -> client.queryOrderByClientOrderId(symbol, limitId)
                                        .onErrorResume(BingxException.NotFound.class, e -> Mono.empty()),
                                found -> found != null
                                        && (found.status() == OrderStatus.NEW
                                                || found.status() == OrderStatus.PENDING
                                                || found.status().isFinal()));
                        if (o.status() != OrderStatus.NEW && o.status() != OrderStatus.PENDING) {
                            throw new StepFailure("the LIMIT is " + o.status() + ", expected it to rest");
                        }
                        boolean listed = block(client.openOrders(symbol)).stream()
                                .anyMatch(open -> limitId.equalsIgnoreCase(open.clientOrderId()));
                        if (!listed) {
                            throw new StepFailure("the LIMIT (" + o.status() + ") is not among the open orders");
                        }
                        return o.status() + ", among the open orders of " + symbol;
                    })
                    .isEmpty()) {
                return;
            }
            step("limit-cancel", () -> {
                Order answer = block(client.cancelOrderByClientOrderId(symbol, limitId));
                Order o = poll(
                        () -> client.queryOrderByClientOrderId(symbol, limitId),
                        found -> found.status() == OrderStatus.CANCELED);
                limitGone = true;
                return "cancel answered " + answer.status() + "; the order is " + o.status() + " (by clientOrderId "
                        + limitId + ")";
            });
        }

        /** Waits for the order's fill: an ORDER_TRADE_UPDATE FILLED or a query saying FILLED, whichever comes first. */
        private boolean fillStep(String name, String clientOrderId, BigDecimal qty) {
            long started = System.nanoTime();
            return step(name, () -> {
                        Mono<String> byStream = updates.asFlux()
                                .filter(u -> clientOrderId.equalsIgnoreCase(u.clientOrderId())
                                        && u.status() == OrderStatus.FILLED)
                                .next()
                                .map(u -> "FILLED by the user-data stream after " + millisSince(started) + " ms: "
                                        + plain(u.quantity()) + " @ avg " + plain(u.avgPrice()) + " (p "
                                        + plain(u.price())
                                        + "), fee " + plain(u.fee()) + ", realised " + plain(u.realisedPnl()));
                        Mono<String> byQuery = Flux.interval(POLL, POLL)
                                .concatMap(tick -> client.queryOrderByClientOrderId(contract.symbol(), clientOrderId)
                                        .onErrorResume(BingxException.NotFound.class, e -> Mono.empty()))
                                .filter(o -> o.status() == OrderStatus.FILLED
                                        || o.status().isFinal())
                                .next()
                                .map(o -> {
                                    if (o.status() != OrderStatus.FILLED) {
                                        throw new StepFailure("the order ended " + o.status() + " without a fill");
                                    }
                                    return "FILLED by query after " + millisSince(started)
                                            + " ms (no stream update yet): " + plain(o.executedQty()) + " @ avg "
                                            + plain(o.avgPrice());
                                });
                        String seen = Mono.firstWithValue(streamUp ? byStream : Mono.never(), byQuery)
                                .block(options.fillWait());
                        if (seen == null) {
                            throw new StepFailure("no fill");
                        }
                        return seen;
                    })
                    .isPresent();
        }

        private String checkFilled(Order o, BigDecimal qty) {
            if (o.status() != OrderStatus.FILLED) {
                throw new StepFailure("status " + o.status() + ", expected FILLED");
            }
            if (o.executedQty() == null || o.executedQty().compareTo(qty) != 0) {
                throw new StepFailure("executed " + plain(o.executedQty()) + " of " + plain(qty));
            }
            if (o.avgPrice() == null || o.avgPrice().signum() <= 0) {
                throw new StepFailure("FILLED without an average price");
            }
            return "FILLED " + plain(o.executedQty()) + " @ avg " + plain(o.avgPrice()) + ", commission "
                    + plain(o.commission()) + ", clientOrderId " + o.clientOrderId();
        }

        /**
         * The position the round trip deals with: the LONG one in hedge mode; in one-way mode the symbol's one
         * position, whatever side BingX names (it may report LONG/SHORT rather than BOTH).
         */
        private Optional<Position> held(List<Position> list) {
            return list.stream()
                    .filter(p -> p.symbol().equals(contract.symbol())
                            && p.positionAmt().signum() != 0
                            && (!hedge || p.positionSide() == PositionSide.LONG))
                    .findFirst();
        }

        /** The smallest quantity this contract takes at this price: its minimum quantity and 5 % over its minimum notional. */
        private BigDecimal minimumQuantity(BigDecimal at) {
            BigDecimal min = contract.tradeMinQuantity().setScale(contract.quantityPrecision(), RoundingMode.CEILING);
            if (contract.tradeMinUSDT() != null && contract.tradeMinUSDT().signum() > 0) {
                BigDecimal forNotional = contract.tradeMinUSDT()
                        .multiply(new BigDecimal("1.05"))
                        .divide(at, contract.quantityPrecision(), RoundingMode.CEILING);
                min = min.max(forNotional);
            }
            BigDecimal step = BigDecimal.ONE.movePointLeft(contract.quantityPrecision());
            return min.signum() > 0 ? min : step;
        }

        /** After a failed step: leave no position and no resting order behind, and say so. */
        private void cleanUp() {
            String symbol = contract.symbol();
            if (opened && !flat) {
                step("cleanup-position", () -> {
                    Optional<Position> left = block(client.positions(symbol).map(this::held));
                    if (left.isEmpty()) {
                        return "no " + side + " position on " + symbol + " was left";
                    }
                    BigDecimal amount = left.get().positionAmt().abs();
                    OrderRequest close = OrderRequest.market(symbol, OrderSide.SELL, side, amount)
                            .withClientOrderId(prefix + "x");
                    block(client.placeOrder(hedge ? close : close.withReduceOnly(true)));
                    poll(() -> client.positions(symbol).map(this::held), Optional::isEmpty);
                    throw new StepFailure("closed a leftover " + side + " position of " + plain(amount)
                            + " after the failure above: look at it on BingX");
                });
            }
            if (limitId != null && !limitGone) {
                step("cleanup-limit", () -> {
                    block(client.cancelOrderByClientOrderId(symbol, limitId)
                            .onErrorResume(BingxException.NotFound.class, e -> Mono.empty()));
                    throw new StepFailure("cancelled the LIMIT " + limitId + " after the failure above");
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    private String describeKlines(String interval, List<Candle> candles) {
        if (candles.isEmpty()) {
            throw new StepFailure("no candle");
        }
        Duration length = intervalLength(interval).orElseThrow();
        for (int i = 1; i < candles.size(); i++) {
            Duration gap = Duration.between(
                    candles.get(i - 1).openTime(), candles.get(i).openTime());
            if (!gap.equals(length) && !interval.endsWith("M")) {
                throw new StepFailure("candles " + candles.get(i - 1).openTime() + " and "
                        + candles.get(i).openTime() + " are " + gap + " apart, not " + interval);
            }
        }
        Candle last = candles.getLast();
        return candles.size() + " candles " + interval + " apart, last opened " + last.openTime() + " close "
                + plain(last.close());
    }

    private String describePermissions(ApiPermissions p) {
        String rights = p.permissions().isEmpty()
                ? "none"
                : p.permissions().stream()
                        .sorted()
                        .map(ApiPermission::name)
                        .map(n -> n.toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
        String whitelist = p.ipWhitelist().isEmpty()
                ? "no IP whitelist (BingX deletes trading keys without one " + "after 14 days unused)"
                : "IP whitelist " + String.join(", ", p.ipWhitelist());
        String unknown = p.unrecognised().isEmpty() ? "" : "; unrecognised " + String.join(", ", p.unrecognised());
        String seen = rights + "; " + whitelist + unknown;
        PermissionVerdict verdict = CredentialsVerifier.permissionVerdict(BingxConnection.permissions(p));
        return switch (verdict) {
            case MAY_TRADE -> seen + " -> platform verdict: accepted, bots may trade";
            case READ_ONLY ->
                throw new StepFailure(seen + " -> platform verdict: read-only, no perpetual futures "
                        + "trading permission: no bot could trade with this key");
            case REFUSED_MOVES_FUNDS ->
                throw new StepFailure(seen + " -> platform verdict: refused, the key has "
                        + CredentialsVerifier.fundsRights(BingxConnection.permissions(p)) + " permission");
        };
    }

    /** An acknowledgement (BingX's place-order answer) may carry no status at all. */
    private static String answerStatus(Order o) {
        return o.status() == OrderStatus.UNKNOWN
                ? "none (an acknowledgement)"
                : o.status().name();
    }

    private static String describePosition(Position p) {
        return p.symbol() + " " + p.positionSide() + " " + plain(p.positionAmt()) + " @ " + plain(p.avgPrice())
                + (p.isolated() ? " isolated " : " cross ") + p.leverage() + "x, unrealised "
                + plain(p.unrealizedProfit());
    }

    /** A step whose value later steps need: OK with {@code describe(value)}, or FAIL; empty when it failed. */
    private <T> Optional<T> value(String name, Action<T> action, Function<T, String> describe) {
        long started = System.nanoTime();
        try {
            T result = action.get();
            String seen = describe.apply(result);
            print(name, true, started, seen);
            return Optional.ofNullable(result);
        } catch (Throwable e) {
            print(name, false, started, failure(e));
            return Optional.empty();
        }
    }

    private Optional<String> step(String name, Action<String> action) {
        return value(name, action, Function.identity());
    }

    @FunctionalInterface
    private interface Action<T> {
        T get() throws Exception;
    }

    private void print(String name, boolean ok, long startedNanos, String seen) {
        steps++;
        if (!ok) {
            failed.add(name);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        out.println(scrub(String.format(Locale.ROOT, "%-18s %-4s %7d ms  %s", name, ok ? "OK" : "FAIL", ms, seen)));
    }

    private String failure(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.ExecutionException
                        || e instanceof java.util.concurrent.CompletionException
                        || (e instanceof RuntimeException && e.getClass() == RuntimeException.class))
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof StepFailure f) {
            return f.getMessage();
        }
        if (e instanceof BingxException b) {
            FailureClassifier.Classified c = FailureClassifier.classify(BingxErrors.toNeutral(b));
            if (b instanceof BingxException.Auth) {
                keyRefused = true;
            }
            return c.reason() + " — " + b.getMessage() + hint(b);
        }
        if (e instanceof TimeoutException
                || e instanceof IllegalStateException
                        && String.valueOf(e.getMessage()).startsWith("Timeout")) {
            return "no answer in time (" + e.getMessage() + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String hint(BingxException e) {
        return switch (e.code()) {
            case 100001, 100412 -> " (the secret does not match the key: copy BINGX_SECRET_KEY again)";
            case 100413 -> " (BingX does not know this API key" + " in this environment)";
            case 100419 -> " (this machine's public IP is not on the key's whitelist)";
            case 100421 -> " (the request's timestamp was refused: check the clock)";
            case 100004 -> " (the key lacks the permission for this call)";
            default -> "";
        };
    }

    private String scrub(String line) {
        String text = line;
        if (credentials != null) {
            text = text.replace(credentials.secretKey(), "****")
                    .replace(credentials.apiKey(), credentials.maskedApiKey());
        }
        return text;
    }

    private <T> T block(Mono<T> mono) {
        T value = mono.block(options.timeout());
        if (value == null) {
            throw new StepFailure("empty answer");
        }
        return value;
    }

    private void done(Mono<Void> mono) {
        mono.block(options.timeout());
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
        try {
            return future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StepFailure("nothing within " + timeout.toSeconds() + " s");
        }
    }

    /** Asks again every 250 ms until {@code done} holds, for at most --wait; the last answer when it does. */
    private <T> T poll(java.util.function.Supplier<Mono<T>> ask, Predicate<T> done) {
        long deadline = System.nanoTime() + options.fillWait().toNanos();
        T last = null;
        while (true) {
            last = ask.get().block(options.timeout());
            if (last != null && done.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailure("not within " + options.fillWait().toSeconds() + " s; last seen: " + last);
            }
            Mono.delay(POLL).block();
        }
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static String signed(long value) {
        return (value >= 0 ? "+" : "") + value;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    /** A step saw something wrong: its message is what the FAIL line says. */
    static final class StepFailure extends RuntimeException {
        StepFailure(String message) {
            super(message, null, false, false);
        }
    }
}
