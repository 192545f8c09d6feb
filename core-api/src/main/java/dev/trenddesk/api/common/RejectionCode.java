package dev.trenddesk.api.common;

/**
 * Why the domain refused a command, as a stable name a client can rely on (the prose beside it may
 * change). The API answers every one with 409 problem+json carrying the name as {@code code};
 * docs/rejections.md lists them all with what they mean.
 */
public enum RejectionCode {

    // credentials
    CREDENTIALS_TRADER_ONLY,
    CREDENTIALS_NOT_CONNECTED,
    TRADING_KEY_NOT_VERIFIED,
    TRADING_KEY_READ_ONLY,
    DISCONNECT_WHILE_BOT_ACTIVE,

    // users
    USER_ERASED,
    ACCOUNT_DEACTIVATED,
    LAST_ACTIVE_ADMIN,
    TRADING_PERMISSION_TRADER_ONLY,
    VIEWER_ACCESS_VIEWER_ONLY,

    // trading sessions
    BOT_TRADER_ONLY,
    TRADING_PERMISSION_REQUIRED,
    NO_ACTIVE_BOT,
    SESSION_ALREADY_RUNNING,
    SESSION_NOT_RUNNING,
    SESSION_NOT_PAUSED,
    SESSION_ALREADY_STOPPED,
    SESSION_STOPPED_SETTINGS_FIXED,
    POSITION_OPEN_LEVERAGE_CHANGE,
    POSITION_OPEN_MODE_CHANGE,
    POSITION_OPEN_SYMBOL_REMOVAL,

    // the platform's kill switch
    TRADING_HALTED,
    KILL_SWITCH_ALREADY_ENGAGED,
    KILL_SWITCH_NOT_ENGAGED,

    // orders
    ENTRY_WHILE_NOT_RUNNING,
    ENTRY_ALREADY_OPEN,
    ENTRY_ON_EXTERNAL_POSITION,
    ENTRY_OVER_MAX_POSITIONS,
    CLOSE_WITHOUT_POSITION,
    CLOSE_ALREADY_PENDING,
    ORDER_UNKNOWN,
    /** An entry while the trader's subscription is past due or cancelled and unpaid (docs/plans.md). */
    ENTRY_SUBSCRIPTION_PAST_DUE,

    // plans and subscriptions (docs/plans.md)
    /** A bot start while the subscription is past due or cancelled and unpaid. */
    SUBSCRIPTION_PAST_DUE,
    /** Plans are for traders only. */
    PLAN_TRADER_ONLY,
    /** A retired plan cannot be assigned, changed or made the default. */
    PLAN_RETIRED,
    /** The default plan cannot retire. */
    PLAN_DEFAULT_RETIRE,
    /** A payment or cancellation needs an assigned paid plan. */
    PLAN_NOT_PAID,
    /** Another plan has this name. */
    PLAN_NAME_TAKEN,
    // notifications
    NOTIFICATION_CHANNEL_NOT_CONFIGURED;

    /** The code named by {@code name}, or null when there is none by that name (a newer sender's code). */
    public static RejectionCode parse(String name) {
        if (name == null) {
            return null;
        }
        for (RejectionCode code : values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return null;
    }
}
