package dev.trenddesk.gateway.cli;

import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ImportedHistoryCommands.LegacyTrade;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;

/**
 * Reads the single-user bot's {@code trades} table from its SQLite file: finds which column holds what
 * (case-insensitive, with the synonyms the legacy bots used, overridable with {@code --map}), parses every row
 * and says which rows are bad and why, by row number (the SQLite rowid). Pure reading: the file is opened
 * read-only and nothing else is touched (docs/migration.md).
 */
final class LegacyTrades {

    /** What a column can mean; {@link #key} is the name {@code --map} uses. */
    enum Field {
        SYMBOL("symbol", true, "symbol", "pair", "market"),
        SIDE("side", true, "side", "direction", "type"),
        QUANTITY("quantity", true, "quantity", "amount", "qty", "size"),
        ENTRY_PRICE("entry_price", true, "entry_price", "entry", "open_price", "price_in"),
        EXIT_PRICE("exit_price", true, "exit_price", "exit", "close_price", "price_out"),
        PNL("pnl", false, "pnl", "profit", "realized_pnl"),
        FEES("fees", false, "fees", "fee", "commission"),
        ENTRY_TIME("entry_time", false, "entry_time", "opened_at", "open_time"),
        EXIT_TIME("exit_time", true, "exit_time", "closed_at", "close_time");

        final String key;
        final boolean required;
        final List<String> synonyms;

        Field(String key, boolean required, String... synonyms) {
            this.key = key;
            this.required = required;
            this.synonyms = List.of(synonyms);
        }

        static Field byKey(String key) {
            String wanted = key.strip().toLowerCase(Locale.ROOT);
            for (Field field : values()) {
                if (field.key.equals(wanted) || field.synonyms.contains(wanted)) {
                    return field;
                }
            }
            return null;
        }
    }

    /** Quote currencies recognised at the end of a symbol written without a separator (BTCUSDT). */
    private static final List<String> QUOTES = List.of("USDT", "USDC", "BUSD", "USD");

    private static final Pattern SEPARATED = Pattern.compile("^([A-Z0-9]{1,20})[-/_]([A-Z0-9]{1,20})(?::[A-Z0-9]+)?$");
    private static final Pattern JOINED = Pattern.compile("^[A-Z0-9]{2,40}$");
    private static final Pattern NUMERIC = Pattern.compile("^\\d+(\\.\\d+)?$");
    /** Epoch numbers below this are seconds (until the year 5138), at or above it milliseconds. */
    static final long MILLIS_FROM = 100_000_000_000L;

    /** No crypto trade is older than Bitcoin's first block. */
    static final Instant EARLIEST = Instant.parse("2009-01-03T00:00:00Z");

    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    /** A row the import refuses, by its row number (SQLite rowid), with why. */
    record BadRow(long row, String problem) {
        @Override
        public String toString() {
            return "row " + row + ": " + problem;
        }
    }

    /**
     * What the file holds.
     *
     * @param table   the table's name as the file spells it
     * @param columns the table's columns, in order
     * @param mapping which column each field is read from (a field with no column is absent)
     * @param trades  the good rows, in rowid order
     * @param bad     the bad rows; empty when everything can be imported
     */
    record Reading(
            String table,
            List<String> columns,
            Map<Field, String> mapping,
            List<LegacyTrade> trades,
            List<BadRow> bad,
            List<String> problems) {

        boolean importable() {
            return bad.isEmpty() && problems.isEmpty();
        }
    }

    private LegacyTrades() {}

