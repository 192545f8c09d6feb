package dev.trenddesk.command;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Fixture matchers for refused commands. */
public final class Refusals {

    private Refusals() {}

    /** A {@link DomainRejection} with this code (the prose beside it may change; the code does not). */
    public static Matcher<DomainRejection> refusedWith(RejectionCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRejection rejection) {
                return rejection.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection coded " + code);
            }
        };
    }
}
