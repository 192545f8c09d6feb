package dev.trenddesk.gateway.security;

/** Why an open stream (or a session) lost the access it was opened under; sent to the client as the reason. */
public enum AccessEnd {
    LOGGED_OUT("you logged out"),
    SESSION_ENDED("your session was ended"),
    SESSION_EXPIRED("your session expired"),
    PASSWORD_CHANGED("the password was changed: log in again"),
    PASSWORD_RESET("an admin reset the password: log in again"),
    DEACTIVATED("the account was deactivated"),
    ROLE_CHANGED("your role changed and no longer gives access to this stream"),
    ACCESS_REVOKED("your access to this data was revoked");

    private final String message;

    AccessEnd(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
