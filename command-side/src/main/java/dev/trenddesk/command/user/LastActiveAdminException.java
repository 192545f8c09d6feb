package dev.trenddesk.command.user;

/**
 * A change that would leave no active admin: demoting, deactivating or erasing the last one. An
 * {@link IllegalStateException}, so the API answers 409 problem+json with this message.
 */
public class LastActiveAdminException extends IllegalStateException {

    public static final String RULE = "at least one active admin must remain";

    public LastActiveAdminException(String username) {
        super(RULE + ": " + username + " is the last active admin; make another person an admin first");
    }
}
