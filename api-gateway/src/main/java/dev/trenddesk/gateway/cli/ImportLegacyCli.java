package dev.trenddesk.gateway.cli;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.ConnectCredentials;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsFormat;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.SecretFields;
import dev.trenddesk.api.trading.ImportedHistoryCommands.ImportLegacyTrades;
import dev.trenddesk.api.trading.ImportedHistoryCommands.ImportOutcome;
import dev.trenddesk.api.trading.ImportedHistoryCommands.LegacyTrade;
import dev.trenddesk.api.trading.ImportedHistoryEvent.LegacyTradeImported;
import dev.trenddesk.api.trading.ImportedHistoryId;
import dev.trenddesk.command.user.UserDirectory;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.vault.KeyVault;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar trenddesk.jar import-legacy --sqlite FILE [--env FILE] --owner USERNAME [--dry-run]
 * [--map column=field,...] [--pnl-net] [--replace-key]}, with the platform stopped: brings the single-user bot's
 * closed trades into the owner's history (the ImportedHistory aggregate, ADR 0030) and connects the bot's BingX
 * key from its env file through the same command the API sends (encrypted by the key vault first, shown masked).
 * The database is opened as reset-admin opens it. All or nothing: one bad row and nothing is imported; a trade
 * imported before is left out (docs/migration.md). Exit code 0 when done (or a clean dry run), 2 otherwise.
 */
public final class ImportLegacyCli {

    public static final String ACTOR = "system:import-legacy";
    static final String API_KEY = "BINGX_API_KEY";
    static final String SECRET_KEY = "BINGX_SECRET_KEY";
    private static final int SHOWN_ROWS = 5;

    private ImportLegacyCli() {}

