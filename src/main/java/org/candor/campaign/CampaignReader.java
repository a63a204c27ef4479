package org.candor.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    /** Longest number, in digits. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Longest field name, in characters; format v1's longest is 25. */
    public static final int MAX_NAME_LENGTH = 1_000;

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
                .addModule(StrictValues.module())
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
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build());
        return mapper;
    }

    public Campaign read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public Campaign read(byte[] json) {
        return check(collect(json, false));
    }

    /**
     * Reads a submitted body in one read of its bytes (a token pass, then the binding; no tree):
     * the same campaign and the same problems as {@link #read(byte[])}, except that a body that is
     * not JSON at all throws {@link NotJsonException} instead. Not JSON at all means what a plain
     * JSON parser refuses in the first value: a syntax error, a cut-off document or a broken size
     * limit (an empty body is not, nor is what follows the first value: those are problems).
     */
    public Campaign readBody(byte[] json) {
        return check(collect(json, true));
    }

    /**
     * Parses and validates; throws {@link InvalidCampaignException} listing every problem, those of
     * the JSON (unknown fields, wrong types, bad values) and those of the content together.
     */
    public Campaign read(InputStream json) throws IOException {
        return check(collect(json.readAllBytes(), false));
    }

    /** Parses without the content checks; throws when the JSON itself is unusable. */
    public Campaign parse(InputStream json) throws IOException {
        Parsed parsed = collect(json.readAllBytes(), false);
        if (!parsed.problems().isEmpty()) {
            throw new InvalidCampaignException(sorted(parsed.problems()));
        }
        return parsed.campaign();
    }

    private Campaign check(Parsed parsed) {
        List<Problem> problems = new ArrayList<>(parsed.problems());
        if (parsed.campaign() != null) {
            for (Problem p : validator.validate(parsed.campaign())) {
                // A value the parser already refused reads as null; don't report it twice.
                if (parsed.problems().stream().noneMatch(q -> within(p.path(), q.path()))) {
                    problems.add(p);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCampaignException(sorted(problems));
        }
        return parsed.campaign();
    }

    /** Whether {@code path} is {@code parent} or lies inside it. */
    static boolean within(String path, String parent) {
        return path.equals(parent) || path.startsWith(parent + ".") || path.startsWith(parent + "[");
    }

    private static List<Problem> sorted(List<Problem> problems) {
        return problems.stream().sorted().distinct().toList();
    }

    private record Parsed(Campaign campaign, List<Problem> problems) {}

    /**
     * Two passes. The first reads the tokens alone: syntax, nesting depth, duplicate keys and what
     * follows the document; a syntax error ends it, since nothing after it can be trusted. The
     * second binds the campaign, recording each value it cannot use and stepping over it.
     */
    private Parsed collect(byte[] json, boolean body) {
        List<Problem> problems = new ArrayList<>();
        if (!scanTokens(json, problems, body)) {
            return new Parsed(null, problems);
        }
        Collector collector = new Collector();
        Campaign campaign = null;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            // Duplicate keys were reported by the token pass; here the last one is read.
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            campaign = mapper.readerFor(Campaign.class).withHandler(collector).readValue(p);
        } catch (JsonProcessingException e) {
            collector.problems.add(problemOf(e));
        } catch (IOException e) {
            collector.problems.add(new Problem("$", "could not be read: " + e.getMessage()));
        }
        problems.addAll(collector.problems);
        return new Parsed(campaign, problems);
    }

    /**
     * The token pass; false when the document is not usable JSON, with the reason added. For a
     * body ({@code body}), a syntax error or broken limit within the first value throws {@link
     * NotJsonException} instead, with the message a plain JSON parser's refusal gives.
     */
    private boolean scanTokens(byte[] json, List<Problem> problems, boolean body) {
        JsonParser parser;
        try {
            parser = mapper.getFactory().createParser(json);
        } catch (IOException e) {
            problems.add(new Problem("$", "could not be read: " + e.getMessage()));
            return false;
        }
        // Whether the parser is within the body's first value, where a refusal means "not JSON".
        boolean firstValue = body;
        // Text values are decoded only where one could break the length limit (the parser checks
        // that limit when it decodes a text; elsewhere it steps over texts without decoding them).
        boolean longTexts = body && json.length > MAX_STRING_LENGTH;
        try (JsonParser p = parser) {
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new Problem("$", "the document is empty; expected a campaign object"));
                return false;
            }
            if (first != JsonToken.START_OBJECT) {
                String found = Collector.describe(p);
                if (body) {
                    skipValue(p, longTexts);
                }
                problems.add(new Problem("$", "expected a campaign object but found " + found));
                return false;
            }
            Deque<Set<String>> names = new ArrayDeque<>();
            names.push(new HashSet<>());
            while (!names.isEmpty()) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    break; // the parser reports a cut-off document itself
                }
                switch (t) {
                    case START_OBJECT -> names.push(new HashSet<>());
                    case END_OBJECT -> names.pop();
                    case FIELD_NAME -> {
                        if (!names.peek().add(p.currentName())) {
                            problems.add(new Problem(
                                    jsonPath(p),
                                    "duplicate field '" + Collector.abbreviate(p.currentName()) + "'" + at(p)
                                            + "; a field may appear only once in an object"));
                        }
                    }
                    case VALUE_STRING -> {
                        if (longTexts) {
                            p.getText();
                        }
                    }
                    default -> {}
                }
            }
            firstValue = false;
            if (p.nextToken() != null) {
                problems.add(new Problem(
                        "$",
                        "more content (" + Collector.describe(p) + ") after the end of the campaign object" + at(p)
                                + "; a document holds one campaign"));
                return false;
            }
            return true;
        } catch (StreamConstraintsException e) {
            if (firstValue) {
                throw new NotJsonException(limitMessage(e));
            }
            problems.add(new Problem(jsonPath(parser), limitMessage(e)));
            return false;
        } catch (JsonProcessingException e) {
            if (firstValue) {
                throw new NotJsonException(
                        e instanceof JsonParseException
                                ? "the body is not valid JSON: " + e.getOriginalMessage() + at(e)
                                : "the body cannot be read as JSON");
            }
            String reason = lowerFirst(clean(e.getOriginalMessage()));
            problems.add(new Problem(
                    jsonPath(parser),
                    (e instanceof JsonEOFException || reason.contains("end-of-input")
                                    ? "the document is cut off before its end: "
                                    : "not valid JSON: ")
                            + reason
                            + at(e)));
            return false;
        } catch (IOException e) {
            if (firstValue) {
                throw new NotJsonException("the body cannot be read as JSON");
            }
            problems.add(new Problem("$", "could not be read: " + e.getMessage()));
            return false;
        }
    }

    /** Steps over the value the parser stands on, to its end (a plain JSON parser reads all of it). */
    private static void skipValue(JsonParser p, boolean longTexts) throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        while (true) {
            if (t == null) {
                return;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING && longTexts) {
                p.getText();
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }

    /** What a broken size limit means, in the words of the format, with no Java names. */
    public static String limitMessage(StreamConstraintsException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().toLowerCase(Locale.ROOT);
        if (m.contains("nesting depth")) {
            return "nested deeper than " + MAX_NESTING_DEPTH + " levels of objects and lists" + at(e)
                    + "; format v1 needs fewer than ten";
        }
        if (m.contains("string value length")) {
            return "a text value is longer than " + MAX_STRING_LENGTH + " characters" + at(e);
        }
        if (m.contains("number value length")) {
            return "a number has more than " + MAX_NUMBER_LENGTH + " digits" + at(e);
        }
        if (m.contains("name length")) {
            return "a field name is longer than " + MAX_NAME_LENGTH + " characters" + at(e);
        }
        return "exceeds a size limit of this service" + at(e);
    }

    private static String at(JsonParser p) {
        return at(p.currentTokenLocation());
    }

    private static String at(JsonProcessingException e) {
        return at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static Problem problemOf(JsonProcessingException e) {
        String path = "$";
        if (e instanceof JsonMappingException mapping) {
            path = jsonPath(mapping.getPath());
        }
        // A limit on a value the token pass stepped over without reading it (a long text).
        if (e instanceof StreamConstraintsException limit) {
            return new Problem(path, limitMessage(limit));
        }
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return new Problem(path, limitMessage(limit));
        }
        return new Problem(path, lowerFirst(clean(e.getOriginalMessage())) + at(e));
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    private static String clean(String message) {
        if (message == null) {
            return "could not be read";
        }
        // Keep Jackson's explanation, drop the Java class names it adds.
        return message.replaceAll("`[A-Za-z_$][\\w$]*(\\.[\\w$]+)+(\\(\\))?`", "the value")
                .replaceAll("\\(class [^)]*\\)", "")
                .replace(": enable the value to allow", ", which JSON does not allow")
                .replaceAll(
                        "\\(not recognized as one since Feature '\\w+' not enabled for parser\\)",
                        "(JSON has no comments)")
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
        return pathOf(p.getParsingContext());
    }

    /** The path of a field of the object at {@code parent}. */
    static String child(String parent, String name) {
        name = Collector.abbreviate(name);
        return parent
                + (name.matches("[A-Za-z_$][A-Za-z0-9_$]*")
                        ? "." + name
                        : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']");
    }

    /**
     * The JSON path of where a parsing context stands: each enclosing object adds the field it is
     * on, each enclosing list the index. A field name that is not a plain identifier is quoted,
     * {@code $['first name']}.
     */
    static String pathOf(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.hasCurrentName()) {
                segments.push(child("", c.getCurrentName()));
            } else if (c.inArray() && c.hasCurrentIndex()) {
                segments.push("[" + c.getCurrentIndex() + "]");
            }
        }
        return "$" + String.join("", segments);
    }

    /** Records what Jackson would stop at, steps over it, and carries on reading. */
    private static final class Collector extends DeserializationProblemHandler {
        private final List<Problem> problems = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            String path = child(objectPath(ctxt, p), propertyName);
            List<String> known = deserializer == null
                    ? List.of()
                    : deserializer.getKnownPropertyNames().stream()
                            .map(String::valueOf)
                            .sorted()
                            .toList();
            problems.add(new Problem(path, unknownField(propertyName, known)));
            p.skipChildren();
            return true;
        }

        /**
         * The path of the object that holds an unknown field. A record's unknown fields are
         * buffered and handed over once the record is read, through a parser of the buffer whose
         * path is not to be trusted; the live parser then stands on the record's last token, or on
         * the field after the one that completed it.
         */
        private static String objectPath(DeserializationContext ctxt, JsonParser p) {
            JsonParser live = ctxt.getParser();
            if (p == live || live == null) {
                JsonStreamContext c = p.getParsingContext();
                if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                    c = c.getParent(); // stepped into the field's value
                }
                return parentOf(c);
            }
            JsonStreamContext c = live.getParsingContext();
            if (live.currentToken() == JsonToken.END_OBJECT) {
                return pathOf(c); // the parser is back in the record's parent
            }
            if (live.currentToken() == JsonToken.START_OBJECT || live.currentToken() == JsonToken.START_ARRAY) {
                c = c.getParent();
            }
            return parentOf(c);
        }

        /** Path of the object whose context this is (the context's own path names its current field). */
        private static String parentOf(JsonStreamContext objectContext) {
            JsonStreamContext parent = objectContext.getParent();
            return parent == null ? "$" : pathOf(parent);
        }

        static String unknownField(String name, List<String> known) {
            StringBuilder sb = new StringBuilder("unknown field '")
                    .append(abbreviate(name))
                    .append('\'');
            if (known.isEmpty()) {
                return sb.toString();
            }
            String closest = null;
            int best = Integer.MAX_VALUE;
            for (String k : known) {
                int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
                if (d < best) {
                    best = d;
                    closest = k;
                }
            }
            if (closest != null && best <= Math.max(1, Math.min(3, name.length() / 4))) {
                sb.append(" (did you mean '").append(closest).append("'?)");
            }
            return sb.append("; fields allowed here: ")
                    .append(String.join(", ", known))
                    .toString();
        }

        /** Edit distance, to suggest the field a typo was meant to be. */
        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }

        @Override
        public Object handleWeirdStringValue(
                DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg) {
            String message;
            if (targetType.isEnum()) {
                message = "'" + abbreviate(valueToConvert) + "' is not " + describe(targetType)
                        + upperCaseHint(targetType, valueToConvert);
            } else {
                message = "'" + abbreviate(valueToConvert) + "' is not " + describe(targetType);
            }
            problems.add(new Problem(jsonPath(ctxt.getParser()), message));
            return null;
        }

        private static String upperCaseHint(Class<?> enumType, String value) {
            String upper =
                    value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            for (Object constant : enumType.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(upper)) {
                    return "; values are written in upper case: '" + upper + "'";
                }
            }
            return "";
        }

        @Override
        public Object handleWeirdNumberValue(
                DeserializationContext ctxt, Class<?> targetType, Number valueToConvert, String failureMsg) {
            String message = targetType.isEnum()
                    ? valueToConvert + " is not " + describe(targetType) + " (write the name, not a number)"
                    : valueToConvert + " is out of range for " + describe(targetType);
            problems.add(new Problem(jsonPath(ctxt.getParser()), message));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(
                DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String failureMsg)
                throws IOException {
            problems.add(new Problem(
                    valuePath(p), "expected " + describe(targetType.getRawClass()) + " but found " + describe(p)));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleMissingInstantiator(
                DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsta, JsonParser p, String msg)
                throws IOException {
            problems.add(new Problem(valuePath(p), "expected " + describe(instClass) + " but found " + describe(p)));
            p.skipChildren();
            return null;
        }

        /**
         * The path of the value the parser stands on. On the start of an object or a list the
         * parser has already stepped inside it, so the path is that of its parent's entry.
         */
        private static String valuePath(JsonParser p) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                return pathOf(p.getParsingContext().getParent());
            }
            return jsonPath(p);
        }

        private static String describe(Class<?> type) {
            if (type == String.class) return "text";
            if (type == Integer.class || type == Long.class) return "a whole number";
            if (type == Double.class) return "a number";
            if (type == Boolean.class) return "true or false";
            if (type == LocalDate.class) return "a date (YYYY-MM-DD, e.g. 2026-09-30)";
            if (type == Instant.class) return "a timestamp (ISO-8601 with a time zone, e.g. 2026-10-01T09:00:00Z)";
            if (Collection.class.isAssignableFrom(type)) return "a list";
            if (type.isEnum()) return "one of " + Arrays.toString(type.getEnumConstants());
            return "an object";
        }

        /** What the parser stands on, as a reader of the JSON would name it. */
        static String describe(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            if (t == null) return "nothing";
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "an object";
                case VALUE_STRING -> "text \"" + abbreviate(p.getText()) + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
                case VALUE_TRUE, VALUE_FALSE -> p.getText();
                case VALUE_NULL -> "null";
                default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
            };
        }

        /** At most 60 characters of what was sent: enough to find it, never a whole value. */
        static String abbreviate(String s) {
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }
    }
}
