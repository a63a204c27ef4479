package org.candor.cli.output;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.candor.evaluation.EvaluationResult;

/**
 * One JSON object, the same shape for one campaign or many: the rule set, whether the check
 * failed, {@code results} (each an evaluation result with the source it came from) and
 * {@code rejected} (the inputs that could not be judged, with their problems by JSON path).
 */
final class JsonRenderer implements Renderer {

    /** ISO-8601 dates, indented; shared with the other renderers that write JSON. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** The document written. */
    record Document(
            String tool,
            String toolVersion,
            String ruleSetHash,
            String failOn,
            boolean failed,
            int campaigns,
            List<Result> results,
            List<RejectedInput> rejected) {}

    /** An evaluation result, with where its campaign came from. */
    record Result(String source, @JsonUnwrapped EvaluationResult result) {}

    @Override
    public void render(CheckReport report, OutputStream out) throws IOException {
        List<Result> results = report.campaigns().stream()
                .map(c -> new Result(c.source(), c.result()))
                .toList();
        Document document = new Document(
                "candor",
                report.toolVersion(),
                report.ruleSetHash(),
                report.failOn().name(),
                report.failed(),
                results.size(),
                results,
                report.rejected());
        MAPPER.writeValue(out, document);
        out.write('\n');
        out.flush();
    }
}
