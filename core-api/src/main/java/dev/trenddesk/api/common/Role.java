package dev.trenddesk.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a person may do on the platform. Written in lower case on the wire. */
public enum Role {
    ADMIN,
    TRADER,
    VIEWER,
    AUDITOR;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromCode(String code) {
        if (code != null) {
            for (Role role : values()) {
                if (role.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown role '" + code + "', expected one of admin, trader, viewer, auditor");
    }
}
