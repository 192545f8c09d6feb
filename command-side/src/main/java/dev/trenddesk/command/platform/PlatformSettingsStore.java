package dev.trenddesk.command.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.platform.AllowedMarkets;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set-based validation for the platform's settings: the one row of {@code platform_settings}, written by
 * {@link PlatformSettings} in the same transaction as its events. UserAccount reads the defaults for new traders when
 * a user registers; UserAccount and TradingSession check saved settings and bot starts against the allowed markets.
 */
@Component
public class PlatformSettingsStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public PlatformSettingsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The defaults an admin set for new traders; empty: the built-in ones. */
    public Optional<TradingSettings> newTraderDefaults() {
        List<String> rows = jdbc.query(
                "select new_trader_defaults from platform_settings where singleton", (rs, i) -> rs.getString(1));
        return rows.stream().filter(json -> json != null).findFirst().map(PlatformSettingsStore::read);
    }

    /** The symbols and timeframes traders may choose now. */
    public AllowedMarkets allowed() {
        List<AllowedMarkets> rows = jdbc.query(
                "select allowed_symbols, allowed_timeframes from platform_settings where singleton",
                (rs, i) -> new AllowedMarkets(
                        strings(rs.getArray(1)),
                        strings(rs.getArray(2)).stream()
                                .map(Timeframe::fromCode)
                                .toList()));
        return rows.stream().findFirst().orElse(AllowedMarkets.all());
    }

    /**
     * Refuses (422 naming {@code symbols} or {@code timeframe} and the allowed values) settings outside the allowed
     * markets; values {@code kept} already has are exempt (null: none).
     */
    public void requireAllowed(TradingSettings next, TradingSettings kept) {
        allowed().require(next, kept);
    }

    void defaults(TradingSettings settings) {
        jdbc.update("update platform_settings set new_trader_defaults = ? where singleton", write(settings));
    }

    void allowed(AllowedMarkets markets) {
        jdbc.update(
                "update platform_settings set allowed_symbols = ?, allowed_timeframes = ? where singleton",
                markets.symbols().toArray(String[]::new),
                markets.timeframes().stream().map(Timeframe::code).toArray(String[]::new));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String write(TradingSettings settings) {
        try {
            return settings == null ? null : JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trading settings could not be written as JSON", e);
        }
    }

    private static TradingSettings read(String json) {
        try {
            return JSON.readValue(json, TradingSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("platform_settings.new_trader_defaults is not readable", e);
        }
    }
}