    /** What the command line asked for. */
    record Arguments(
            Path sqlite,
            Path env,
            String owner,
            boolean dryRun,
            String map,
            boolean pnlNet,
            boolean replaceKey,
            List<String> springOptions) {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("import-legacy: " + e.getMessage());
            usage(err);
            return 2;
        }
        if (arguments == null) {
            usage(out);
            return 0;
        }
        return run(arguments, out, err);
    }

    static Arguments parse(String[] args) {
        Path sqlite = null;
        Path env = null;
        String owner = null;
        String map = null;
        boolean dryRun = false;
        boolean pnlNet = false;
        boolean replaceKey = false;
        List<String> options = new ArrayList<>();
        for (int i = Math.min(1, args.length); i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = arg.contains("=");
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--dry-run" -> dryRun = true;
                case "--pnl-net" -> pnlNet = true;
                case "--replace-key" -> replaceKey = true;
                case "--sqlite", "--env", "--owner", "--map" -> {
                    String value;
                    if (inline) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--sqlite" -> sqlite = Path.of(value);
                        case "--env" -> env = Path.of(value);
                        case "--owner" -> owner = value;
                        default -> map = value;
                    }
                }
                default -> {
                    if (arg.startsWith("--") && inline) {
                        options.add(arg); // --spring.datasource.url=... and the like
                    } else {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                }
            }
        }
        if (sqlite == null) {
            throw new IllegalArgumentException("--sqlite is required");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("--owner is required");
        }
        return new Arguments(sqlite, env, owner.strip(), dryRun, map, pnlNet, replaceKey, options);
    }

    private static int run(Arguments a, PrintStream out, PrintStream err) {
        // 1. the files, before the database: a wrong file costs nothing
        if (!Files.isRegularFile(a.sqlite()) || !Files.isReadable(a.sqlite())) {
            err.println("import-legacy: --sqlite " + a.sqlite() + " is not a readable file");
            return 2;
        }
        LegacyTrades.Reading reading;
        String sha;
        try {
            reading = LegacyTrades.read(a.sqlite(), LegacyTrades.parseOverrides(a.map()), a.pnlNet());
            sha = LegacyTrades.sha256(a.sqlite());
        } catch (IllegalArgumentException e) {
            err.println("import-legacy: " + e.getMessage());
            return 2;
        } catch (SQLException | IOException e) {
            err.println("import-legacy: cannot read " + a.sqlite() + " as a SQLite file: " + e.getMessage());
            return 2;
        }
        String apiKey = null;
        String secretKey = null;
        if (a.env() != null) {
            Map<String, String> values;
            try {
                values = DotEnv.read(a.env());
            } catch (IOException e) {
                err.println("import-legacy: cannot read --env " + a.env() + ": " + e.getMessage());
                return 2;
            }
            apiKey = values.get(API_KEY);
            secretKey = values.get(SECRET_KEY);
            if (apiKey == null || secretKey == null) {
                err.println("import-legacy: " + a.env() + " has no " + (apiKey == null ? API_KEY : SECRET_KEY));
                return 2;
            }
            try {
                CredentialsFormat.check(apiKey, secretKey);
            } catch (InvalidInputException e) {
                err.println("import-legacy: the key in " + a.env() + " is refused: "
                        + e.getMessage().replace("apiKey", API_KEY).replace("secretKey", SECRET_KEY));
                return 2;
            }
        }
        report(a, reading, sha, apiKey, out);
        if (!reading.importable()) {
            reading.problems().forEach(problem -> err.println("import-legacy: " + problem));
            reading.bad().forEach(bad -> err.println("import-legacy: bad " + bad));
            err.println("import-legacy: nothing imported: "
                    + (reading.bad().size() + reading.problems().size())
                    + " problem(s); fix the file (or name the columns with --map) and run again");
            return 2;
        }

        // 2. the database: the owner, what was imported before, the key it has
        ConfigurableApplicationContext context;
        try {
            context = open(a.springOptions());
        } catch (RuntimeException e) {
            err.println("import-legacy: cannot open the database: " + VerifyAuditCli.rootMessage(e));
            return 2;
        }
        try (context) {
            UserDirectory directory = context.getBean(UserDirectory.class);
            Optional<UserId> found = directory.idOfUsername(a.owner());
            if (found.isEmpty()) {
                err.println("import-legacy: no user named '" + a.owner() + "'; create the trader account first");
                return 2;
            }
            UserId owner = found.get();
            Role role = directory.roleOf(owner).orElse(null);
            if (role != Role.TRADER) {
                err.println("import-legacy: " + a.owner() + " is not a trader account (role " + role
                        + "); imported trades and keys belong to traders");
                return 2;
            }
            EventStore events = context.getBean(EventStore.class);
            Set<String> before = importedKeys(events, owner);
            long fresh = reading.trades().stream()
                    .filter(t -> !before.contains(t.rowKey()))
                    .count();
            String currentKey = connectedKey(events, owner);
            boolean connectKey = apiKey != null && (currentKey == null || a.replaceKey());
            out.println("import-legacy: owner " + a.owner() + ": " + fresh + " trade(s) to import, "
                    + (reading.trades().size() - fresh) + " imported before");
            if (apiKey != null && currentKey != null && !a.replaceKey()) {
                err.println("import-legacy: " + a.owner() + " already has a BingX key (" + currentKey
                        + "); it is kept: run with --replace-key to replace it with " + CredentialsFormat.mask(apiKey));
                return 2;
            }
            if (a.dryRun()) {
                out.println("import-legacy: dry run: nothing changed"
                        + (connectKey
                                ? "; would connect the key " + CredentialsFormat.mask(apiKey)
                                        + (currentKey == null ? "" : " in place of " + currentKey)
                                : ""));
                return 0;
            }
            CommandGateway commands = context.getBean(CommandGateway.class);
            Clock clock = Clock.systemUTC();
            String traceId = "import-legacy-" + UUID.randomUUID();
            // the key is encrypted before anything is imported: a vault that cannot encrypt (no or another master
            // key) stops the run with nothing changed
            ConnectCredentials connect = null;
            if (connectKey) {
                KeyVault vault = context.getBean(KeyVault.class);
                connect = new ConnectCredentials(
                        CredentialsId.of(owner),
                        owner,
                        ExchangeName.BINGX,
                        CredentialsFormat.mask(apiKey),
                        vault.encryptText(owner.value(), SecretFields.API_KEY, apiKey),
                        vault.encryptText(owner.value(), SecretFields.SECRET_KEY, secretKey),
                        "c-" + UUID.randomUUID(),
                        clock.instant());
            }
            ImportOutcome outcome = send(
                    commands,
                    new ImportLegacyTrades(
                            ImportedHistoryId.of(owner),
                            owner,
                            sha,
                            a.sqlite().getFileName().toString(),
                            reading.trades(),
                            clock.instant()),
                    traceId);
            out.println("import-legacy: imported " + outcome.imported() + " trade(s), " + outcome.alreadyImported()
                    + " imported before (audited as " + ACTOR + ", trace " + traceId + ")");
            if (connect != null) {
                try {
                    send(commands, connect, traceId);
                } catch (RuntimeException e) {
                    err.println("import-legacy: the trades above are imported, but connecting the key failed: "
                            + VerifyAuditCli.rootMessage(e)
                            + "; run the same command again once that is mended (no trade is imported twice)");
                    return 2;
                }
                out.println("import-legacy: connected the BingX key " + CredentialsFormat.mask(apiKey)
                        + " (encrypted; verified against BingX when the platform runs)");
            }
            return 0;
        } catch (InvalidInputException e) {
            err.println("import-legacy: nothing imported: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("import-legacy: failed: " + VerifyAuditCli.rootMessage(e));
            return 2;
        }
    }

    /** The mapping, the counts and totals, the first rows; never the secret, the key only masked. */
    private static void report(Arguments a, LegacyTrades.Reading reading, String sha, String apiKey, PrintStream out) {
        out.println("import-legacy: " + a.sqlite() + " (SHA-256 " + sha + ")");
        if (reading.table() != null) {
            out.println(
                    "import-legacy: table " + reading.table() + ", columns " + String.join(", ", reading.columns()));
        }
        for (LegacyTrades.Field field : LegacyTrades.Field.values()) {
            String column = reading.mapping().get(field);
            out.println("  " + field.key + " <- " + (column == null ? "(none)" : column));
        }
        List<LegacyTrade> trades = reading.trades();
        BigDecimal realised = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (LegacyTrade trade : trades) {
            realised = realised.add(trade.realisedPnl());
            fees = fees.add(trade.fees());
        }
        out.println("import-legacy: " + trades.size() + " good row(s), "
                + reading.bad().size() + " bad; P&L "
                + realised.toPlainString() + ", fees " + fees.toPlainString() + ", net "
                + realised.subtract(fees).toPlainString() + (a.pnlNet() ? " (pnl column read as net of fees)" : ""));
        for (LegacyTrade trade : trades.subList(0, Math.min(SHOWN_ROWS, trades.size()))) {
            out.println("  row " + trade.row() + ": " + trade.symbol() + " " + trade.side() + " "
                    + trade.quantity().toPlainString() + " @ "
                    + trade.entryPrice().toPlainString() + " -> "
                    + trade.exitPrice().toPlainString() + ", P&L "
                    + trade.realisedPnl().toPlainString() + ", fees "
                    + trade.fees().toPlainString() + ", closed " + trade.closedAt());
        }
        if (apiKey != null) {
            out.println("import-legacy: BingX key from " + a.env() + ": " + CredentialsFormat.mask(apiKey));
        }
    }

    private static ConfigurableApplicationContext open(List<String> springOptions) {
        // a trading platform does not call home, not even from a command-line tool (see TrendDeskApplication)
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        List<String> options = new ArrayList<>(springOptions);
        options.add("--trenddesk.roles=command");
        options.add("--db-scheduler.enabled=false");
        options.add("--logging.level.root=warn");
        options.add("--spring.main.banner-mode=off");
        return new SpringApplicationBuilder(ResetAdminCli.CommandPath.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(options.toArray(String[]::new));
    }

    /** The content keys of the trades the owner's imported history holds (its own events, not a read model). */
    private static Set<String> importedKeys(EventStore events, UserId owner) {
        Set<String> keys = new HashSet<>();
        events.readEvents(ImportedHistoryId.of(owner).toString()).asStream().forEach(message -> {
            if (message.getPayload() instanceof LegacyTradeImported imported) {
                keys.add(imported.rowKey());
            }
        });
        return keys;
    }

    /** The masked key the owner has connected, from the ExchangeCredentials aggregate's events; null when none. */
    private static String connectedKey(EventStore events, UserId owner) {
        String masked = null;
        for (Object payload : events.readEvents(CredentialsId.of(owner).toString())
                .asStream()
                .map(message -> message.getPayload())
                .toList()) {
            if (payload instanceof CredentialsConnected connected) {
                masked = connected.maskedApiKey();
            } else if (payload instanceof CredentialsDisconnected) {
                masked = null;
            }
        }
        return masked;
    }

    private static <R> R send(CommandGateway commands, Object command, String traceId) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(
                        AxonConfiguration.ACTOR_ID,
                        ACTOR,
                        AxonConfiguration.ACTOR_ROLE,
                        "system",
                        AxonConfiguration.CLIENT_IP,
                        "cli",
                        AxonConfiguration.TRACE_ID,
                        traceId))));
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: import-legacy --sqlite FILE --owner USERNAME [--env FILE] [--dry-run] "
                + "[--map column=field,...] [--pnl-net] [--replace-key] [--spring.datasource.url=... "
                + "--spring.datasource.username=... --spring.datasource.password=...]");
        stream.println(
                "       imports the single-user bot's closed trades (its trades table) into the trader USERNAME's "
                        + "history, marked imported, and connects the BingX key of the env file (" + API_KEY + ", "
                        + SECRET_KEY + "); stop the platform first and back up (docs/migration.md)");
    }
}
