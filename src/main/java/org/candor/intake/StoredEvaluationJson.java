package org.candor.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.candor.evaluation.EvaluationResult;
import org.springframework.stereotype.Component;

/**
 * A new evaluation's result is written as JSON once. The store writes it to keep it ({@link
 * SubmissionStore}, gzip-compressed), and the answer to the submission is that result with the
 * ids beside it: the answer takes the bytes the store wrote rather than writing the result again.
 * It does so only on the thread that stored them, for that very result object (a result does not
 * change once made), written with the very settings the answer is written with (the service's
 * {@code ObjectMapper}'s), and once. Every other evaluation is written as Jackson writes it.
 *
 * <p>A Jackson module: Spring Boot adds it to the service's {@code ObjectMapper}.
 */
@Component
public class StoredEvaluationJson extends SimpleModule {

    /**
     * The result the store last wrote on this thread, its JSON, and the settings that wrote it (an
     * {@code ObjectMapper}'s, or a writer's made from them); one per thread.
     */
    private static final ThreadLocal<Written> LAST = new ThreadLocal<>();

    private record Written(SerializationConfig settings, EvaluationResult result, byte[] json) {}

    public StoredEvaluationJson() {
        super("candor-stored-evaluation");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(
                    SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
                if (description.getBeanClass() == StoredEvaluation.class) {
                    return new Reusing((JsonSerializer<StoredEvaluation>) serializer);
                }
                return serializer;
            }
        });
    }

    /**
     * Remembers, for this thread, that {@code result} was written as {@code json} (a JSON object)
     * with {@code settings} (those of the {@code ObjectWriter} that wrote it).
     */
    static void written(SerializationConfig settings, EvaluationResult result, byte[] json) {
        if (json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
            throw new IllegalArgumentException("not a JSON object");
        }
        LAST.set(new Written(settings, result, json));
    }

    /** Forgets what {@link #written} remembered on this thread. */
    static void forget() {
        LAST.remove();
    }

    /**
     * The JSON written last on this thread for {@code result} with these very {@code settings},
     * taken (a second call finds nothing); null when the thread's last was another result, or
     * written with other settings (another mapper, or a writer with other features), or none.
     */
    static byte[] take(SerializationConfig settings, EvaluationResult result) {
        Written w = LAST.get();
        if (w == null || w.result() != result || w.settings() != settings) {
            return null;
        }
        LAST.remove();
        return w.json();
    }

    /** Jackson's own serializer of {@link StoredEvaluation}, and the way round it for a result just stored. */
    private static final class Reusing extends JsonSerializer<StoredEvaluation>
            implements ResolvableSerializer, ContextualSerializer {
        private final JsonSerializer<StoredEvaluation> standard;

        Reusing(JsonSerializer<StoredEvaluation> standard) {
            this.standard = standard;
        }

        @Override
        public void serialize(StoredEvaluation e, JsonGenerator gen, SerializerProvider provider) throws IOException {
            byte[] json = e.result() == null ? null : take(provider.getConfig(), e.result());
            if (json == null
                    || json.length == 2
                    || gen.getPrettyPrinter() != null
                    || e.id() == null
                    || e.submissionId() == null
                    || e.submittedBy() == null
                    || e.evaluatedBy() == null) {
                standard.serialize(e, gen, provider);
                return;
            }
            // The ids as the record's own serializer writes them, then the result's members
            // (its object without the braces), as @JsonUnwrapped puts them.
            gen.writeStartObject(e);
            gen.writeStringField("id", e.id());
            gen.writeStringField("submissionId", e.submissionId());
            gen.writeStringField("submittedBy", e.submittedBy());
            gen.writeStringField("evaluatedBy", e.evaluatedBy());
            gen.writeRaw(',');
            gen.writeRaw(new Members(json));
            gen.writeEndObject();
        }

        @Override
        public void serializeWithType(
                StoredEvaluation e, JsonGenerator gen, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            standard.serializeWithType(e, gen, provider, types);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (standard instanceof ResolvableSerializer r) {
                r.resolve(provider);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (standard instanceof ContextualSerializer c) {
                JsonSerializer<?> s = c.createContextual(provider, property);
                if (s != standard) {
                    return new Reusing((JsonSerializer<StoredEvaluation>) s);
                }
            }
            return this;
        }

        @Override
        public JsonSerializer<StoredEvaluation> unwrappingSerializer(NameTransformer unwrapper) {
            return standard.unwrappingSerializer(unwrapper);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, StoredEvaluation value) {
            return standard.isEmpty(provider, value);
        }

        @Override
        public boolean usesObjectId() {
            return standard.usesObjectId();
        }

        @Override
        public Class<StoredEvaluation> handledType() {
            return StoredEvaluation.class;
        }
    }

    /**
     * The members of a JSON object, its text without the braces, for {@link JsonGenerator#writeRaw(
     * SerializableString)}: a byte generator copies them as they are, any other takes the decoded
     * text. Raw JSON is never written as a JSON string, so the quoted forms are refused.
     */
    private static final class Members implements SerializableString {
        private final byte[] object;

        Members(byte[] object) {
            this.object = object;
        }

        private int length() {
            return object.length - 2;
        }

        @Override
        public String getValue() {
            return new String(object, 1, length(), StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return Arrays.copyOfRange(object, 1, object.length - 1);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + length() > buffer.length) {
                return -1;
            }
            System.arraycopy(object, 1, buffer, offset, length());
            return length();
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String s = getValue();
            if (offset + s.length() > buffer.length) {
                return -1;
            }
            s.getChars(0, s.length(), buffer, offset);
            return s.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(object, 1, length());
            return length();
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (length() > buffer.remaining()) {
                return -1;
            }
            buffer.put(object, 1, length());
            return length();
        }

        @Override
        public char[] asQuotedChars() {
            throw quoted();
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw quoted();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw quoted();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw quoted();
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw quoted();
        }

        private static UnsupportedOperationException quoted() {
            return new UnsupportedOperationException("JSON members are written raw, never as a JSON string");
        }

        @Override
        public String toString() {
            return getValue();
        }
    }
}
