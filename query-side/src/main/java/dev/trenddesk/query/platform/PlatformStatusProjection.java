package dev.trenddesk.query.platform;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.platform.Branding;
import dev.trenddesk.api.platform.BrandingView;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchEngaged;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchReleased;
import dev.trenddesk.api.platform.PlatformQueries.FindBranding;
import dev.trenddesk.api.platform.PlatformQueries.FindPlatformSettings;
import dev.trenddesk.api.platform.PlatformQueries.FindPlatformStatus;
import dev.trenddesk.api.platform.PlatformSettingsEvent.AllowedMarketsChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.BrandingChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.BrandingLogoChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.MaintenanceModeChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.NewTraderDefaultsChanged;
import dev.trenddesk.api.platform.PlatformSettingsView;
import dev.trenddesk.api.platform.PlatformStatusView;
import dev.trenddesk.query.ReadModelJson;
import dev.trenddesk.query.readside.FeedPublisher;
import dev.trenddesk.query.readside.ProjectionWrites;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps platform_status, the kill switch and maintenance mode as every logged-in user sees them, and pushes each
 * change to every live stream as the SSE event {@code platform} (a {@link PlatformStatusView}; user id null:
 * everyone's streams); platform_settings_view, the defaults for new traders and the allowed markets; and
 * branding_view, the brand and its logo (each event sets the whole row's part it carries, so a replay ends where the
 * events end).
 */
@Component
@ProcessingGroup(PlatformStatusProjection.GROUP)
public class PlatformStatusProjection {

    public static final String GROUP = "platform-status";

    private final JdbcTemplate jdbc;
    private final FeedPublisher feed;

    public PlatformStatusProjection(JdbcTemplate jdbc, FeedPublisher feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    @EventHandler
    void on(
            KillSwitchEngaged event,
            @MetaDataValue("actorId") String actorId,
            TrackingToken token,
            ReplayStatus replay) {
        jdbc.update(
                "update platform_status set halted = true, reason = ?, flatten = ?, since = ?, engaged_by = ?"
                        + " where singleton",
                event.reason(),
                event.flatten(),
                Timestamp.from(event.at()),
                actorId);
        publish(token, replay);
    }

    @EventHandler
    void on(KillSwitchReleased event, TrackingToken token, ReplayStatus replay) {
        jdbc.update("update platform_status set halted = false, reason = null, flatten = false, since = null,"
                + " engaged_by = null where singleton");
        publish(token, replay);
    }

    @EventHandler
    void on(MaintenanceModeChanged event, TrackingToken token, ReplayStatus replay) {
        if (event.on()) {
            jdbc.update(
                    "update platform_status set maintenance = true, maintenance_reason = ?,"
                            + " maintenance_since = coalesce(maintenance_since, ?) where singleton",
                    event.reason(),
                    Timestamp.from(event.at()));
        } else {
            jdbc.update("update platform_status set maintenance = false, maintenance_reason = null,"
                    + " maintenance_since = null where singleton");
        }
        publish(token, replay);
    }

    @EventHandler
    void on(NewTraderDefaultsChanged event) {
        jdbc.update(
                "update platform_settings_view set new_trader_defaults = cast(? as jsonb) where singleton",
                event.after() == null ? null : ReadModelJson.write(event.after()));
    }

    @EventHandler
    void on(AllowedMarketsChanged event) {
        jdbc.update(
                "update platform_settings_view set allowed_symbols = ?, allowed_timeframes = ? where singleton",
                event.symbols().toArray(String[]::new),
                event.timeframes().stream().map(Timeframe::code).toArray(String[]::new));
    }

    @EventHandler
    void on(BrandingChanged event) {
        Branding b = event.after();
        jdbc.update(
                "update branding_view set product_name = ?, primary_color = ?, support_email = ?, legal_footer = ?,"
                        + " updated_at = ? where singleton",
                b.productName(),
                b.primaryColor(),
                b.supportEmail(),
                b.legalFooter(),
                Timestamp.from(event.at()));
    }

    @EventHandler
    void on(BrandingLogoChanged event) {
        jdbc.update(
                "update branding_view set logo = ?, logo_content_type = ?, logo_sha256 = ?, updated_at = ?"
                        + " where singleton",
                event.logoBase64() == null ? null : Base64.getDecoder().decode(event.logoBase64()),
                event.contentType(),
                event.sha256(),
                Timestamp.from(event.at()));
    }

    @QueryHandler
    public BrandingView handle(FindBranding query) {
        List<BrandingView> rows = jdbc.query(
                "select product_name, primary_color, support_email, legal_footer, "
                        + (query.withLogo() ? "logo" : "null as logo")
                        + ", logo_content_type, logo_sha256, updated_at from branding_view where singleton",
                (rs, i) -> {
                    String name = rs.getString("product_name");
                    return new BrandingView(
                            name == null
                                    ? Branding.defaults()
                                    : new Branding(
                                            name,
                                            rs.getString("primary_color"),
                                            rs.getString("support_email"),
                                            rs.getString("legal_footer")),
                            rs.getBytes("logo"),
                            rs.getString("logo_content_type"),
                            rs.getString("logo_sha256"),
                            instant(rs, "updated_at"));
                });
        return rows.isEmpty() ? BrandingView.initial() : rows.getFirst();
    }

    private void publish(TrackingToken token, ReplayStatus replay) {
        feed.publish(replay, ProjectionWrites.position(token), null, "platform", handle(new FindPlatformStatus()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("update platform_status set halted = false, reason = null, flatten = false, since = null,"
                + " engaged_by = null, maintenance = false, maintenance_reason = null, maintenance_since = null"
                + " where singleton");
        jdbc.update("update platform_settings_view set new_trader_defaults = null, allowed_symbols = '{}',"
                + " allowed_timeframes = '{}' where singleton");
        jdbc.update("update branding_view set product_name = null, primary_color = null, support_email = null,"
                + " legal_footer = null, logo = null, logo_content_type = null, logo_sha256 = null,"
                + " updated_at = null where singleton");
    }

    @QueryHandler
    public PlatformStatusView handle(FindPlatformStatus query) {
        List<PlatformStatusView> rows = jdbc.query(
                "select halted, reason, flatten, since, engaged_by, maintenance, maintenance_reason,"
                        + " maintenance_since from platform_status where singleton",
                (rs, i) -> {
                    boolean halted = rs.getBoolean("halted");
                    return new PlatformStatusView(
                            halted,
                            halted ? rs.getString("reason") : null,
                            halted && rs.getBoolean("flatten"),
                            halted ? instant(rs, "since") : null,
                            halted ? rs.getString("engaged_by") : null,
                            rs.getBoolean("maintenance"),
                            rs.getString("maintenance_reason"),
                            instant(rs, "maintenance_since"));
                });
        return rows.isEmpty() ? PlatformStatusView.running() : rows.getFirst();
    }

    @QueryHandler
    public PlatformSettingsView handle(FindPlatformSettings query) {
        PlatformStatusView status = handle(new FindPlatformStatus());
        List<PlatformSettingsView> rows = jdbc.query(
                "select new_trader_defaults, allowed_symbols, allowed_timeframes from platform_settings_view"
                        + " where singleton",
                (rs, i) -> {
                    String defaults = rs.getString("new_trader_defaults");
                    return new PlatformSettingsView(
                            defaults == null
                                    ? TradingSettings.defaults()
                                    : ReadModelJson.read(defaults, TradingSettings.class),
                            defaults == null,
                            strings(rs.getArray("allowed_symbols")),
                            strings(rs.getArray("allowed_timeframes")).stream()
                                    .map(Timeframe::fromCode)
                                    .toList(),
                            status.maintenance(),
                            status.maintenanceReason(),
                            status.maintenanceSince());
                });
        return rows.isEmpty() ? PlatformSettingsView.initial() : rows.getFirst();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
