package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonAnyFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonArrayFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonBooleanFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatTypes;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitable;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonIntegerFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonMapFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonNullFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonNumberFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonStringFormatVisitor;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonValueFormat;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The serialized shape of an event as the storage ObjectMapper writes it, derived by Jackson itself
 * (its JSON format visitors, the machinery behind JSON schema generation): every JSON path with its
 * JSON type, e.g. {@code settings.symbols[]: string}, {@code initialBalance: number big_decimal},
 * {@code at: string date-time}, {@code side: string enum LONG|SHORT}. Nested value types are walked,
 * so a change in {@code TradingSettings} shows in every event that carries it.
 */
final class EventShapes {

    /** Value types nest a few levels at most; deeper means a cycle. */
    private static final int MAX_DEPTH = 12;

    static final String ENUM = " enum ";

    private EventShapes() {}

    static SortedMap<String, String> of(ObjectMapper mapper, Class<?> eventType) {
        SortedMap<String, String> shape = new TreeMap<>();
        visit(mapper, mapper.constructType(eventType), "", shape, 0);
        shape.remove("");
        return shape;
    }

    private static void visit(
            ObjectMapper mapper, JavaType type, String path, SortedMap<String, String> shape, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("shape nests deeper than " + MAX_DEPTH + " at " + path);
        }
        try {
            mapper.acceptJsonFormatVisitor(type, new Wrapper(mapper, path, shape, depth));
        } catch (JsonMappingException e) {
            throw new IllegalStateException("cannot derive the shape at '" + path + "' (" + type + ")", e);
        }
        shape.putIfAbsent(path, "any");
    }

    private static final class Wrapper extends JsonFormatVisitorWrapper.Base {

        private final ObjectMapper mapper;
        private final String path;
        private final SortedMap<String, String> shape;
        private final int depth;

        Wrapper(ObjectMapper mapper, String path, SortedMap<String, String> shape, int depth) {
            this.mapper = mapper;
            this.path = path;
            this.shape = shape;
            this.depth = depth;
        }

        private void child(String name, JavaType type) {
            visit(mapper, type, path.isEmpty() ? name : path + "." + name, shape, depth + 1);
        }

        @Override
        public JsonObjectFormatVisitor expectObjectFormat(JavaType type) {
            shape.put(path, "object");
            return new JsonObjectFormatVisitor.Base(getProvider()) {
                @Override
                public void property(BeanProperty property) {
                    child(property.getName(), property.getType());
                }

                @Override
                public void optionalProperty(BeanProperty property) {
                    child(property.getName(), property.getType());
                }

                @Override
                public void property(String name, JsonFormatVisitable handler, JavaType propertyTypeHint) {
                    child(name, propertyTypeHint);
                }

                @Override
                public void optionalProperty(String name, JsonFormatVisitable handler, JavaType propertyTypeHint) {
                    child(name, propertyTypeHint);
                }
            };
        }

        @Override
        public JsonArrayFormatVisitor expectArrayFormat(JavaType type) {
            shape.put(path, "array");
            String items = path + "[]";
            return new JsonArrayFormatVisitor.Base(getProvider()) {
                @Override
                public void itemsFormat(JsonFormatVisitable handler, JavaType elementType) {
                    visit(mapper, elementType, items, shape, depth + 1);
                }

                @Override
                public void itemsFormat(JsonFormatTypes format) {
                    shape.put(items, format.value());
                }
            };
        }

        @Override
        public JsonMapFormatVisitor expectMapFormat(JavaType type) {
            shape.put(path, "map");
            return new JsonMapFormatVisitor.Base(getProvider()) {
                @Override
                public void valueFormat(JsonFormatVisitable handler, JavaType valueType) {
                    visit(mapper, valueType, path + "{}", shape, depth + 1);
                }
            };
        }

        @Override
        public JsonStringFormatVisitor expectStringFormat(JavaType type) {
            shape.put(path, "string");
            return new JsonStringFormatVisitor.Base() {
                @Override
                public void format(JsonValueFormat format) {
                    shape.put(path, "string " + format);
                }

                @Override
                public void enumTypes(Set<String> values) {
                    shape.put(path, "string" + ENUM + String.join("|", values));
                }
            };
        }

        @Override
        public JsonNumberFormatVisitor expectNumberFormat(JavaType type) {
            shape.put(path, "number");
            return new JsonNumberFormatVisitor.Base() {
                @Override
                public void numberType(NumberType numberType) {
                    shape.put(path, "number " + numberType.name().toLowerCase());
                }

                @Override
                public void enumTypes(Set<String> values) {
                    shape.put(path, "number" + ENUM + String.join("|", values));
                }
            };
        }

        @Override
        public JsonIntegerFormatVisitor expectIntegerFormat(JavaType type) {
            shape.put(path, "integer");
            return new JsonIntegerFormatVisitor.Base() {
                @Override
                public void numberType(NumberType numberType) {
                    shape.put(path, "integer " + numberType.name().toLowerCase());
                }
            };
        }

        @Override
        public JsonBooleanFormatVisitor expectBooleanFormat(JavaType type) {
            shape.put(path, "boolean");
            return null;
        }

        @Override
        public JsonNullFormatVisitor expectNullFormat(JavaType type) {
            shape.put(path, "null");
            return null;
        }

        @Override
        public JsonAnyFormatVisitor expectAnyFormat(JavaType type) {
            shape.put(path, "any");
            return null;
        }
    }
}
