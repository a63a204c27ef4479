package org.candor.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.candor.bench.ReportCpuTime;
import org.candor.evaluation.EvaluationResult;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * CPU time of storing a typical evaluation's result and answering with it, for A/B comparisons on a
 * busy machine: the store's JSON and gzip ({@link SubmissionStore#compact}) and the answer written
 * by the service's JSON settings into a stream that drops the bytes, as Spring MVC writes it. Three
 * ways, alternated pass by pass on one thread: the store's work alone; the answer written from the
 * objects; the answer taking the JSON the store wrote (what the service does, {@link
 * StoredEvaluationJson}). The results are those of the load generator's 10-post campaigns judged
 * by the default pack. Prints the median and best pass of each way, in microseconds of CPU per
 * submission. In the package of the code it measures, whose hand-over is not public.
 *
 * <p>Usage: {@code AnswerCpuTime [warm passes] [passes] [results]}
 */
public final class AnswerCpuTime {

    private AnswerCpuTime() {}

    /** Counts the bytes written, as a response's stream takes them, and drops them. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    public static void main(String[] args) throws IOException {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        List<EvaluationResult> results = ReportCpuTime.typicalResults(count);
        ObjectMapper mapper = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .modulesToInstall(new StoredEvaluationJson())
                .build();
        SubmissionStore store = new SubmissionStore(null, mapper, null);
        ObjectWriter resultWriter = mapper.writerFor(EvaluationResult.class);
        List<byte[]> json = new ArrayList<>();
        for (EvaluationResult result : results) {
            json.add(resultWriter.writeValueAsBytes(result));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] ways = {"store (JSON and gzip)", "answer written from the objects", "answer taking the stored JSON"};
        double[][] cpu = new double[ways.length][runs];
        long bytes = 0;
        for (int r = -warm; r < runs; r++) {
            for (int way = 0; way < ways.length; way++) {
                long c0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < results.size(); i++) {
                    EvaluationResult result = results.get(i);
                    if (way == 0) {
                        bytes += store.compact(result).length;
                        StoredEvaluationJson.forget();
                        continue;
                    }
                    if (way == 2) {
                        StoredEvaluationJson.written(resultWriter.getConfig(), result, json.get(i));
                    }
                    String id = "00000000-0000-0000-0000-" + (100_000_000_000L + i);
                    CountingStream out = new CountingStream();
                    mapper.writeValue(out, new StoredEvaluation(id, id, "northwind", "northwind", result));
                    bytes += out.count;
                }
                if (r >= 0) {
                    cpu[way][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / count;
                }
            }
        }
        for (int way = 0; way < ways.length; way++) {
            Arrays.sort(cpu[way]);
            System.out.printf(
                    "%s: CPU %.1f us per submission (median of %d passes of %d), best %.1f us%n",
                    ways[way], cpu[way][runs / 2], runs, count, cpu[way][0]);
        }
        System.out.printf(
                "result JSON %.0f bytes on average%n",
                json.stream().mapToInt(b -> b.length).average().orElse(0));
        if (bytes < 0) {
            throw new IllegalStateException();
        }
    }
}
