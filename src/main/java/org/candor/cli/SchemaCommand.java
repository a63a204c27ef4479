package org.candor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.candor.campaign.CampaignSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code candor schema [-o FILE]}: the JSON Schema of campaign format v1. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the JSON Schema (draft 2020-12) of campaign format v1, generated from the format's records.",
            "Regenerate the checked-in copy with: candor schema -o docs/" + CampaignSchema.ID
        })
final class SchemaCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the schema to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        String text = text();
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Path target = output.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
            spec.commandLine().getErr().println("candor: wrote " + output);
        }
        return CandorCli.PASS;
    }

    /** The schema as the checked-in file holds it: indented, with a final line break. */
    static String text() throws IOException {
        return Json.MAPPER.writeValueAsString(CampaignSchema.generate()) + "\n";
    }
}
