package org.candor.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads format v1 JSON strictly: unknown fields, bad enums, bad dates, wrong types and duplicate
 * keys are problems, each with its JSON path. Every problem Jackson can step over is collected
 * before the campaign is rejected; then {@link CampaignValidator} checks the content.
 */
public final class CampaignReader {

    /** Deepest nesting a submission may have; format v1 needs fewer than ten levels. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest single string value, in characters. */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    private final ObjectMapper mapper;
    private final CampaignValidator validator;

    public CampaignReader() {
        this(new CampaignValidator());
    }

    public CampaignReader(CampaignValidator validator) {
        this.validator = validator;
        this.mapper = strictMapper();
    }

    /** The mapper used for submissions; shared with writers so dates round-trip the same way. */
    public static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(100)
                        .build());
        for (LogicalType type : new LogicalType[] {
            LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Enum, LogicalType.DateTime
        }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    public Campaign read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public Campaign read(byte[] json) {
        try {
            return read(new java.io.ByteArrayInputStream(json));
        } catch (IOException e) {
            throw new InvalidCampaignException(List.of(new Problem("$", "could not be read: " + e.getMessage())));
        }
    }

    /** Parses and validates; throws {@link InvalidCampaignException} listing every problem. */
    public Campaign read(InputStream json) throws IOException {
        Campaign campaign = parse(json);
        List<Problem> problems = validator.validate(campaign);
        if (!problems.isEmpty()) {
            throw new InvalidCampaignException(problems);
        }
        return campaign;
    }

    /** Parses without the content checks; throws when the JSON itself is unusable. */
    public Campaign parse(InputStream json) throws IOException {
        Collector collector = new Collector();
        Campaign campaign;
        try {
            campaign = mapper.readerFor(Campaign.class)
                    .withHandler(collector)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            collector.problems.add(problemOf(e));
            throw new InvalidCampaignException(collector.sorted());
        }
        if (campaign == null) {
            collector.problems.add(new Problem("$", "the document is empty; expected a campaign object"));
        }
        if (!collector.problems.isEmpty()) {
            throw new InvalidCampaignException(collector.sorted());
        }
        return campaign;
    }

    static Problem problemOf(JsonProcessingException e) {
        String path = "$";
        if (e instanceof JsonMappingException mapping) {
            path = jsonPath(mapping.getPath());
        }
        String message = e.getOriginalMessage();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        return new Problem(path, clean(message));
    }

    private static String clean(String message) {
        if (message == null) {
            return "could not be read";
        }
        // Keep Jackson's explanation, drop the Java class names it adds.
        return message.replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "the value")
                .replaceAll("\\(class [^)]*\\)", "")
                .replaceAll("\\s+", " ")
                .trim();
    }

    static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String jsonPath(JsonParser p) {
        return fromPointer(p.getParsingContext().pathAsPointer());
    }

    private static String fromPointer(JsonPointer pointer) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonPointer ptr = pointer; ptr != null && !ptr.matches(); ptr = ptr.tail()) {
            if (ptr.mayMatchElement()) {
                sb.append('[').append(ptr.getMatchingIndex()).append(']');
            } else {
                sb.append('.').append(ptr.getMatchingProperty());
            }
        }
        return sb.toString();
    }

    /** Records what Jackson would stop at, steps over it, and carries on reading. */
    private static final class Collector extends DeserializationProblemHandler {
        private final List<Problem> problems = new ArrayList<>();

        List<Problem> sorted() {
            return problems.stream().sorted().distinct().toList();
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            String parent = jsonPath(p);
            String path = parent.endsWith("." + propertyName) ? parent : parent + "." + propertyName;
            problems.add(new Problem(path, "unknown field '" + propertyName + "'"));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(
                DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg) {
            String expected = targetType.isEnum()
                    ? "one of " + java.util.Arrays.toString(targetType.getEnumConstants())
                    : "a valid " + describe(targetType);
            problems.add(new Problem(
                    jsonPath(ctxt.getParser()), "'" + abbreviate(valueToConvert) + "' is not " + expected));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(
                DeserializationContext ctxt, Class<?> targetType, Number valueToConvert, String failureMsg) {
            problems.add(new Problem(
                    jsonPath(ctxt.getParser()), valueToConvert + " is not " + "a valid " + describe(targetType)));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(
                DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String failureMsg)
                throws IOException {
            problems.add(new Problem(
                    jsonPath(p), "expected " + describe(targetType.getRawClass()) + " but found " + describe(t)));
            p.skipChildren();
            return null;
        }

        private static String describe(Class<?> type) {
            if (type == String.class) return "text";
            if (type == Integer.class || type == Long.class || type == int.class || type == long.class)
                return "whole number";
            if (type == Double.class || type == double.class) return "number";
            if (type == Boolean.class || type == boolean.class) return "true or false";
            if (type == java.time.LocalDate.class) return "date (YYYY-MM-DD)";
            if (type == java.time.Instant.class) return "timestamp (ISO-8601, e.g. 2026-10-01T09:00:00Z)";
            if (java.util.Collection.class.isAssignableFrom(type)) return "a list";
            if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants());
            return "an object";
        }

        private static String describe(JsonToken t) {
            if (t == null) return "nothing";
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "an object";
                case VALUE_STRING -> "text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NULL -> "null";
                default -> t.asString() == null ? t.name() : t.asString();
            };
        }

        private static String abbreviate(String s) {
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }
    }
}
