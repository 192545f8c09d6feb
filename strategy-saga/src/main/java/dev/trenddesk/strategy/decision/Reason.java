package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.trading.ReasonCode;
import java.util.Objects;

/**
 * One reason of a decision: a stable code and a human-readable text with the numbers involved.
 *
 * @param code machine-readable reason
 * @param text explanation for the trader
 */
public record Reason(ReasonCode code, String text) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return code + ": " + text;
    }
}
