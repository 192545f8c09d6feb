package dev.trenddesk.command.platform;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.platform.AllowedMarkets;
import dev.trenddesk.api.platform.Branding;
import dev.trenddesk.api.platform.BrandingLogo;
import dev.trenddesk.api.platform.MailServer;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetAllowedMarkets;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetBranding;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetBrandingLogo;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetMailServer;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetMaintenanceMode;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetNewTraderDefaults;
import dev.trenddesk.api.platform.PlatformSettingsEvent.AllowedMarketsChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.BrandingChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.BrandingLogoChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.MailServerChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.MaintenanceModeChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.NewTraderDefaultsChanged;
import dev.trenddesk.command.AggregateView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The platform's settings, one for the whole platform: the trading settings new traders start with, the symbols and
 * timeframes traders may choose, maintenance mode, the SMTP server of e-mail notifications and the brand (white label). Created by its
 * first change; a change that changes nothing records nothing. Every change is an event with the value before and after (who: the metadata).
 *
 * <p>Its own aggregate rather than part of {@link PlatformHalt}: the kill switch is an emergency act with its own
 * engage/release rules and every one of its events names the halt; these are standing settings that change
 * independently of it. {@link PlatformSettingsStore} mirrors defaults and allowed markets in the same transaction for
 * UserAccount and TradingSession.
 *
 * <p>Invariant: the defaults for new traders (an admin's or the built-in ones) are always within the allowed markets,
 * so that a new trader can start a bot with them: a restriction that excludes them, or defaults outside the
 * restriction, are refused (422 naming the field).
 */
@Aggregate
public class PlatformSettings implements AggregateView {

    private static final int MAX_CIPHERTEXT = 4096;

    @AggregateIdentifier
    private String id;

    /** null: the built-in defaults. */
    private TradingSettings defaults;

    private AllowedMarkets allowed = AllowedMarkets.all();
    private boolean maintenance;
    private String maintenanceReason;
    private Instant maintenanceSince;

    /** null: the operator's properties. */
    private MailServer mailServer;

    private boolean mailPasswordSet;

    private Branding branding = Branding.defaults();

    /** null: no logo. */
    private String logoSha256;

    /** What time travel shows. */
    public record View(
            TradingSettings newTraderDefaults,
            List<String> allowedSymbols,
            List<Timeframe> allowedTimeframes,
            boolean maintenance,
            String maintenanceReason,
            Instant maintenanceSince,
            MailServer mailServer,
            boolean mailPasswordSet,
            Branding branding,
            String logoSha256) {}

    protected PlatformSettings() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetNewTraderDefaults command, PlatformSettingsStore store) {
        id = command.settingsId(); // the one identifier, also when the first command changes nothing
        String why = optionalReason(command.reason());
        TradingSettings next = command.defaults();
        if (next != null) {
            next.validated();
            allowed.require(next, null);
        }
        if (next == null ? defaults == null : next.sameAs(defaults)) {
            return;
        }
        store.defaults(next);
        apply(new NewTraderDefaultsChanged(command.settingsId(), defaults, next, why, command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetAllowedMarkets command, PlatformSettingsStore store) {
        id = command.settingsId(); // the one identifier, also when the first command changes nothing
        String why = optionalReason(command.reason());
        List<FieldViolation> violations = new ArrayList<>();
        List<String> symbols = command.symbols() == null ? List.of() : command.symbols();
        if (symbols.size() > AllowedMarkets.MAX_SYMBOLS) {
            violations.add(new FieldViolation("symbols", "at most " + AllowedMarkets.MAX_SYMBOLS + " symbols"));
        }
        for (String symbol : symbols) {
            if (symbol == null || !TradingSettings.SYMBOL.matcher(symbol).matches()) {
                violations.add(
                        new FieldViolation("symbols", "'" + symbol + "' is not a USDT perpetual symbol like BTC-USDT"));
            }
        }
        List<Timeframe> timeframes = command.timeframes() == null ? List.of() : command.timeframes();
        if (timeframes.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation("timeframes", "must not contain an empty value"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        AllowedMarkets next = new AllowedMarkets(
                new LinkedHashSet<>(symbols).stream().sorted().toList(),
                Arrays.stream(Timeframe.values()).filter(timeframes::contains).toList());
        TradingSettings effective = defaults == null ? TradingSettings.defaults() : defaults;
        List<FieldViolation> excluded = next.violations(effective, null);
        if (!excluded.isEmpty()) {
            throw new InvalidInputException(excluded.stream()
                    .map(v -> new FieldViolation(
                            v.field().equals("timeframe") ? "timeframes" : v.field(),
                            "would exclude the " + (defaults == null ? "built-in " : "")
                                    + "defaults for new traders (" + describe(effective, v.field())
                                    + "): change the defaults first"))
                    .toList());
        }
        if (next.equals(allowed)) {
            return;
        }
        store.allowed(next);
        apply(new AllowedMarketsChanged(
                command.settingsId(),
                allowed.symbols(),
                next.symbols(),
                allowed.timeframes(),
                next.timeframes(),
                why,
                command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetMaintenanceMode command) {
        id = command.settingsId(); // the one identifier, also when the first command changes nothing
        String why = optionalReason(command.reason());
        if (command.on() && why == null) {
            throw new InvalidInputException("reason", "is required: say why the platform is in maintenance");
        }
        if (command.on() == maintenance && (!command.on() || Objects.equals(why, maintenanceReason))) {
            return;
        }
        apply(new MaintenanceModeChanged(
                command.settingsId(), maintenance, maintenanceReason, command.on(), why, command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetMailServer command) {
        id = command.settingsId(); // the one identifier, also when the first command changes nothing
        String why = optionalReason(command.reason());
        String ciphertext = command.passwordCiphertext();
        if (ciphertext != null && (command.clearPassword() || command.server() == null)) {
            throw new InvalidInputException(
                    "mailServer.password",
                    command.server() == null
                            ? "cannot be set without a server"
                            : "give a new password or clear it, not both");
        }
        if (ciphertext != null && (ciphertext.isBlank() || ciphertext.length() > MAX_CIPHERTEXT)) {
            throw new InvalidInputException("mailServer.password", "is not a key-vault ciphertext");
        }
        MailServer next = command.server() == null ? null : command.server().validated();
        boolean passwordNext = next != null && !command.clearPassword() && (ciphertext != null || mailPasswordSet);
        if (Objects.equals(next, mailServer) && passwordNext == mailPasswordSet && ciphertext == null) {
            return;
        }
        apply(new MailServerChanged(
                command.settingsId(), mailServer, next, mailPasswordSet, passwordNext, ciphertext, why, command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetBranding command) {
        id = command.settingsId(); // the one identifier, also when the first command changes nothing
        String why = optionalReason(command.reason());
        Branding next = command.branding() == null
                ? Branding.defaults()
                : command.branding().validated();
        if (next.equals(branding)) {
            return;
        }
        apply(new BrandingChanged(command.settingsId(), branding, next, why, command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetBrandingLogo command) {
        id = command.settingsId(); // the one identifier, also when the first command changes nothing
        String why = optionalReason(command.reason());
        if (command.logoBase64() == null) {
            if (logoSha256 != null) {
                apply(new BrandingLogoChanged(
                        command.settingsId(), logoSha256, null, null, null, 0, why, command.at()));
            }
            return;
        }
        BrandingLogo logo = BrandingLogo.fromBase64(command.logoBase64());
        if (command.contentType() != null && !command.contentType().equals(logo.contentType())) {
            throw new InvalidInputException(
                    "logo", "is " + logo.contentType() + " by its bytes, not " + command.contentType());
        }
        String sha256 = logo.sha256();
        if (sha256.equals(logoSha256)) {
            return;
        }
        apply(new BrandingLogoChanged(
                command.settingsId(),
                logoSha256,
                sha256,
                logo.contentType(),
                logo.base64(),
                logo.bytes().length,
                why,
                command.at()));
    }

    private static String optionalReason(String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null) {
            PlatformHalt.requirePlainText(why);
        }
        return why;
    }

    private static String describe(TradingSettings settings, String field) {
        return field.equals("symbols")
                ? String.join(", ", settings.symbols())
                : settings.timeframe().code();
    }

    @EventSourcingHandler
    void on(NewTraderDefaultsChanged event) {
        id = event.settingsId();
        defaults = event.after();
    }

    @EventSourcingHandler
    void on(AllowedMarketsChanged event) {
        id = event.settingsId();
        allowed = new AllowedMarkets(event.symbols(), event.timeframes());
    }

    @EventSourcingHandler
    void on(MaintenanceModeChanged event) {
        id = event.settingsId();
        maintenance = event.on();
        maintenanceReason = event.on() ? event.reason() : null;
        maintenanceSince = event.on() ? (event.wasOn() ? maintenanceSince : event.at()) : null;
    }

    @EventSourcingHandler
    void on(MailServerChanged event) {
        id = event.settingsId();
        mailServer = event.after();
        mailPasswordSet = event.passwordSet();
    }

    @EventSourcingHandler
    void on(BrandingChanged event) {
        id = event.settingsId();
        branding = event.after();
    }

    @EventSourcingHandler
    void on(BrandingLogoChanged event) {
        id = event.settingsId();
        logoSha256 = event.sha256();
    }

    @Override
    public Object view() {
        return new View(
                defaults,
                allowed.symbols(),
                allowed.timeframes(),
                maintenance,
                maintenanceReason,
                maintenanceSince,
                mailServer,
                mailPasswordSet,
                branding,
                logoSha256);
    }
}
