package dev.trenddesk.strategy.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.strategy.indicator.Candle;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads candles from a file whose format is detected from its content:
 * <ul>
 *   <li>{@link Format#BINGX_KLINES_JSON}: the BingX klines REST envelope
 *       {@code {"code":0,"data":[{open,close,high,low,volume,time}]}} or a bare array of such rows;
 *       {@code time} is the open time in epoch ms; numbers may be strings or JSON numbers.</li>
 *   <li>{@link Format#TA4J_JSON}: the ta4j-examples JSON {@code {"ohlc":[{endTime,openPrice,highPrice,
 *       lowPrice,closePrice,volume}]}} (or a bare array of rows); {@code endTime} is the last millisecond
 *       of the candle, so open time = endTime + 1 ms − the candle period, the period being the smallest
 *       gap between consecutive end times (the given timeframe for a single row).</li>
 *   <li>{@link Format#OHLCV_CSV}: header {@code time,open,high,low,close,volume} (any column order);
 *       time is the open time, ISO-8601 or epoch ms.</li>
 *   <li>{@link Format#BITSTAMP_TRADES_CSV}: header {@code timestamp,price,amount} (epoch seconds), trades
 *       aggregated into candles of the given timeframe aligned to the epoch; a period without trades
 *       yields no candle.</li>
 * </ul>
 * Candles are returned sorted by open time; a repeated open time keeps the first candle. Numbers keep
 * their exact decimal value with trailing zeros removed, and have at most 18 digits before and 18
 * after the decimal point. Every candle must be one a market can print: prices positive, volume not
 * negative, high at or above open and close, low at or below them; a row breaking that is refused
 * naming its line (CSV) or row (JSON) and column.
 */
public final class CandleFileReader {

    /** The candle file formats the backtester understands. */
    public enum Format {
        BINGX_KLINES_JSON,
        TA4J_JSON,
        OHLCV_CSV,
        BITSTAMP_TRADES_CSV
    }

    /** Candles read from a file and the format they were in. */
    public record CandleFile(Format format, List<Candle> candles) {
        public CandleFile {
            candles = List.copyOf(candles);
        }
    }

    /** Digits a price or volume may have before, and after, the decimal point. */
    private static final int MAX_DIGITS = 18;

    private static final List<String> CSV_COLUMNS = List.of("open", "high", "low", "close", "volume");
    private static final List<String> BINGX_COLUMNS = CSV_COLUMNS;
    private static final List<String> TA4J_COLUMNS =
            List.of("openPrice", "highPrice", "lowPrice", "closePrice", "volume");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CandleFileReader() {}

    /**
     * Parses candle file content.
     *
     * @param timeframe the period of the candles built from trades, and the fallback period of a
     *                  one-row ta4j file
     * @throws BacktestInputException when the content is in no known format or holds a bad value
     */
    public static CandleFile parse(String content, Timeframe timeframe) {
        String text = content.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            throw new BacktestInputException("the candle file is empty");
        }
        CandleFile file =
                text.startsWith("{") || text.startsWith("[") ? parseJson(text, timeframe) : parseCsv(text, timeframe);
        if (file.candles().isEmpty()) {
            throw new BacktestInputException("the candle file (" + file.format() + ") holds no candles");
        }
        return new CandleFile(file.format(), sortedDistinct(file.candles()));
    }

    private static CandleFile parseJson(String text, Timeframe timeframe) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BacktestInputException("the candle file is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode rows = root;
        if (root.isObject()) {
            if (root.has("ohlc")) {
                rows = root.get("ohlc");
            } else if (root.has("data")) {
                if (root.has("code") && root.get("code").asLong() != 0) {
                    throw new BacktestInputException("the klines response is an error: code "
                            + root.get("code").asText() + " " + root.path("msg").asText());
                }
                rows = root.get("data");
            } else {
                throw new BacktestInputException(
                        "JSON candle file needs a \"data\" array (BingX klines) or an" + " \"ohlc\" array (ta4j)");
            }
        }
        if (!rows.isArray()) {
            throw new BacktestInputException("the candle rows are not a JSON array");
        }
        if (rows.isEmpty()) {
            return new CandleFile(Format.BINGX_KLINES_JSON, List.of());
        }
        JsonNode first = rows.get(0);
        if (first.has("endTime")) {
            return new CandleFile(Format.TA4J_JSON, ta4jRows(rows, timeframe));
        }
        if (first.has("time")) {
            List<Candle> candles = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                candles.add(candle(
                        "row " + (i + 1),
                        Instant.ofEpochMilli(longField(row, "time")),
                        BINGX_COLUMNS,
                        decimalField(row, "open"),
                        decimalField(row, "high"),
                        decimalField(row, "low"),
                        decimalField(row, "close"),
                        decimalField(row, "volume")));
            }
            return new CandleFile(Format.BINGX_KLINES_JSON, candles);
        }
        throw new BacktestInputException("JSON candle rows need \"time\" (BingX) or \"endTime\" (ta4j): " + first);
    }

    private static List<Candle> ta4jRows(JsonNode rows, Timeframe timeframe) {
        List<Long> endTimes = new ArrayList<>();
        for (JsonNode row : rows) {
            endTimes.add(longField(row, "endTime"));
        }
        List<Long> sorted = endTimes.stream().sorted().distinct().toList();
        long periodMs = timeframe.duration().toMillis();
        if (sorted.size() > 1) {
            periodMs = Long.MAX_VALUE;
            for (int i = 1; i < sorted.size(); i++) {
                periodMs = Math.min(periodMs, sorted.get(i) - sorted.get(i - 1));
            }
        }
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            Instant openTime;
            try {
                openTime = Instant.ofEpochMilli(Math.subtractExact(Math.addExact(endTimes.get(i), 1), periodMs));
            } catch (ArithmeticException e) {
                throw new BacktestInputException(
                        "row " + (i + 1) + ", column endTime: out of range: " + endTimes.get(i), e);
            }
            candles.add(candle(
                    "row " + (i + 1),
                    openTime,
                    TA4J_COLUMNS,
                    decimalField(row, "openPrice"),
                    decimalField(row, "highPrice"),
                    decimalField(row, "lowPrice"),
                    decimalField(row, "closePrice"),
                    decimalField(row, "volume")));
        }
        return candles;
    }

    private static long longField(JsonNode row, String field) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new BacktestInputException("candle row lacks \"" + field + "\": " + row);
        }
        try {
            return node.isTextual()
                    ? Long.parseLong(node.asText().strip())
                    : node.decimalValue().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BacktestInputException("\"" + field + "\" is not a whole number of ms: " + node, e);
        }
    }

    private static BigDecimal decimalField(JsonNode row, String field) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new BacktestInputException("candle row lacks \"" + field + "\": " + row);
        }
        if (node.isNumber()) {
            return bounded(normalized(node.decimalValue()), field);
        }
        return decimal(node.asText(), field);
    }

    private static CandleFile parseCsv(String text, Timeframe timeframe) {
        List<String> lines =
                text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> header = splitCsv(lines.get(0)).stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .toList();
        if (header.containsAll(List.of("time", "open", "high", "low", "close", "volume"))) {
            return new CandleFile(Format.OHLCV_CSV, ohlcvRows(lines, header));
        }
        if (header.containsAll(List.of("timestamp", "price", "amount"))) {
            return new CandleFile(Format.BITSTAMP_TRADES_CSV, tradeRows(lines, header, timeframe));
        }
        throw new BacktestInputException("unknown candle file format: expected JSON (BingX klines or ta4j), a CSV with"
                + " header time,open,high,low,close,volume or a trades CSV with header timestamp,price,amount;"
                + " first line was: " + lines.get(0));
    }

    private static List<Candle> ohlcvRows(List<String> lines, List<String> header) {
        int time = header.indexOf("time");
        int open = header.indexOf("open");
        int high = header.indexOf("high");
        int low = header.indexOf("low");
        int close = header.indexOf("close");
        int volume = header.indexOf("volume");
        List<Candle> candles = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = cells(lines.get(i), header.size(), i + 1);
            String line = "line " + (i + 1);
            candles.add(candle(
                    line,
                    instant(cells.get(time), i + 1),
                    CSV_COLUMNS,
                    decimal(cells.get(open), line, "open"),
                    decimal(cells.get(high), line, "high"),
                    decimal(cells.get(low), line, "low"),
                    decimal(cells.get(close), line, "close"),
                    decimal(cells.get(volume), line, "volume")));
        }
        return candles;
    }

    private static List<Candle> tradeRows(List<String> lines, List<String> header, Timeframe timeframe) {
        int timestamp = header.indexOf("timestamp");
        int price = header.indexOf("price");
        int amount = header.indexOf("amount");
        long periodSeconds = timeframe.duration().getSeconds();
        Map<Long, CandleBuilder> buckets = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = cells(lines.get(i), header.size(), i + 1);
            long seconds;
            try {
                seconds = Long.parseLong(cells.get(timestamp));
            } catch (NumberFormatException e) {
                throw new BacktestInputException(
                        "line " + (i + 1) + ": timestamp is not epoch seconds: " + cells.get(timestamp), e);
            }
            long bucket = Math.floorDiv(seconds, periodSeconds) * periodSeconds;
            if (bucket < Instant.MIN.getEpochSecond() || bucket > Instant.MAX.getEpochSecond()) {
                throw new BacktestInputException("line " + (i + 1) + ", column timestamp: out of range: " + seconds);
            }
            String line = "line " + (i + 1);
            BigDecimal tradePrice = decimal(cells.get(price), line, "price");
            BigDecimal tradeAmount = decimal(cells.get(amount), line, "amount");
            if (tradePrice.signum() <= 0) {
                throw new BacktestInputException(
                        line + ", column price: must be positive, was " + tradePrice.toPlainString());
            }
            if (tradeAmount.signum() < 0) {
                throw new BacktestInputException(
                        line + ", column amount: must not be negative, was " + tradeAmount.toPlainString());
            }
            buckets.computeIfAbsent(bucket, b -> new CandleBuilder(Instant.ofEpochSecond(b)))
                    .add(tradePrice, tradeAmount);
        }
        return buckets.values().stream().map(CandleBuilder::build).toList();
    }

    /** Trades of one period folded into a candle, in file order. */
    private static final class CandleBuilder {
        private final Instant openTime;
        private BigDecimal open;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal close;
        private BigDecimal volume = BigDecimal.ZERO;

        private CandleBuilder(Instant openTime) {
            this.openTime = openTime;
        }

        private void add(BigDecimal price, BigDecimal amount) {
            if (open == null) {
                open = price;
                high = price;
                low = price;
            }
            high = high.max(price);
            low = low.min(price);
            close = price;
            volume = volume.add(amount);
        }

        private Candle build() {
            return new Candle(openTime, open, high, low, close, normalized(volume));
        }
    }

    private static List<String> cells(String line, int expected, int lineNumber) {
        List<String> cells = splitCsv(line);
        if (cells.size() < expected) {
            throw new BacktestInputException(
                    "line " + lineNumber + " has " + cells.size() + " columns, expected " + expected + ": " + line);
        }
        return cells;
    }

    private static List<String> splitCsv(String line) {
        return List.of(line.split(",", -1)).stream()
                .map(cell -> cell.strip().replace("\"", ""))
                .toList();
    }

    private static Instant instant(String cell, int lineNumber) {
        if (cell.chars().allMatch(c -> c >= '0' && c <= '9') && !cell.isEmpty()) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(cell));
            } catch (NumberFormatException e) {
                throw new BacktestInputException(
                        "line " + lineNumber + ", column time: epoch ms out of range: " + cell, e);
            }
        }
        try {
            return OffsetDateTime.parse(cell).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(cell);
            } catch (DateTimeParseException again) {
                throw new BacktestInputException(
                        "line " + lineNumber + ": time is neither ISO-8601 nor epoch ms: " + cell, again);
            }
        }
    }

    private static BigDecimal decimal(String text, String field) {
        try {
            return bounded(normalized(new BigDecimal(text.strip())), field);
        } catch (NumberFormatException e) {
            throw new BacktestInputException("\"" + field + "\" is not a number: " + text, e);
        }
    }

    private static BigDecimal decimal(String text, String line, String column) {
        try {
            return decimal(text, column);
        } catch (BacktestInputException e) {
            throw new BacktestInputException(line + ", column " + column + ": " + e.getMessage(), e);
        }
    }

    /** Refuses numbers no price or volume has, whose exact arithmetic would take unbounded time and memory. */
    private static BigDecimal bounded(BigDecimal value, String field) {
        if (value.scale() > MAX_DIGITS || value.precision() - value.scale() > MAX_DIGITS) {
            throw new BacktestInputException("\"" + field + "\" has more than " + MAX_DIGITS
                    + " digits before or after the decimal point: " + value.toString());
        }
        return value;
    }

    /** The candle of one row, if a market could have printed it; {@code columns} names open, high, low, close, volume. */
    private static Candle candle(
            String where,
            Instant openTime,
            List<String> columns,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume) {
        BigDecimal[] prices = {open, high, low, close};
        for (int i = 0; i < prices.length; i++) {
            if (prices[i].signum() <= 0) {
                throw new BacktestInputException(where + ", column " + columns.get(i)
                        + ": a price must be positive, was " + prices[i].toPlainString());
            }
        }
        if (volume.signum() < 0) {
            throw new BacktestInputException(
                    where + ", column " + columns.get(4) + ": must not be negative, was " + volume.toPlainString());
        }
        if (high.compareTo(open.max(close)) < 0 || high.compareTo(low) < 0) {
            throw new BacktestInputException(where + ", column " + columns.get(1) + ": high " + high.toPlainString()
                    + " is below open " + open.toPlainString() + ", close " + close.toPlainString() + " or low "
                    + low.toPlainString());
        }
        if (low.compareTo(open.min(close)) > 0) {
            throw new BacktestInputException(where + ", column " + columns.get(2) + ": low " + low.toPlainString()
                    + " is above open " + open.toPlainString() + " or close " + close.toPlainString());
        }
        return new Candle(openTime, open, high, low, close, volume);
    }

    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static List<Candle> sortedDistinct(List<Candle> candles) {
        List<Candle> sorted =
                candles.stream().sorted(Comparator.comparing(Candle::openTime)).toList();
        List<Candle> distinct = new ArrayList<>(sorted.size());
        for (Candle candle : sorted) {
            if (distinct.isEmpty()
                    || !distinct.get(distinct.size() - 1).openTime().equals(candle.openTime())) {
                distinct.add(candle);
            }
        }
        return distinct;
    }
}
