package dev.trenddesk.gateway.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.gateway.config.DatabaseFailures;
import dev.trenddesk.gateway.web.readside.Params;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns every refusal into RFC 7807 problem+json naming the fields at fault: 400 for a body that
 * cannot be read (malformed JSON, a key given twice, wrong type, unknown field, text that is not valid
 * Unicode) and for a malformed query parameter, 422 for values outside their rules,
 * 409 for a request that conflicts with the current state (with a {@code code} from
 * {@link RejectionCode} when the domain refused it; docs/rejections.md), 404 for what does not exist, 413 for
 * bodies over 64 KiB. Anything unexpected is a 500 with a trace id and nothing else.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail invalidBody(WebExchangeBindException e, ServerWebExchange exchange) {
        List<FieldViolation> violations = e.getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), error.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, describe(violations), violations, exchange);
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e, ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage(), e.violations(), exchange);
        if (e instanceof dev.trenddesk.api.plan.PlanLimitException limit) {
            // beyond the trader's plan: which plan and which of its limits (docs/plans.md)
            problem.setProperty("plan", limit.plan());
            problem.setProperty(
                    "limits",
                    limit.limits().stream()
                            .map(v -> Map.of("field", v.field(), "limit", v.limit(), "message", v.message()))
                            .toList());
        }
        return problem;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        if (causedBy(e, DataBufferLimitException.class)) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "request body is larger than 64 KiB", List.of(), exchange);
        }
        // before mapping errors: a key given twice in a nested object reaches here wrapped in one
        StreamReadException reading = cause(e, StreamReadException.class);
        if (reading != null && reading.getProcessor() instanceof JsonParser parser) {
            String field = path(parser.getParsingContext());
            String message = reading instanceof InputCoercionException
                    ? "is a number out of range for its type"
                    : String.valueOf(reading.getOriginalMessage()).startsWith("Duplicate field")
                            ? "is given more than once (duplicate key); give each field once"
                            : null;
            if (message != null && !field.isEmpty()) {
                return problem(
                        HttpStatus.BAD_REQUEST,
                        field + ": " + message,
                        List.of(new FieldViolation(field, message)),
                        exchange);
            }
        }
        JsonMappingException mapping = cause(e, JsonMappingException.class);
        if (mapping != null) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String message = mapping instanceof UnrecognizedPropertyException
                    ? "is not a known field"
                    : mapping instanceof WebJsonConfiguration.InvalidTextException
                            ? mapping.getOriginalMessage()
                            : "has a value of the wrong type or format" + rootMessage(mapping);
            if (field.isEmpty()) {
                field = "body";
            }
            List<FieldViolation> violations = List.of(new FieldViolation(field, message));
            return problem(HttpStatus.BAD_REQUEST, field + ": " + message, violations, exchange);
        }
        if (causedBy(e, DecodingException.class)) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "request body is not valid JSON",
                    List.of(new FieldViolation("body", "is not valid JSON")),
                    exchange);
        }
        String reason = e.getReason() == null ? "invalid request" : e.getReason();
        String parameter = e.getMethodParameter() == null
                ? "request"
                : String.valueOf(e.getMethodParameter().getParameterName());
        TypeMismatchException mismatch = cause(e, TypeMismatchException.class);
        if (mismatch != null && e.getMethodParameter() != null) {
            Class<?> type = mismatch.getRequiredType();
            String message = type == Integer.class || type == int.class || type == Long.class || type == long.class
                    ? "must be a whole number"
                    : type == Boolean.class || type == boolean.class
                            ? "must be true or false"
                            : type == dev.trenddesk.api.common.UserId.class
                                    ? "must be a user id (a UUID)"
                                    : "has a value of the wrong type or format";
            return problem(
                    HttpStatus.BAD_REQUEST,
                    parameter + ": " + message,
                    List.of(new FieldViolation(parameter, message)),
                    exchange);
        }
        return problem(HttpStatus.BAD_REQUEST, reason, List.of(new FieldViolation(parameter, reason)), exchange);
    }

    @ExceptionHandler(Params.BadParameterException.class)
    ProblemDetail badParameter(Params.BadParameterException e, ServerWebExchange exchange) {
        return problem(
                HttpStatus.valueOf(e.getStatusCode().value()),
                e.getReason(),
                List.of(new FieldViolation(e.parameter(), e.problem())),
                exchange);
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e, ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), List.of(), exchange);
        if (e instanceof DomainRejection rejection) {
            problem.setProperty("code", rejection.code().name());
        }
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e, ServerWebExchange exchange) {
        return problem(HttpStatus.NOT_FOUND, "no such resource", List.of(), exchange);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail remoteRefusal(CommandExecutionException e, ServerWebExchange exchange) {
        Throwable cause = e.getCause();
        if (cause instanceof InvalidInputException invalid) {
            return invalidInput(invalid, exchange);
        }
        DomainRejection rejection = rejectionOf(e);
        if (rejection != null) {
            return conflict(rejection, exchange);
        }
        if (cause instanceof IllegalStateException state) {
            return conflict(state, exchange);
        }
        if (cause instanceof AggregateNotFoundException missing) {
            return notFound(missing, exchange);
        }
        return unexpected(e, exchange);
    }

    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail status(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return problem(status, e.getReason() == null ? status.getReasonPhrase() : e.getReason(), List.of(), exchange);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, ServerWebExchange exchange) {
        if (collided(e)) {
            // the command gateway already sent it again on every collision (CommandConflictConfiguration)
            log.warn(
                    "{} {} still collided with concurrent changes after its retries: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    e.toString());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "this change kept colliding with simultaneous changes of the same data; try again in a moment",
                    List.of(),
                    exchange);
        }
        if (DatabaseFailures.unreachable(e)) {
            log.warn(
                    "Database busy on {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    e.toString());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE, "the service is busy; try again in a moment", List.of(), exchange);
        }
        String traceId =
                dev.trenddesk.gateway.security.RequestContext.of(exchange).traceId();
        log.error(
                "Unexpected failure on {} {} (trace {})",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                traceId,
                e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; quote trace id " + traceId, List.of(), exchange);
    }

    static ProblemDetail problem(
            HttpStatus status, String detail, List<FieldViolation> violations, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        if (!violations.isEmpty()) {
            problem.setProperty(
                    "errors",
                    violations.stream()
                            .map(v -> Map.of("field", v.field(), "message", v.message()))
                            .toList());
        }
        problem.setProperty(
                "traceId",
                dev.trenddesk.gateway.security.RequestContext.of(exchange).traceId());
        return problem;
    }

    /**
     * The domain's refusal in a failed command, with its code: the {@link DomainRejection} itself when it
     * is in the chain (a local command bus), or rebuilt from a {@link CommandExecutionException} whose
     * details name a code (what Axon Server brings back: the details and the message, not the type).
     * Null when the failure is no coded refusal.
     */
    public static DomainRejection rejectionOf(Throwable failure) {
        DomainRejection local = cause(failure, DomainRejection.class);
        if (local != null) {
            return local;
        }
        CommandExecutionException execution = cause(failure, CommandExecutionException.class);
        if (execution == null) {
            return null;
        }
        RejectionCode code = execution
                .getDetails()
                .map(String::valueOf)
                .map(RejectionCode::parse)
                .orElse(null);
        return code == null ? null : new DomainRejection(code, execution.getMessage());
    }

    private static String describe(List<FieldViolation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }

    /** Where the parser stood, as {@code settings.symbols[0]}; empty at the top level. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String rootMessage(JsonMappingException mapping) {
        Throwable root = mapping;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof IllegalArgumentException && root.getMessage() != null
                ? " (" + root.getMessage() + ")"
                : "";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A concurrent change of the same aggregate on another node, anywhere in the causes. */
    private static boolean collided(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
