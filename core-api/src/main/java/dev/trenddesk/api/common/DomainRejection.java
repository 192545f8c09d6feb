package dev.trenddesk.api.common;

/**
 * A command the domain refuses in its current state: a stable {@link RejectionCode} and a sentence
 * for the person. An {@link IllegalStateException}, so everything that treated refusals as such still
 * does; the API answers 409 problem+json with the sentence as {@code detail} and the code as {@code code}.
 */
public class DomainRejection extends IllegalStateException {

    private final RejectionCode code;

    public DomainRejection(RejectionCode code, String message) {
        super(message);
        if (code == null) {
            throw new IllegalArgumentException("a rejection needs its code");
        }
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }
}
