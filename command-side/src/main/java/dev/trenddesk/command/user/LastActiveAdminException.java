package dev.trenddesk.command.user;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;

/**
 * A change that would leave no active admin: demoting, deactivating or erasing the last one. A
 * {@link DomainRejection} ({@link RejectionCode#LAST_ACTIVE_ADMIN}), so the API answers 409
 * problem+json with this message and that code.
 */
public class LastActiveAdminException extends DomainRejection {

    public static final String RULE = "at least one active admin must remain";

    public LastActiveAdminException(String username) {
        super(
                RejectionCode.LAST_ACTIVE_ADMIN,
                RULE + ": " + username + " is the last active admin; make another person an admin first");
    }
}
