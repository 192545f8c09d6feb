package dev.trenddesk.api.common;

import java.util.List;

/**
 * A request refused because one or more of its values are invalid. Thrown by validation that is
 * shared between the web edge and the aggregates, so both refuse the same values the same way.
 */
public class InvalidInputException extends IllegalArgumentException {

    private final List<FieldViolation> violations;

    public InvalidInputException(List<FieldViolation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String describe(List<FieldViolation> violations) {
        StringBuilder text = new StringBuilder();
        for (FieldViolation v : violations) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(v.field()).append(": ").append(v.message());
        }
        return text.toString();
    }
}
