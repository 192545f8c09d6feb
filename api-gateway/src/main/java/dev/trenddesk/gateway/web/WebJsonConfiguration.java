package dev.trenddesk.gateway.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON at the edge: a number is not a string, a string is not a number, a boolean is not
 * either, an enum is named and never numbered, a key is given once, text is valid Unicode without NUL, and
 * nothing follows the body's JSON value, so a bad body gets a 400 naming the field instead of a silent
 * conversion or a 500.
 * (Unknown fields are refused by spring.jackson.deserialization.fail-on-unknown-properties.)
 *
 * <p>This is the web's ObjectMapper only; events are stored by Axon's serializer with an
 * ObjectMapper of its own (config/AxonConfiguration), which this does not touch.
 */
@Configuration(proxyBeanMethods = false)
class WebJsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalars() {
        return builder -> builder.featuresToEnable(
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .postConfigurer(mapper -> {
                    // registered last, so it is asked before any other module for String values
                    mapper.registerModule(new SimpleModule("valid-unicode-text")
                            .addDeserializer(String.class, new ValidUnicodeStrings()));
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
                        mapper.coercionConfigFor(numeric)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                    }
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Enum)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                });
    }

    /**
     * A text value that is no storable text: half of a UTF-16 surrogate pair (JSON can spell it,
     * {@code "\ud800"}, Unicode cannot) or NUL (which PostgreSQL text cannot hold).
     */
    public static final class InvalidTextException extends InvalidFormatException {

        InvalidTextException(JsonParser parser, String value, String problem) {
            super(parser, "is not valid text (it holds " + problem + ")", value, String.class);
        }
    }

    /** Every JSON string bound to a String (fields, list items, enum and value-object names) must be valid text. */
    static final class ValidUnicodeStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            String problem = value == null ? null : problem(value);
            if (problem != null) {
                throw new InvalidTextException(parser, value, problem);
            }
            return value;
        }

        /** What makes the text invalid, or null when it is valid. */
        static String problem(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == 0) {
                    return "a NUL character";
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return "a lone surrogate";
                }
                if (Character.isLowSurrogate(c)) {
                    return "a lone surrogate";
                }
            }
            return null;
        }
    }
}
