package dev.trenddesk.gateway.upcasting;

import java.util.Set;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Events stored before events had revisions carry revision null; their shape is that of revision
 * "1". This step only names them revision "1" (payload untouched), so that every later step of the
 * chain (a "1 → 2" upcaster) sees them as the revision they are.
 *
 * <p>{@link #STORED_WITHOUT_REVISION} is the list of payload types as they were written until then,
 * frozen: it must not follow later renames of the classes, because the stored rows keep the old
 * names. An event type introduced later starts at revision "1" and has no null rows.
 */
final class UnversionedToRevision1 extends SingleEventUpcaster {

    static final String REVISION = "1";

    static final Set<String> STORED_WITHOUT_REVISION = Set.of(
            "dev.trenddesk.api.alert.AlertRaised",
            "dev.trenddesk.api.audit.AdminViewedUserData",
            "dev.trenddesk.api.credentials.CredentialsEvent$AccountBalanceObserved",
            "dev.trenddesk.api.credentials.CredentialsEvent$CredentialsConnected",
            "dev.trenddesk.api.credentials.CredentialsEvent$CredentialsDisconnected",
            "dev.trenddesk.api.credentials.CredentialsEvent$CredentialsHealthChanged",
            "dev.trenddesk.api.credentials.CredentialsEvent$CredentialsVerificationFailed",
            "dev.trenddesk.api.credentials.CredentialsEvent$CredentialsVerificationRequested",
            "dev.trenddesk.api.credentials.CredentialsEvent$CredentialsVerified",
            "dev.trenddesk.api.credentials.MasterKeyRotated",
            "dev.trenddesk.api.market.CandleClosed",
            "dev.trenddesk.api.trading.TradingSessionEvent$EquityObserved",
            "dev.trenddesk.api.trading.TradingSessionEvent$ExchangeAccountPrepared",
            "dev.trenddesk.api.trading.TradingSessionEvent$ExternalPositionDetected",
            "dev.trenddesk.api.trading.TradingSessionEvent$ExternalPositionGone",
            "dev.trenddesk.api.trading.TradingSessionEvent$FundingFeeCharged",
            "dev.trenddesk.api.trading.TradingSessionEvent$OrderFilled",
            "dev.trenddesk.api.trading.TradingSessionEvent$OrderPlaced",
            "dev.trenddesk.api.trading.TradingSessionEvent$OrderPlacementRequested",
            "dev.trenddesk.api.trading.TradingSessionEvent$OrderRejected",
            "dev.trenddesk.api.trading.TradingSessionEvent$PositionClosed",
            "dev.trenddesk.api.trading.TradingSessionEvent$PositionDesyncDetected",
            "dev.trenddesk.api.trading.TradingSessionEvent$PositionOpened",
            "dev.trenddesk.api.trading.TradingSessionEvent$PositionReconciled",
            "dev.trenddesk.api.trading.TradingSessionEvent$PositionReduced",
            "dev.trenddesk.api.trading.TradingSessionEvent$RiskLimitBreached",
            "dev.trenddesk.api.trading.TradingSessionEvent$SignalGenerated",
            "dev.trenddesk.api.trading.TradingSessionEvent$SignalSkipped",
            "dev.trenddesk.api.trading.TradingSessionEvent$TradingSessionPaused",
            "dev.trenddesk.api.trading.TradingSessionEvent$TradingSessionResumed",
            "dev.trenddesk.api.trading.TradingSessionEvent$TradingSessionSettingsChanged",
            "dev.trenddesk.api.trading.TradingSessionEvent$TradingSessionStarted",
            "dev.trenddesk.api.trading.TradingSessionEvent$TradingSessionStopped",
            "dev.trenddesk.api.user.UserEvent$AccountLockedOut",
            "dev.trenddesk.api.user.UserEvent$LoginFailed",
            "dev.trenddesk.api.user.UserEvent$PasswordChanged",
            "dev.trenddesk.api.user.UserEvent$RepeatedLoginFailures",
            "dev.trenddesk.api.user.UserEvent$RoleChanged",
            "dev.trenddesk.api.user.UserEvent$TradingPermissionGranted",
            "dev.trenddesk.api.user.UserEvent$TradingPermissionRevoked",
            "dev.trenddesk.api.user.UserEvent$TradingSettingsUpdated",
            "dev.trenddesk.api.user.UserEvent$UserDeactivated",
            "dev.trenddesk.api.user.UserEvent$UserErased",
            "dev.trenddesk.api.user.UserEvent$UserLoggedIn",
            "dev.trenddesk.api.user.UserEvent$UserReactivated",
            "dev.trenddesk.api.user.UserEvent$UserRegistered",
            "dev.trenddesk.api.user.UserEvent$UserUnlocked",
            "dev.trenddesk.api.user.UserEvent$ViewerAccessGranted",
            "dev.trenddesk.api.user.UserEvent$ViewerAccessRevoked");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getRevision() == null
                && STORED_WITHOUT_REVISION.contains(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return renamed(representation, representation.getContentType());
    }

    /** Same payload, same content type (no conversion), revision "1". */
    private static <T> IntermediateEventRepresentation renamed(
            IntermediateEventRepresentation representation, Class<T> contentType) {
        return representation.upcast(
                new SimpleSerializedType(representation.getType().getName(), REVISION),
                contentType,
                Function.identity(),
                Function.identity());
    }
}