    /**
     * Parses {@code --map} text: {@code column=field,column=field}, field by its key or any synonym.
     *
     * @throws IllegalArgumentException naming the part it cannot read
     */
    static Map<String, Field> parseOverrides(String text) {
        Map<String, Field> overrides = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return overrides;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("--map: '" + part.strip() + "' is not column=field");
            }
            String column = part.substring(0, eq).strip();
            Field field = Field.byKey(part.substring(eq + 1));
            if (field == null) {
                throw new IllegalArgumentException("--map: unknown field '"
                        + part.substring(eq + 1).strip() + "' (one of " + String.join(", ", keys()) + ")");
            }
            overrides.put(column, field);
        }
        return overrides;
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Field field : Field.values()) {
            keys.add(field.key);
        }
        return keys;
    }

    /**
     * Which column each field comes from: an override first, then a column named as the field or one of its
     * synonyms (case-insensitive; the first synonym found wins), a column used once at most.
     */
    static Map<Field, String> map(List<String> columns, Map<String, Field> overrides, List<String> problems) {
        Map<Field, String> mapping = new EnumMap<>(Field.class);
        Map<String, String> byLower = new HashMap<>();
        for (String column : columns) {
            byLower.put(column.toLowerCase(Locale.ROOT), column);
        }
        for (Map.Entry<String, Field> override : overrides.entrySet()) {
            String column = byLower.get(override.getKey().toLowerCase(Locale.ROOT));
            if (column == null) {
                problems.add("--map names column '" + override.getKey() + "', which the table does not have (columns: "
                        + String.join(", ", columns) + ")");
            } else {
                mapping.put(override.getValue(), column);
            }
        }
        for (Field field : Field.values()) {
            if (mapping.containsKey(field)) {
                continue;
            }
            for (String synonym : field.synonyms) {
                String column = byLower.get(synonym);
                if (column != null && !mapping.containsValue(column)) {
                    mapping.put(field, column);
                    break;
                }
            }
        }
        for (Field field : Field.values()) {
            if (field.required && !mapping.containsKey(field)) {
                problems.add("no column for " + field.key + " (looked for " + String.join(", ", field.synonyms)
                        + "; name one with --map COLUMN=" + field.key + ")");
            }
        }
        return mapping;
    }

    /** Reads the file's trades table. {@code pnlNet}: the pnl column already has the fees taken off. */
    static Reading read(Path file, Map<String, Field> overrides, boolean pnlNet) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            String table = table(statement);
            List<String> problems = new ArrayList<>();
            if (table == null) {
                problems.add("the file has no table named trades");
                return new Reading(null, List.of(), Map.of(), List.of(), List.of(), problems);
            }
            boolean rowid = hasRowid(statement, table);
            String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
            String sql = rowid
                    ? "select rowid as \"__td_row\", * from " + quoted + " order by rowid"
                    : "select * from " + quoted;
            try (ResultSet rows = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = rowid ? 2 : 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i));
                }
                Map<Field, String> mapping = map(columns, overrides, problems);
                List<LegacyTrade> trades = new ArrayList<>();
                List<BadRow> bad = new ArrayList<>();
                Map<String, Integer> seen = new HashMap<>();
                long position = 0;
                while (rows.next()) {
                    position++;
                    long row = rowid ? rows.getLong(1) : position;
                    if (!problems.isEmpty()) {
                        continue; // the columns are wrong: counting the rows is all there is to do
                    }
                    Map<Field, String> values = new EnumMap<>(Field.class);
                    for (Map.Entry<Field, String> entry : mapping.entrySet()) {
                        String value = rows.getString(entry.getValue());
                        if (value != null && !value.isBlank()) {
                            values.put(entry.getKey(), value.strip());
                        }
                    }
                    List<String> why = new ArrayList<>();
                    LegacyTrade trade = trade(row, values, pnlNet, why, seen);
                    if (why.isEmpty()) {
                        trades.add(trade);
                    } else {
                        bad.add(new BadRow(row, String.join("; ", why)));
                    }
                }
                return new Reading(table, columns, mapping, trades, bad, problems);
            }
        }
    }

    private static String table(Statement statement) throws SQLException {
        try (ResultSet tables = statement.executeQuery(
                "select name from sqlite_master where type = 'table' and lower(name) = 'trades'")) {
            return tables.next() ? tables.getString(1) : null;
        }
    }

    private static boolean hasRowid(Statement statement, String table) {
        try (ResultSet ignored =
                statement.executeQuery("select rowid from \"" + table.replace("\"", "\"\"") + "\" limit 1")) {
            return true;
        } catch (SQLException e) {
            return false; // a WITHOUT ROWID table: rows are numbered in the order read
        }
    }

    private static LegacyTrade trade(
            long row, Map<Field, String> values, boolean pnlNet, List<String> why, Map<String, Integer> seen) {
        String symbol = required(values, Field.SYMBOL, why);
        String normalised = symbol == null ? null : symbol(symbol);
        if (symbol != null && normalised == null) {
            why.add("symbol '" + symbol + "' is not a pair like BTCUSDT, BTC/USDT or BTC-USDT");
        }
        String sideText = required(values, Field.SIDE, why);
        Direction side = sideText == null ? null : side(sideText);
        if (sideText != null && side == null) {
            why.add("side '" + sideText + "' is none of long, short, buy, sell");
        }
        BigDecimal quantity = positive(values, Field.QUANTITY, why);
        BigDecimal entry = positive(values, Field.ENTRY_PRICE, why);
        BigDecimal exit = positive(values, Field.EXIT_PRICE, why);
        BigDecimal fees = number(values, Field.FEES, why);
        if (fees != null && fees.signum() < 0) {
            fees = fees.negate(); // some bots book fees as a negative amount; a fee is paid either way
        }
        if (fees == null) {
            fees = BigDecimal.ZERO;
        }
        BigDecimal pnl = number(values, Field.PNL, why);
        Instant openedAt = time(values, Field.ENTRY_TIME, why);
        String closedText = required(values, Field.EXIT_TIME, why);
        Instant closedAt = closedText == null ? null : time(values, Field.EXIT_TIME, why);
        if (row > Integer.MAX_VALUE) {
            why.add("row number " + row + " is beyond " + Integer.MAX_VALUE);
        }
        if (openedAt != null && closedAt != null && closedAt.isBefore(openedAt)) {
            why.add("exit time " + closedAt + " is before entry time " + openedAt);
        }
        if (!why.isEmpty()) {
            return null;
        }
        BigDecimal realised;
        if (pnl == null) {
            realised = exit.subtract(entry).multiply(quantity).multiply(BigDecimal.valueOf(side.sign()));
        } else {
            realised = pnlNet ? pnl.add(fees) : pnl;
        }
        String content = String.join(
                "|",
                normalised,
                side.name(),
                plain(quantity),
                plain(entry),
                plain(exit),
                plain(realised),
                plain(fees),
                openedAt == null ? "" : openedAt.toString(),
                closedAt.toString());
        int occurrence = seen.merge(content, 1, Integer::sum);
        return new LegacyTrade(
                Math.toIntExact(row),
                sha256(content + "|" + occurrence),
                normalised,
                side,
                quantity,
                entry,
                exit,
                realised,
                fees,
                openedAt,
                closedAt);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String required(Map<Field, String> values, Field field, List<String> why) {
        String value = values.get(field);
        if (value == null) {
            why.add(field.key + " is empty");
        }
        return value;
    }

    private static BigDecimal positive(Map<Field, String> values, Field field, List<String> why) {
        if (values.get(field) == null) {
            why.add(field.key + " is empty");
            return null;
        }
        BigDecimal value = number(values, field, why);
        if (value != null && value.signum() <= 0) {
            why.add(field.key + " " + value.toPlainString() + " is not more than 0");
            return null;
        }
        return value;
    }

    private static BigDecimal number(Map<Field, String> values, Field field, List<String> why) {
        String text = values.get(field);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            why.add(field.key + " '" + text + "' is not a number");
            return null;
        }
    }

    /**
     * A time as the legacy bot wrote it: ISO-8601 with an offset or Z, an ISO or SQLite date-time without one
     * (read as UTC), a date, or an epoch number: seconds below {@value #MILLIS_FROM}, milliseconds from it.
     */
    static Instant parseTime(String text) {
        String value = text.strip();
        if (NUMERIC.matcher(value).matches()) {
            BigDecimal number = new BigDecimal(value);
            if (number.compareTo(BigDecimal.valueOf(MILLIS_FROM)) < 0) {
                return Instant.ofEpochMilli(number.movePointRight(3).longValue());
            }
            return Instant.ofEpochMilli(number.longValue());
        }
        try {
            return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not ISO
        }
        try {
            return LocalDateTime.parse(value, SQLITE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not SQLite's form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant time(Map<Field, String> values, Field field, List<String> why) {
        String text = values.get(field);
        if (text == null) {
            return null;
        }
        Instant at = parseTime(text);
        if (at == null) {
            why.add(field.key + " '" + text + "' is not a time (ISO-8601, epoch seconds or epoch milliseconds)");
        } else if (at.isBefore(EARLIEST) || at.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
            why.add(field.key + " '" + text + "' is " + at + ", not a time a trade can have (from " + EARLIEST
                    + " to tomorrow; epoch microseconds or nanoseconds are not read)");
            return null;
        }
        return at;
    }

    /** The platform's form of a symbol (BTC-USDT), or null when the text is not a pair. */
    static String symbol(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        Matcher separated = SEPARATED.matcher(value);
        if (separated.matches()) {
            return separated.group(1) + "-" + separated.group(2);
        }
        if (JOINED.matcher(value).matches()) {
            for (String quote : QUOTES) {
                if (value.endsWith(quote) && value.length() > quote.length()) {
                    return value.substring(0, value.length() - quote.length()) + "-" + quote;
                }
            }
        }
        return null;
    }

    static Direction side(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "long", "buy", "b", "l" -> Direction.LONG;
            case "short", "sell", "s" -> Direction.SHORT;
            default -> null;
        };
    }

    /** The SHA-256 of a file, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
