package dev.trenddesk.bingx.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A permission of a BingX API key, with the number BingX's API-key documents give it. BingX's
 * {@code apiPermissions} answer may use the numbers (as numbers or strings) or names; {@link #parse}
 * accepts both.
 */
public enum ApiPermission {
    SPOT_TRADING(1),
    READ(2),
    PERPETUAL_FUTURES_TRADING(3),
    UNIVERSAL_TRANSFER(4),
    WITHDRAW(5),
    SUB_ACCOUNT_INTERNAL_TRANSFER(7);

    private final int number;

    ApiPermission(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** True for permissions that move funds out of the futures account (withdraw, any transfer). */
    public boolean movesFunds() {
        return this == WITHDRAW || this == UNIVERSAL_TRANSFER || this == SUB_ACCOUNT_INTERNAL_TRANSFER;
    }

    /** A permission from a number ("3", 3) or a name ("Perpetual_Futures", "TRADE", "withdraw"); empty if unknown. */
    public static Optional<ApiPermission> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.matches("\\d{1,3}")) {
            int n = Integer.parseInt(text);
            for (ApiPermission permission : values()) {
                if (permission.number == n) {
                    return Optional.of(permission);
                }
            }
            return Optional.empty();
        }
        String name = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        if (name.contains("WITHDRAW")) {
            return Optional.of(WITHDRAW);
        }
        if (name.contains("SUBACCOUNT") || name.contains("INTERNALTRANSFER")) {
            return Optional.of(SUB_ACCOUNT_INTERNAL_TRANSFER);
        }
        if (name.contains("TRANSFER")) {
            return Optional.of(UNIVERSAL_TRANSFER);
        }
        if (name.contains("SPOT")) {
            return Optional.of(SPOT_TRADING);
        }
        if (name.contains("FUTURE")
                || name.contains("PERPETUAL")
                || name.contains("SWAP")
                || name.contains("CONTRACT")
                || name.equals("TRADE")
                || name.equals("TRADING")) {
            return Optional.of(PERPETUAL_FUTURES_TRADING);
        }
        if (name.equals("READ") || name.equals("READONLY") || name.equals("VIEW")) {
            return Optional.of(READ);
        }
        return Optional.empty();
    }
}
