package org.candor.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Values read as they are written, never converted: a number where text is expected, text where a
 * number is expected ({@code "120000"}), a fraction where a whole number is expected, a date
 * written any other way than ISO-8601, an enum name in another case, or anything but an object
 * where one of the format's objects is expected is a problem. Each one is handed to the problem
 * handlers of the read (rather than thrown), so that the reader can record it and carry on.
 */
final class StrictValues {

    private StrictValues() {}

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("candor-strict-scalars");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addDeserializer(Integer.class, new IntegerDeserializer());
        module.addDeserializer(Long.class, new LongDeserializer());
        module.addDeserializer(Double.class, new DoubleDeserializer());
        module.addDeserializer(Boolean.class, new BooleanDeserializer());
        module.addDeserializer(LocalDate.class, new DateDeserializer());
        module.addDeserializer(Instant.class, new TimestampDeserializer());
        module.setDeserializerModifier(new FormatTypes());
        return module;
    }

    /** The format's own records and enums (this package), made strict about their shape. */
    private static final class FormatTypes extends BeanDeserializerModifier {
        private static boolean ours(Class<?> type) {
            return type.getPackageName().equals(StrictValues.class.getPackageName());
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
            return ours(beanDesc.getBeanClass()) ? new ObjectOnly(deserializer) : deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(
                DeserializationConfig config,
                JavaType type,
                BeanDescription beanDesc,
                JsonDeserializer<?> deserializer) {
            return ours(type.getRawClass()) ? new ExactName(type.getRawClass()) : deserializer;
        }
    }

    /** A record of the format is read from a JSON object and from nothing else. */
    private static final class ObjectOnly extends DelegatingDeserializer {
        ObjectOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new ObjectOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) {
                return super.deserialize(p, ctxt);
            }
            return ctxt.handleUnexpectedToken(_delegatee.handledType(), p);
        }
    }

    /** An enum of the format is read from its exact name, upper case, and from nothing else. */
    private static final class ExactName extends StdScalarDeserializer<Object> {
        private final Map<String, Object> byName = new HashMap<>();

        ExactName(Class<?> enumType) {
            super(enumType);
            for (Object constant : enumType.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                Object constant = byName.get(p.getText());
                return constant != null
                        ? constant
                        : ctxt.handleWeirdStringValue(handledType(), p.getText(), "not one of the names");
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return ctxt.handleWeirdNumberValue(handledType(), p.getNumberValue(), "a number, not a name");
            }
            return ctxt.handleUnexpectedToken(handledType(), p);
        }
    }

    private static final class TextDeserializer extends StdScalarDeserializer<String> {
        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    private static final class IntegerDeserializer extends StdScalarDeserializer<Integer> {
        IntegerDeserializer() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.INT) {
                    return p.getIntValue();
                }
                return (Integer) ctxt.handleWeirdNumberValue(Integer.class, p.getNumberValue(), "out of range");
            }
            return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
        }
    }

    private static final class LongDeserializer extends StdScalarDeserializer<Long> {
        LongDeserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                return (Long) ctxt.handleWeirdNumberValue(Long.class, p.getNumberValue(), "out of range");
            }
            return (Long) ctxt.handleUnexpectedToken(Long.class, p);
        }
    }

    private static final class DoubleDeserializer extends StdScalarDeserializer<Double> {
        DoubleDeserializer() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = p.getDoubleValue();
                if (Double.isInfinite(value)) {
                    return (Double) ctxt.handleWeirdNumberValue(Double.class, p.getNumberValue(), "out of range");
                }
                return value;
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }
    }

    private static final class BooleanDeserializer extends StdScalarDeserializer<Boolean> {
        BooleanDeserializer() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }

    /** A calendar date, ISO-8601 and nothing else: {@code 2026-09-30}. */
    private static final class DateDeserializer extends StdScalarDeserializer<LocalDate> {
        DateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText().strip();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, e.getMessage());
            }
        }
    }

    /**
     * A moment, ISO-8601 with its offset from UTC ({@code 2026-10-01T09:00:00Z} or {@code
     * 2026-10-01T11:00:00+02:00}); a local time without an offset is ambiguous and refused.
     */
    private static final class TimestampDeserializer extends StdScalarDeserializer<Instant> {
        TimestampDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText().strip();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, e.getMessage());
            }
        }
    }
}
